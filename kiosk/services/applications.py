"""填单, the last step: submit a finished draft and print its 受理回执.

    desk = ApplicationDesk(core.platform, core.printer, hall_name=..., kiosk_id=...)
    outcome = desk.submit(draft, card=card)        (on a worker thread)

Every application the draft makes (one, or one per item form of a 一件事) is handed to the
platform service: online it answers with the application number; offline the application waits
in the encrypted outbox and the citizen gets the local reference the platform files it under
when it arrives. The receipt is printed either way; a printer fault does not lose the
application (it is already with the platform or in the outbox): the outcome says so, and the
screen shows the number to write down.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from drivers.printer.errors import PrinterError
from kiosk.forms import Draft, build_requests, new_local_reference, receipt_reference
from kiosk.receipts.acknowledgement import acknowledgement_receipt
from kiosk.receipts.models import AcknowledgementInfo, Material

log = logging.getLogger(__name__)

OFFLINE_NOTE = "本机暂时连不上政务平台，申请已加密保存在本机，连网后自动提交，凭此编号查询。"


@dataclass(frozen=True)
class ApplicationOutcome:
    reference: str                 # the application number, or the local reference offline
    sent: bool
    title: str
    printed: bool
    print_error: PrinterError | None = None


def add_working_days(start: date, days: int) -> date:
    """`days` working days after `start` (weekends skipped; holidays are the platform's)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


class ApplicationDesk:
    def __init__(self, platform: Any, printer: Any, *, hall_name: str, kiosk_id: str,
                 now: Any = datetime.now) -> None:
        self.platform = platform
        self.printer = printer
        self.hall_name = hall_name
        self.kiosk_id = kiosk_id
        self._now = now

    def submit(self, draft: Draft, *, applicant: dict[str, str] | None = None,
               ticket_id: str | None = None) -> ApplicationOutcome:
        """Submit every application of `draft` (FormInvalid if anything is wrong), then print
        the receipt for the first one."""
        requests = build_requests(draft, ticket_id=ticket_id, applicant=applicant,
                                  local_reference=new_local_reference(self.kiosk_id))
        submissions = [self.platform.submit_application(r) for r in requests]
        first = submissions[0]
        reference = receipt_reference(self.kiosk_id, first, requests[0])
        sent = all(s.sent for s in submissions)
        info = self._info(draft, requests[0], first, reference)
        try:
            self.printer.print_receipt(acknowledgement_receipt(info))
        except PrinterError as exc:
            log.warning("acknowledgement not printed", extra={"reason": exc.reason})
            return ApplicationOutcome(reference, sent, draft.form.title, False, exc)
        return ApplicationOutcome(reference, sent, draft.form.title, True)

    def _info(self, draft: Draft, request: Any, submission: Any,
              reference: str) -> AcknowledgementInfo:
        catalogue = self.platform.catalogue()
        item = next((i for i in catalogue.items if i.id == request.item_id), None)
        bundle = next((b for b in catalogue.bundles if b.id == draft.form.bundle_id), None)
        days = bundle.promised_limit_days if bundle is not None else (
            item.guide.promised_limit_days if item is not None else 0)
        now = self._now()
        application = submission.result if submission.sent else None
        promised = getattr(application, "promised_by", None) or add_working_days(now.date(),
                                                                                  days)
        # Offline the QR holds the local reference itself: 办件查询 reads it from the receipt,
        # and the platform finds the application by it once it has arrived.
        url = getattr(application, "status_url", "") or reference
        materials = tuple(
            Material(slot.label_zh, "电子件" if draft.scans.get(slot.kind) else "原件",
                     max(1, len(draft.scans.get(slot.kind, []))))
            for slot in draft.form.attachments
            if draft.scans.get(slot.kind) or slot.kind in draft.on_paper)
        return AcknowledgementInfo(
            hall_name=self.hall_name, application_no=reference, item_name=draft.form.title,
            department=item.department if item is not None else self.hall_name,
            applicant_name=request.applicant.name or "",
            applicant_id_number=request.applicant.id_number or "",
            accepted_at=now, promised_days=days, promised_date=promised, progress_url=url,
            materials=materials, window=item.guide.place.window if item is not None else None,
            phone=item.guide.place.phone or None if item is not None else None,
            note=None if submission.sent else OFFLINE_NOTE)
