"""What the screens call for anything that involves the county platform.

Online when the platform answers, offline when it does not, and the citizen sees the same
screens either way: tickets come from this kiosk's reserved blocks, writes wait in the
encrypted outbox, and the catalogue, the hall and its categories come from the cache.

Every method blocks (network, disk): call them through the background runner, never on the
UI thread. Until `start` has finished (the embedded platform is starting, the local database
opening) they wait up to `READY_TIMEOUT_S`.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kiosk.platform.contract import (
    Application,
    ApplicationRequest,
    Appointment,
    AppointmentCheckIn,
    Attachment,
    Catalogue,
    CheckInResult,
    Evaluation,
    EvaluationReason,
    EvaluationRequest,
    Hall,
    HelpRequest,
    HelpRequestBody,
    OfflineIssue,
    PrintState,
    PriorityReason,
    QueueCategory,
    Ticket,
    TicketRequest,
    TicketStatus,
    attachment_id,
)
from kiosk.platform.errors import (
    PlatformProtocolError,
    PlatformRejected,
    PlatformUnavailable,
)
from kiosk.platform.runtime import PlatformRuntime

log = logging.getLogger(__name__)

READY_TIMEOUT_S = 20.0


def new_key() -> str:
    return secrets.token_urlsafe(18)


@dataclass(frozen=True)
class Submission:
    """A write handed over: `sent` with the platform's answer, or queued to go later."""

    key: str
    sent: bool
    result: Any = None


