"""填单: pick an item or a 一件事 → the ID card (or the number typed) → the form, prefilled,
one field at a time → the materials → review, masked → submit → the 受理回执 → 好差评.

The draft lives in the citizen's session (`kiosk.forms.open_draft`): walking back and forth
keeps it, the idle timeout wipes it with the session. Submitting runs on a worker thread
(`kiosk.services.applications`): online the platform answers with the application number;
offline the application waits in the encrypted outbox and the receipt carries the local
reference and says so. Nothing invalid is submitted: a field with a problem keeps the citizen
on it, and review lists what is still missing.
"""

from __future__ import annotations

from typing import Any

from kivy.factory import Factory
from kivy.properties import BooleanProperty, NumericProperty, OptionProperty, StringProperty

import kiosk.ime
from kiosk.forms import (
    Draft,
    FormInvalid,
    NoForm,
    discard_draft,
    form_for_bundle,
    form_for_item,
    open_draft,
)
from kiosk.i18n import N_
from kiosk.services.applications import ApplicationDesk, ApplicationOutcome
from screens.base import KioskScreen
from screens.errors import error_words
from screens.form_editor import FieldEditing, shown_value
from screens.form_scan import MaterialScanning
from screens.widgets.keyboard import apply_key
from screens.widgets.paged_list import Row

FORM_KEY = "form_choice"  # in the session: ("item" | "bundle", id) of the form being filled

ID_DIGITS = 18


