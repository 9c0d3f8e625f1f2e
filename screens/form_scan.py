"""填单, the materials: each required material scanned with the camera, page by page, or
marked as brought on paper.

The scanning step runs a `DocumentScanner` (kiosk/scanning/live.py) on its own thread: it
follows the page under the camera, says what to do (the guidance phrases) and, when the page
has held still, flattens it into the citizen's session. Each new page is uploaded on a worker
thread (`core.platform.upload_attachment`: online it goes to the platform, offline it waits in
the encrypted outbox with its id known at once) and its id goes into the draft. Nothing here
touches the camera or the network on the UI thread; the page's pixels stay in the session and
are zeroed with it.
"""

from __future__ import annotations

from typing import Any

from kivy.clock import Clock
from kivy.properties import NumericProperty, StringProperty

from kiosk.i18n import N_
from kiosk.scanning.guidance import Hint, phrase
from screens.errors import error_words

POLL_S = 0.2


class MaterialScanning:
    """Mixed into the form screen (a KioskScreen with `draft`, `phase`, `app`, `core`)."""

    scan_title = StringProperty("")
    scan_hint = StringProperty("")
    scan_pages = NumericProperty(0)      # pages of this material uploaded (or queued)
    scan_progress = NumericProperty(0.0)

    draft: Any
    core: Any
    app: Any

    def start_scan(self, kind: str) -> None:
        if self.draft is None:
            return
        slot = next(s for s in self.draft.form.attachments if s.kind == kind)
        self._scan_kind = kind
        label = slot.label_zh if self.app.language.startswith("zh") or not slot.label_en \
            else slot.label_en
        self.scan_title = self.app.tr._("拍照：{material}").format(material=label)
        self.scan_pages = len(self.draft.scans.get(kind, []))
        self.scan_progress = 0.0
        self.scan_hint = phrase(Hint.NO_PAGE, self.app.language)
        self.phase, self.message = "scan", ""
        self._scan_session = self.core.sessions.current
        # Imported when the first citizen scans, not with the screen: numpy and OpenCV are
        # not for the UI thread to import while the camera service's thread may be doing so.
        from kiosk.scanning.live import DocumentScanner

        self._scanner = DocumentScanner(self.core.camera, self.core.sessions,
                                        on_page=self._page_taken)
        self._scanner.start()
        self._scan_poll = Clock.schedule_interval(self._scan_refresh, POLL_S)
        self.app.speak(N_("请把材料平放在摄像头下方，拿稳不动，拍好会自动保存。"))

    def stop_scan(self) -> None:
        poll = getattr(self, "_scan_poll", None)
        if poll is not None:
            poll.cancel()
            self._scan_poll = None
        scanner = getattr(self, "_scanner", None)
        self._scanner = None
        if scanner is not None:
            scanner.stop_soon()

    def finish_scan(self) -> None:
        """Done, or back: to the list of materials."""
        self.stop_scan()
        self._show_materials()

    # on the scanner's thread: hand the page to the UI thread
    def _page_taken(self, number: int) -> None:
        Clock.schedule_once(lambda _dt: self._upload(number), 0)

    def _upload(self, number: int) -> None:
        session = self.core.sessions.current
        if session is None or session is not self._scan_session or self.draft is None:
            return
        kind = self._scan_kind
        page = len(self.draft.scans.get(kind, [])) + 1
        from kiosk.scanning.store import page_jpeg

        jpeg = page_jpeg(session, number)
        platform = self.core.platform
        self.run_background(
            lambda: platform.upload_attachment(kind, page, "image/jpeg", bytes(jpeg)),
            lambda submission: self._uploaded(kind, submission), self._upload_failed)

    def _uploaded(self, kind: str, submission: Any) -> None:
        if self.draft is None:
            return
        result = submission.result
        self.draft.add_scan(kind, result if isinstance(result, str) else result.id)
        if getattr(self, "_scan_kind", None) == kind:
            self.scan_pages = len(self.draft.scans.get(kind, []))
            self.scan_hint = self.app.tr._("第{n}页已拍好。还有下一页请换上，没有了请点「拍好了」。"
                                           ).format(n=self.scan_pages)

    def _upload_failed(self, error: BaseException) -> None:
        self.message = self.app.tr._("这一页没有保存：{reason}。请再拍一次。").format(
            reason=error_words(error, self.app.language))

    def _scan_refresh(self, _dt: float) -> None:
        scanner = self._scanner
        if scanner is None:
            return
        session = self.core.sessions.current
        if session is None or session is not self._scan_session:
            self.stop_scan()  # the citizen has gone: the camera is given back
            return
        view = scanner.view
        self.scan_progress = view.progress
        if not view.camera_ok:
            self.scan_hint = self.app.tr._(
                "摄像头暂时不能使用。请点「带纸质材料」，到窗口核验原件。")
        elif view.hint is not Hint.CAPTURED and not (self.scan_pages and
                                                     view.hint is Hint.NO_PAGE):
            self.scan_hint = phrase(view.hint, self.app.language)
