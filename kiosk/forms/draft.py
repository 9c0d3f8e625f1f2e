"""The form being filled in, kept in the citizen's session so it survives walking between the
form's screens (fields, scans, review) and goes when the session ends.

    draft = open_draft(core.sessions.begin(), form, today=core.identity.today())
    problem = draft.set("phone", "1390710", typing=True)   # None: not wrong, only unfinished
    draft.prefill(card)                                     # from the ID card, by the schema
    draft.problems()                                        # everything still wrong, in order

One draft per session: opening another form's draft wipes the previous one. The draft's
values (names, numbers, addresses, signatures) are personal data: `wipe` clears them, and the
session calls it when it is wiped (idle timeout, home, a new card).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from drivers.idreader.card import IdentityCard
from kiosk.forms.form import Form
from kiosk.forms.messages import Problem, problem
from kiosk.forms.prefill import prefill
from kiosk.forms.validation import is_empty, normalise
from kiosk.forms.values import Address, Signature
from kiosk.session import CitizenSession

DRAFT_KEY = "form_draft"


class Draft:
    def __init__(self, form: Form, today: date | Callable[[], date]) -> None:
        self.form = form
        self._today = today
        self.values: dict[str, Any] = {}
        self.prefilled: set[str] = set()
        self.scans: dict[str, list[str]] = {}   # attachment slot → attachment ids, page order
        self.on_paper: set[str] = set()         # slots the citizen hands in on paper instead

    @property
    def today(self) -> date:
        return self._today() if callable(self._today) else self._today

    # fields -----------------------------------------------------------------------------------

    def get(self, name: str, default: Any = None) -> Any:
        self.form.field(name)
        return self.values.get(name, default)

    def set(self, name: str, value: Any, *, typing: bool = False) -> Problem | None:
        """Keep the value (even a wrong one: the citizen is still at it) and say what, if
        anything, to show beside the field. `typing`: the citizen has not left the field."""
        spec = self.form.field(name)
        value = normalise(spec.field, value)
        if is_empty(value):
            self.values.pop(name, None)
        else:
            self.values[name] = value
        self.prefilled.discard(name)
        return spec.check(value, self.today, typing=typing)

    def problem(self, name: str) -> Problem | None:
        return self.form.field(name).check(self.values.get(name), self.today)

    def problems(self, section: int | None = None) -> list[Problem]:
        """Every field still wrong (of one section, or of the whole form), in form order."""
        found = []
        for spec in self.form.fields():
            if section is not None and spec.section != section:
                continue
            issue = spec.check(self.values.get(spec.name), self.today)
            if issue is not None:
                found.append(issue)
        return found

    def prefill(self, card: IdentityCard) -> list[str]:
        """Fill the fields the schema maps to the ID card and the citizen left empty."""
        filled = prefill(self.form, card, self.values)
        self.prefilled.update(filled)
        return filled

    # materials --------------------------------------------------------------------------------

    def add_scan(self, kind: str, attachment_id: str) -> None:
        self._slot(kind)
        self.scans.setdefault(kind, []).append(attachment_id)
        self.on_paper.discard(kind)

    def mark_on_paper(self, kind: str, on_paper: bool = True) -> None:
        self._slot(kind)
        if on_paper:
            self.on_paper.add(kind)
        else:
            self.on_paper.discard(kind)

    def missing_materials(self) -> list[Problem]:
        """Required materials neither scanned nor marked as brought on paper."""
        return [problem(f"attachment:{slot.kind}", "required", "required")
                for slot in self.form.attachments
                if slot.required and not self.scans.get(slot.kind)
                and slot.kind not in self.on_paper]

    def _slot(self, kind: str) -> None:
        if kind not in {slot.kind for slot in self.form.attachments}:
            raise KeyError(f"the form {self.form.key} has no material {kind!r}")

    # the end ----------------------------------------------------------------------------------

    @property
    def complete(self) -> bool:
        return not self.problems() and not self.missing_materials()

    def wipe(self) -> None:
        for value in self.values.values():
            if isinstance(value, Address | Signature):
                value.wipe()
        self.values.clear()
        self.prefilled.clear()
        self.scans.clear()
        self.on_paper.clear()

    def __repr__(self) -> str:  # never the values: they are personal
        return f"Draft({self.form.key}, {len(self.values)} fields filled)"


def current_draft(session: CitizenSession | None) -> Draft | None:
    draft = session.get(DRAFT_KEY) if session is not None else None
    return draft if isinstance(draft, Draft) else None


def open_draft(session: CitizenSession, form: Form, *,
               today: date | Callable[[], date]) -> Draft:
    """The session's draft of `form`, or a new one (wiping a draft of another form)."""
    draft = current_draft(session)
    if draft is not None and draft.form.key == form.key:
        return draft
    if draft is not None:
        draft.wipe()
    draft = Draft(form, today)
    session.put(DRAFT_KEY, draft)
    return draft


def discard_draft(session: CitizenSession | None) -> None:
    """Drop the draft (after a submission, or when the citizen starts over)."""
    draft = current_draft(session)
    if draft is not None and session is not None:
        draft.wipe()
        session.put(DRAFT_KEY, None)