class PlatformService(PlatformRuntime):
    """The platform, online or off, for the screens."""

    @property
    def offline(self) -> bool:
        """Whether the kiosk is working without the platform (say so on screen)."""
        return self.link.state in ("offline", "unreachable")

    # queue
    def hall(self) -> Hall:
        return self.read_through("hall", lambda: self.parts().api.hall(), Hall)

    def categories(self) -> list[QueueCategory]:
        return self.read_through("categories", lambda: self.parts().api.categories(),
                                 list[QueueCategory])

    def issue_ticket(self, category_id: str, *, priority_reason: PriorityReason | None = None,
                     appointment_code: str | None = None,
                     id_number: str | None = None) -> Ticket:
        """A ticket: from the platform, or from this kiosk's offline block when it cannot be
        reached. Raises `PlatformRejected` (closed, no such category) or `PlatformUnavailable`
        (offline and no block left)."""
        parts = self.parts()
        request = TicketRequest(category_id=category_id, priority_reason=priority_reason,
                                appointment_code=appointment_code, id_number=id_number)
        key = new_key()
        tried = None
        if not self.offline:
            try:
                ticket = parts.api.issue_ticket(request, key)
                self.remember_status_url(ticket.status_url, ticket.id)
                return ticket
            except (PlatformUnavailable, PlatformProtocolError):
                tried = key  # the platform may have made it: the offline one replaces it
            except PlatformRejected as exc:
                if exc.status != 401:
                    raise
                # Our key or clock is refused (the status bar says so for the technician);
                # the citizen still gets a number, which waits in the outbox.
                log.error("platform refused this kiosk (%s); ticket issued offline", exc.code)
        return self._issue_offline(request, tried)

    def _issue_offline(self, request: TicketRequest, superseded: str | None) -> Ticket:
        parts = self.parts()
        now = datetime.now(UTC)
        ticket_id = "t" + secrets.token_hex(10)
        with parts.db.transaction() as conn:
            number = parts.numbers.take(conn, request.category_id, self.today())
            if number is None:
                raise PlatformUnavailable(
                    "The platform cannot be reached and this kiosk has no offline numbers "
                    "left; please take a number at a window",
                    message_zh="连不上政务平台，本机离线号码已用完，请到窗口取号")
            offline = OfflineIssue(ticket_id=ticket_id, block_id=number.block_id,
                                   number=number.number, issued_at=now, printed=False,
                                   superseded_key=superseded)
            body = request.model_copy(update={"offline": offline})
            parts.outbox.add(conn, "ticket", "POST", "/api/v1/tickets",
                             body.model_dump_json(exclude_none=True).encode(), new_key())
        parts.outbox.notify()
        category = self.cached_category(request.category_id)
        log.info("offline ticket issued", extra={"number": number.display})
        return Ticket(
            id=ticket_id, number=number.display, category_id=request.category_id,
            category_name_zh=category.name_zh if category else "",
            category_name_en=category.name_en if category else "",
            hall_name=self.cached_hall_name(), priority_reason=request.priority_reason,
            status=TicketStatus.WAITING, people_ahead=None,
            estimated_wait_min=category.average_wait_min if category else None,
            issued_at=now, printed=False, offline=True,
            status_url=self.status_url_for(ticket_id))

    def mark_printed(self, ticket_id: str, printed: bool, reason: str | None = None) -> None:
        """Tell the platform whether the ticket came out of the printer (queued, in order)."""
        state = PrintState(printed=printed, reason=reason)
        self.parts().outbox.enqueue("print_state", "PUT",
                                    f"/api/v1/tickets/{ticket_id}/print-state",
                                    state.model_dump_json().encode(), new_key())

    def ticket(self, ticket_id: str) -> Ticket:
        return self.parts().api.ticket(ticket_id)

    # appointments (online only: the platform holds them)
    def appointment(self, code: str) -> Appointment:
        return self.parts().api.appointment(code)

    def appointments_of(self, id_number: str) -> list[Appointment]:
        return self.parts().api.appointments_of(id_number)

    def check_in(self, *, code: str | None = None, id_number: str | None = None
                 ) -> CheckInResult:
        result = self.parts().api.check_in(AppointmentCheckIn(code=code, id_number=id_number),
                                           new_key())
        self.remember_status_url(result.ticket.status_url, result.ticket.id)
        return result

    # catalogue (from the cache; refreshed in the background)
    def catalogue(self) -> Catalogue:
        return self.cached_catalogue()

    # writes through the outbox
    def upload_attachment(self, kind: str, page: int, content_type: str, data: bytes
                          ) -> Submission:
        """One scanned page; its id is known at once (`result` when queued is that id)."""
        key = new_key()
        submission = self._submit("attachment", "POST", "/api/v1/attachments", data, key,
                                  Attachment, content_type=content_type,
                                  query=f"kind={kind}&page={page}")
        if not submission.sent:
            return Submission(key, False, attachment_id(self.kiosk_id, key))
        return submission

    def submit_application(self, request: ApplicationRequest) -> Submission:
        return self._submit("application", "POST", "/api/v1/applications",
                            request.model_dump_json(exclude_none=True).encode(), new_key(),
                            Application)

    def evaluation_reasons(self) -> list[EvaluationReason]:
        """The reasons a citizen may give for a low grade (cached for offline use)."""
        return self.read_through("evaluation_reasons", lambda: self.parts().api
                                 .evaluation_reasons(), list[EvaluationReason])

    def evaluate(self, request: EvaluationRequest) -> Submission:
        return self._submit("evaluation", "POST", "/api/v1/evaluations",
                            request.model_dump_json(exclude_none=True).encode(), new_key(),
                            Evaluation)

    def ask_for_help(self, request: HelpRequestBody) -> Submission:
        return self._submit("help_request", "POST", "/api/v1/help-requests",
                            request.model_dump_json().encode(), new_key(), HelpRequest)

    def help_request(self, help_id: str) -> HelpRequest:
        """Whether staff are on their way (online only)."""
        return self.parts().api.help_request(help_id)

    def cancel_help(self, submission: Submission) -> None:
        """The citizen no longer needs the help asked for with `submission`."""
        parts = self.parts()
        if not submission.sent:
            if parts.outbox.withdraw(submission.key):
                return
            answer = parts.sender.wait_for(submission.key, self.settings.submit_wait_s)
            if not isinstance(answer, dict) or "id" not in answer:
                return  # never delivered: nobody was called
            help_id = str(answer["id"])
        else:
            help_id = submission.result.id
        self._submit("help_cancel", "POST", f"/api/v1/help-requests/{help_id}/cancel", b"",
                     new_key(), HelpRequest)

    def application(self, number: str) -> Application:
        return self.parts().api.application(number)

    def applications_of(self, id_number: str) -> list[Application]:
        return self.parts().api.applications_of(id_number)

    def _submit(self, kind: str, method: str, path: str, body: bytes, key: str, model: Any,
                *, content_type: str = "application/json", query: str = "") -> Submission:
        """Queue durably, then give the sender a moment to deliver it while the citizen waits.
        A refusal is raised (the citizen is there to be told) and not kept."""
        parts = self.parts()
        parts.outbox.enqueue(kind, method, path, body, key, query=query,
                             content_type=content_type)
        wait = self.settings.submit_wait_s if not self.offline else 0.05
        answer = parts.sender.wait_for(key, wait)
        if answer is None:
            return Submission(key, False)
        if isinstance(answer, PlatformRejected):
            parts.outbox.forget_refused(key)
            raise answer
        return Submission(key, True, parts.api.parse(_dumps(answer), model))

    # monitoring
    def outbox_stats(self) -> Any:
        return self.parts().outbox.stats()


def _dumps(value: Any) -> bytes:
    import json

    return json.dumps(value, ensure_ascii=False).encode()

