"""填单: the field on screen and what the keys, pickers and pad do to it.

One field at a time, large: its label, the value, the problem beside it (said as the citizen
types), and the input it needs: the letters with the pinyin input method and its candidate
bar, a numeric pad (digits; with a point, a dash or X), a date picker, choice buttons, the
region picker (province → city → county → township, then the rest typed), the consent box, or
the signature pad. Every change goes into the draft in the citizen's session at once, so the
draft survives walking back and forth; the draft, not this screen, holds the values.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from kivy.factory import Factory
from kivy.properties import BooleanProperty, ListProperty, StringProperty

import kiosk.ime
from kiosk.forms import Address, Draft, FieldSpec, Signature, region_tree
from kiosk.forms.validation import date_bound
from kiosk.masking import mask_address, mask_id_number, mask_name, mask_phone
from screens.widgets.common import KButton
from screens.widgets.keyboard import apply_key

PADS = {"numeric": "digits", "decimal": "decimal", "phone": "phone", "id_number": "id_number"}
MAX_TYPED = 200


class FormButton(KButton):
    """A button made for one form's choices, regions or candidates."""

    kid = StringProperty("")
    value = StringProperty("")
    chosen = BooleanProperty(False)


def shown_value(spec: FieldSpec, value: Any, *, masked: bool, language: str) -> str:
    """The value in words; personal data masked when `masked`."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, Address):
        return mask_address(value.text()) if masked else value.text()
    if isinstance(value, Signature):
        return "已签名" if language.startswith("zh") else "Signed"
    if isinstance(value, date):
        return value.isoformat()
    if value is True:
        return "已同意" if language.startswith("zh") else "Agreed"
    choices = spec.field.rules.choices or []
    if choices:
        labels = {c.value: (c.label_zh if language.startswith("zh") else c.label_en)
                  for c in choices}
        values = value if isinstance(value, list) else [value]
        return "、".join(labels.get(v, str(v)) for v in values)
    text = str(value)
    if masked and spec.personal:
        masker = {"id_number": mask_id_number, "phone": mask_phone}.get(spec.type.value)
        return masker(text) if masker else mask_name(text)
    return text


class FieldEditing:
    """Mixed into the form screen (a Kivy screen with these properties)."""

    editor = StringProperty("keys")       # keys, pinyin, date, choice, region, consent, signature
    pad_layout = StringProperty("digits")
    field_title = StringProperty("")
    field_help = StringProperty("")
    field_value = StringProperty("")
    field_problem = StringProperty("")
    preedit = StringProperty("")
    region_path = StringProperty("")
    has_prev_page = BooleanProperty(False)
    has_next_page = BooleanProperty(False)
    candidates = ListProperty([])
    is_address = BooleanProperty(False)
    consent_text = StringProperty("")

    draft: Draft | None
    ids: Any
    app: Any

    # showing a field --------------------------------------------------------------------------

    def show_field(self, spec: FieldSpec) -> None:
        self._spec = spec
        self._ime = kiosk.ime.InputSession(page_size=6)
        self._region_code = ""
        self.preedit, self.field_problem = "", ""
        language = self.app.language
        self.field_title = spec.label(language) + ("" if spec.required else
                                                    self.app.tr._("（选填）"))
        self.field_help = spec.field.help_zh if language.startswith("zh") else ""
        keyboard = spec.keyboard
        self.is_address = keyboard == "region"
        self.consent_text = spec.field.rules.consent_text or ""
        if keyboard in PADS:
            self.editor, self.pad_layout = "keys", PADS[keyboard]
        elif keyboard == "region":
            value = self.draft.get(spec.name) if self.draft else None
            self.editor = "pinyin" if isinstance(value, Address) and value.region_text \
                else "region"
        else:
            self.editor = keyboard
        if self.editor == "region":
            self._show_regions("")
        elif self.editor == "choice":
            self._show_choices()
        elif self.editor == "signature":
            value = self.draft.get(spec.name) if self.draft else None
            self.ids.signature_pad.start(value if isinstance(value, Signature) else None)
        self._refresh_candidates()
        self._show_value()
        if self.draft is not None and spec.name not in self.draft.values and \
                self.editor == "date":
            self._set(self._date_start(), typing=True)

    def _value(self) -> Any:
        return self.draft.get(self._spec.name) if self.draft is not None else None

    def _show_value(self) -> None:
        value = self._value()
        masked = self.draft is not None and self._spec.name in self.draft.prefilled
        self.field_value = shown_value(self._spec, value, masked=masked,
                                       language=self.app.language)

    def _set(self, value: Any, *, typing: bool) -> None:
        if self.draft is None:
            return
        problem = self.draft.set(self._spec.name, value, typing=typing)
        self.field_problem = problem.text(self.app.language) if problem else ""
        self._show_value()

    def commit_field(self) -> bool:
        """The citizen leaves the field: finish the pinyin, check it for good."""
        if self.draft is None:
            return False
        if self.preedit:
            self._type_text(self._ime.finish())
        problem = self.draft.problem(self._spec.name)
        self.field_problem = problem.text(self.app.language) if problem else ""
        return problem is None

    # keys: pads and letters -------------------------------------------------------------------

    def _typed_text(self) -> str:
        value = self._value()
        if isinstance(value, Address):
            return value.detail
        if self.draft is not None and self._spec.name in self.draft.prefilled:
            return str(value or "")
        return "" if value is None else str(value)

    def _type_text(self, text: str) -> None:
        value = self._value()
        if isinstance(value, Address):
            value.detail = (value.detail + text)[:MAX_TYPED]
            self._set(value, typing=True)
        else:
            self._set((self._typed_text() + text)[:MAX_TYPED], typing=True)

    def on_pad_key(self, key: str) -> None:
        self._set(apply_key(self._typed_text(), key, MAX_TYPED), typing=True)

    def on_letter(self, key: str) -> None:
        if key == "backspace" and self.preedit:
            self._ime.backspace()
        elif key == "backspace" or key == "clear":
            self._ime = kiosk.ime.InputSession(page_size=6)
            value = self._value()
            if isinstance(value, Address):
                value.detail = apply_key(value.detail, key, MAX_TYPED)
                self._set(value, typing=True)
            else:
                self._set(apply_key(self._typed_text(), key, MAX_TYPED), typing=True)
        else:
            self._ime.type(key)
        self._refresh_candidates()

    def choose_candidate(self, index: int) -> None:
        done = self._ime.choose(index)
        if done is not None:
            self._type_text(done)
        self._refresh_candidates()

    def candidate_page(self, step: int) -> None:
        self._ime.next_page() if step > 0 else self._ime.prev_page()
        self._refresh_candidates()

    def _refresh_candidates(self) -> None:
        self.preedit = self._ime.preedit
        page = self._ime.page if self.preedit else []
        self.has_prev_page = bool(self.preedit) and self._ime.has_prev
        self.has_next_page = bool(self.preedit) and self._ime.has_next
        box = self.ids.candidates
        box.clear_widgets()
        for index, candidate in enumerate(page):
            button = Factory.FormButton(kid=f"candidate_{index}", text=candidate.text,
                                        bg=self.app.theme.c("surface"),
                                        fg=self.app.theme.c("text"))
            button.bind(on_release=lambda _b, i=index: self.choose_candidate(i))
            box.add_widget(button)

    # dates ------------------------------------------------------------------------------------

    def _date_start(self) -> date:
        today = self.draft.today if self.draft is not None else date.today()
        rules = self._spec.field.rules
        low, high = date_bound(rules.min_date, today), date_bound(rules.max_date, today)
        start = high if high is not None and high < today else today
        return low if low is not None and start < low else start

    def step_date(self, part: str, step: int) -> None:
        value = self._value() if isinstance(self._value(), date) else self._date_start()
        year, month, day = value.year, value.month, value.day
        if part == "year":
            year += step
        elif part == "month":
            month = (month - 1 + step) % 12 + 1
        else:
            self._set(value + timedelta(days=step), typing=False)
            return
        for last in (day, 30, 29, 28):
            try:
                self._set(date(year, month, last), typing=False)
                return
            except ValueError:
                continue

    # choices ----------------------------------------------------------------------------------

    def _show_choices(self) -> None:
        box = self.ids.choices
        box.clear_widgets()
        language = self.app.language
        chosen = self._value()
        chosen = chosen if isinstance(chosen, list) else [chosen]
        for choice in self._spec.field.rules.choices or []:
            button = Factory.FormButton(
                kid=f"choice_{choice.value}", value=choice.value,
                text=choice.label_zh if language.startswith("zh") else choice.label_en,
                chosen=choice.value in chosen)
            button.bind(on_release=lambda b: self.pick_choice(b.value))
            box.add_widget(button)

    def pick_choice(self, value: str) -> None:
        if self._spec.field.rules.multiple:
            chosen = list(self._value() or [])
            chosen.remove(value) if value in chosen else chosen.append(value)
            self._set(chosen, typing=False)
        else:
            self._set(value, typing=False)
        self._show_choices()

    # regions ----------------------------------------------------------------------------------

    def change_region(self) -> None:
        self.editor = "region"
        self._show_regions("")

    def _show_regions(self, parent: str) -> None:
        tree = region_tree()
        self._region_code = parent
        regions = tree.children(parent) if parent else tree.provinces()
        self.region_path = "".join(r.name for r in tree.path(parent)) if parent else ""
        box = self.ids.regions
        box.clear_widgets()
        for region in regions:
            button = Factory.FormButton(kid=f"region_{region.code}", value=region.code,
                                        text=region.label, text_role="body",
                                        bg=self.app.theme.c("surface"),
                                        fg=self.app.theme.c("text"))
            button.bind(on_release=lambda b: self.pick_region(b.value))
            box.add_widget(button)

    def pick_region(self, code: str) -> None:
        tree = region_tree()
        if tree.children(code):
            self._show_regions(code)
            return
        value = self._value()
        detail = value.detail if isinstance(value, Address) and value.region_text else ""
        self._set(Address(code, tree.address_text(code), detail), typing=True)
        self.editor = "pinyin"
        self._refresh_candidates()

    def region_up(self) -> None:
        tree = region_tree()
        path = tree.path(self._region_code) if self._region_code else []
        self._show_regions(path[-2].code if len(path) > 1 else "")

    # consent and signature --------------------------------------------------------------------

    def toggle_consent(self) -> None:
        self._set(None if self._value() is True else True, typing=False)

    def signed(self, signature: Signature) -> None:
        self._set(signature, typing=True)

    def clear_signature(self) -> None:
        self.ids.signature_pad.clear()
        self._set(None, typing=True)