class FormScreen(FieldEditing, MaterialScanning, KioskScreen):
    phase = OptionProperty("pick", options=["pick", "loading", "identify", "fill", "materials",
                                            "scan", "review", "sending", "done", "failed"])
    message = StringProperty("")
    form_title = StringProperty("")
    section_title = StringProperty("")
    progress = StringProperty("")
    typed_id = StringProperty("")
    review_text = StringProperty("")
    reference = StringProperty("")
    done_notice = StringProperty("")
    sent = BooleanProperty(True)
    index = NumericProperty(0)
    keys_aside = BooleanProperty(False)   # landscape: the keyboard in use beside the form

    def spoken_prompt(self) -> str:
        return N_("请选择要办理的事项。")

    # Only the keyboard in use is in the widget tree: the letters and the pad both have a
    # backspace key, and a hidden one must not be what a finger or the pilot finds.
    def on_phase(self, *_: Any) -> None:
        self._place_keyboards()

    def on_editor(self, *_: Any) -> None:
        self._place_keyboards()

    def on_kv_post(self, base_widget: Any) -> None:
        super().on_kv_post(base_widget)
        self.app.theme.bind(landscape=lambda *_: self._place_keyboards())

    def _place_keyboards(self) -> None:
        if "letters" not in self.ids and not hasattr(self, "_keyboards"):
            return
        if not hasattr(self, "_keyboards"):
            ids = self.ids  # weak proxies: keep the widgets themselves while detached
            self._keyboards = {"letters": (ids.letters.__self__, ids.letters_holder.__self__),
                               "pad": (ids.pad.__self__, ids.pad_holder.__self__)}
        wanted = {"letters": self.phase == "fill" and self.editor == "pinyin",
                  "pad": self.phase == "identify" or (self.phase == "fill"
                                                      and self.editor == "keys")}
        landscape = bool(self.app.theme.landscape)
        for name, (keyboard, holder) in self._keyboards.items():
            target = self.ids.side.__self__ if landscape else holder
            if keyboard.parent is not None and (not wanted[name] or keyboard.parent is not target):
                keyboard.parent.remove_widget(keyboard)
            if wanted[name] and keyboard.parent is None:
                target.add_widget(keyboard)
        self.keys_aside = landscape and any(wanted.values())

    def enter(self, **params: Any) -> None:
        self.draft: Draft | None = None
        self._fields: list[Any] = []
        self._catalogue: Any = None
        self.message = self.form_title = self.section_title = self.progress = ""
        self.typed_id = self.review_text = self.reference = self.done_notice = ""
        self.run_background(kiosk.ime.preload)  # the dictionary, before the first letter
        self.phase = "loading"
        self._asked = params.get("item_id") or params.get("bundle_id")  # from 办事指南
        self._asked_kind = "item" if params.get("item_id") else "bundle"
        self.run_background(self.core.platform.catalogue, self._list_forms, self._failed)

    def leave(self) -> None:
        self.stop_scan()
        self.draft = None
        self.field_value = self.review_text = self.typed_id = self.preedit = ""
        self.ids.candidates.clear_widgets()
        if hasattr(self.ids.signature_pad, "signature"):
            self.ids.signature_pad.signature = None
            self.ids.signature_pad.canvas.after.clear()

    # picking the form -------------------------------------------------------------------------

    def _list_forms(self, catalogue: Any) -> None:
        self._catalogue = catalogue
        session = self.core.sessions.current
        chosen = session.get(FORM_KEY) if session is not None else None
        if self._asked:  # 在本机填单 on an item's guide page
            asked, self._asked = self._asked, ""
            self.open_form(self._asked_kind, asked)
            return
        if chosen:  # back on this screen within the session: the draft goes on
            self.open_form(*chosen)
            return
        self.phase = "pick"
        self.ids.form_list.show(self._form_rows(catalogue))

    def _form_rows(self, catalogue: Any) -> list[Row]:
        """Items with a form, category by category (as the guide shelves them), then the
        一件事 whose items have forms."""
        english = not self.app.language.startswith("zh")
        categories = {c.id: c for c in catalogue.categories}

        def where(item: Any) -> tuple[int, str]:
            first = next((categories[c] for c in item.category_ids if c in categories), None)
            return (first.sort, first.id) if first is not None else (1 << 30, "")

        rows = []
        for item in sorted((i for i in catalogue.items if i.form_id), key=where):
            first = next((categories[c] for c in item.category_ids if c in categories), None)
            shelf = "" if first is None else (first.name_en if english else first.name_zh)
            rows.append(Row(f"form_{item.id}", item.name_en if english and item.name_en
                            else item.name, " · ".join(p for p in (shelf, item.department) if p),
                            on_tap=lambda key=item.id: self.open_form("item", key)))
        for bundle in catalogue.bundles:
            try:
                form_for_bundle(catalogue, bundle.id)
            except NoForm:
                continue
            rows.append(Row(f"form_{bundle.id}", bundle.name_en if english and bundle.name_en
                            else bundle.name, self.app.tr._("一件事 · 一次填写"),
                            badge=self.app.tr._("一件事"),
                            on_tap=lambda key=bundle.id: self.open_form("bundle", key)))
        return rows

    def open_form(self, kind: str, key: str) -> None:
        try:
            form = (form_for_bundle if kind == "bundle" else form_for_item)(self._catalogue, key)
        except NoForm as missing:
            self.message = missing.message_zh if self.app.language.startswith("zh") \
                else missing.message_en
            self.phase = "failed"
            return
        session = self.core.sessions.begin()
        session.put(FORM_KEY, (kind, key))
        self.draft = open_draft(session, form, today=self.core.identity.today)
        self._fields = list(form.fields())
        self.form_title = form.title if self.app.language.startswith("zh") or not form.title_en \
            else form.title_en
        card = self.core.identity.current_card()
        if card is not None:
            self._use_card(card)
        elif self.draft.values:
            self._go_field(0)
        else:
            self.phase, self.message = "identify", ""
            self.app.speak(N_("请把身份证放在读卡区，资料会自动填好；或输入身份证号码。"))

    # the applicant ----------------------------------------------------------------------------

    def _use_card(self, card: Any) -> None:
        if self.draft is None:
            return
        self.draft.prefill(card)
        self._go_field(0)

    def on_identity(self, event: Any) -> None:
        if event.card is not None and self.phase == "identify":
            self._use_card(event.card)

    def on_id_key(self, key: str) -> None:
        self.typed_id = apply_key(self.typed_id, key, ID_DIGITS)
        self.message = ""

    def use_typed_id(self) -> None:
        if self.draft is None:
            return
        if self.draft.form.has_field("id_number"):  # the draft (in the session) keeps it
            problem = self.draft.set("id_number", self.typed_id)
            if problem is not None:
                self.message = problem.text(self.app.language)
                return
        self.typed_id = ""  # not kept on the screen once it is in the draft
        self._go_field(0)

    # walking the fields -----------------------------------------------------------------------

    def _go_field(self, index: int) -> None:
        if self.draft is None:
            return
        self.index = max(0, min(index, len(self._fields) - 1))
        spec = self._fields[self.index]
        section = self.draft.form.sections[spec.section]
        self.section_title = section.title_zh if self.app.language.startswith("zh") \
            else section.title_en
        self.progress = f"{self.index + 1} / {len(self._fields)}"
        self.message = ""
        self.phase = "fill"
        self.show_field(spec)

    def next_field(self) -> None:
        if not self.commit_field():
            return
        if self.index + 1 < len(self._fields):
            self._go_field(self.index + 1)
        else:
            self._show_materials()

    def previous_field(self) -> None:
        if self.phase == "fill" and self.index > 0:
            self.commit_field()
            self._go_field(self.index - 1)
        elif self.phase == "fill":
            self.phase = "pick" if self.core.identity.current_card() else "identify"
            if self.phase == "pick":
                self.back_to_list()

    def back_to_list(self) -> None:
        session = self.core.sessions.current
        if session is not None:
            session.put(FORM_KEY, None)
        if self._catalogue is not None:
            self._list_forms(self._catalogue)

    # materials and review ---------------------------------------------------------------------

    def _show_materials(self) -> None:
        if self.draft is None:
            return
        if not self.draft.form.attachments:
            self.show_review()
            return
        if self.phase == "fill":
            self.app.speak(N_("每项材料请拍照上传，或确认带了纸质材料（到窗口核验）。"))
        self.phase, self.message = "materials", ""
        box = self.ids.materials
        box.clear_widgets()
        tr = self.app.tr._
        for slot in self.draft.form.attachments:
            pages = len(self.draft.scans.get(slot.kind, []))
            if pages:
                state = tr("已拍{n}页").format(n=pages)
            elif slot.kind in self.draft.on_paper:
                state = tr("带纸质材料，到窗口核验")
            else:
                state = tr("必交") if slot.required else tr("选交")
            label = slot.label_zh if self.app.language.startswith("zh") or not slot.label_en \
                else slot.label_en
            row = Factory.MaterialRow()
            row.title, row.state = label, state
            row.done = bool(pages) or slot.kind in self.draft.on_paper
            row.ids.scan.kid = f"scan_{slot.kind}"
            row.ids.paper.kid = f"paper_{slot.kind}"
            row.ids.paper.chosen = slot.kind in self.draft.on_paper
            row.ids.scan.bind(on_release=lambda _b, kind=slot.kind: self.start_scan(kind))
            row.ids.paper.bind(on_release=lambda _b, kind=slot.kind: self.toggle_paper(kind))
            box.add_widget(row)

    def toggle_paper(self, kind: str) -> None:
        if self.draft is not None:
            self.draft.mark_on_paper(kind, kind not in self.draft.on_paper)
            self._show_materials()

    def show_review(self) -> None:
        if self.draft is None:
            return
        missing = self.draft.missing_materials()
        if self.phase == "materials" and missing:
            self.message = self.app.tr._("还有必须提交的材料没有确认，请逐项确认。")
            return
        language = self.app.language
        lines = []
        for spec in self._fields:
            value = shown_value(spec, self.draft.values.get(spec.name), masked=True,
                                language=language)
            lines.append(f"{spec.label(language)}：{value or '—'}")
        for slot in self.draft.form.attachments:
            label = slot.label_zh if language.startswith("zh") or not slot.label_en \
                else slot.label_en
            pages = len(self.draft.scans.get(slot.kind, []))
            if pages:
                lines.append(f"{label}{'：' if language.startswith('zh') else ': '}"
                             + self.app.tr._("已拍{n}页").format(n=pages))
            elif slot.kind in self.draft.on_paper:
                lines.append(self.app.tr._("{material}：带纸质材料").format(material=label))
        self.review_text = "\n".join(lines)
        problems = self.draft.problems() + missing
        self.message = self.app.tr._("还有{n}项需要填写或改正。").format(n=len(problems)) \
            if problems else ""
        self.phase = "review"
        self.app.speak(N_("请核对后提交"))

    def edit_again(self) -> None:
        problems = self.draft.problems() if self.draft is not None else []
        first = next((i for i, s in enumerate(self._fields)
                      if problems and s.name == problems[0].field), 0)
        self._go_field(first)

    # submitting -------------------------------------------------------------------------------

    def submit(self) -> None:
        if self.phase != "review" or self.draft is None:
            return  # a double tap: one application
        draft = self.draft
        card = self.core.identity.current_card()
        applicant = {"name": card.name or "", "id_number": card.id_number} \
            if card is not None else None
        config = self.core.config.kiosk
        desk = ApplicationDesk(self.core.platform, self.core.printer,
                               hall_name=config.hall_name, kiosk_id=config.id)
        self.phase, self.message = "sending", ""
        self.run_background(lambda: desk.submit(draft, applicant=applicant), self._submitted,
                            self._not_submitted)

    def _submitted(self, outcome: ApplicationOutcome) -> None:
        tr = self.app.tr._
        session = self.core.sessions.current
        discard_draft(session)
        if session is not None:
            session.put(FORM_KEY, None)
        self.draft = None
        self.core.metrics.application_submitted(sent=outcome.sent)
        self.reference, self.sent = outcome.reference, outcome.sent
        notices = [tr("申请已提交，请取走受理回执。") if outcome.sent else
                   tr("本机暂时连不上政务平台，申请已加密保存在本机，连网后自动提交。请凭本地编号查询。")]
        if not outcome.printed:
            reason = outcome.print_error.message(self.app.language) if outcome.print_error \
                else ""
            notices.append(tr("回执没有打印出来（{reason}）。请记下编号。").format(
                reason=reason.rstrip("。.")))
        self.done_notice = "".join(notices)
        self.phase = "done"
        self.app.speak(N_("申请已提交，请取走受理回执。"))

    def _not_submitted(self, error: BaseException) -> None:
        if isinstance(error, FormInvalid):
            self.phase = "review"
            self.message = self.app.tr._("还有{n}项需要填写或改正。").format(
                n=len(error.problems))
            return
        self.phase = "review"
        self.message = self.app.tr._("申请没有提交：{reason}。请稍后再试。").format(
            reason=error_words(error, self.app.language))

    def _failed(self, error: BaseException) -> None:
        self.phase = "failed"
        self.message = self.app.tr._("事项清单暂时取不到：{reason}。请到窗口办理。").format(
            reason=error_words(error, self.app.language))

    def evaluate(self) -> None:
        self.app.go("evaluation", application_number=self.reference if self.sent else None)
