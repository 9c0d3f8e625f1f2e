"""One method per endpoint of the contract, on top of the signed client.

Writes take the idempotency key the caller chose (the outbox keeps it with the write, so a
resend after a crash carries the same key). Look-ups that carry an ID number are POSTs so the
number never appears in a URL or an access log; they are marked safe to retry.
"""

from __future__ import annotations

from typing import Any

from kiosk.platform.client import PlatformClient
from kiosk.platform.contract import (
    Application,
    ApplicationLookup,
    ApplicationRequest,
    Appointment,
    AppointmentCheckIn,
    AppointmentLookup,
    Attachment,
    Bundle,
    Catalogue,
    CatalogueVersion,
    CheckInResult,
    Evaluation,
    EvaluationReason,
    EvaluationRequest,
    FormSchema,
    GuideCategory,
    Hall,
    Heartbeat,
    HeartbeatReply,
    HelpRequest,
    HelpRequestBody,
    ItemPage,
    KioskRemoteConfig,
    PrintState,
    QueueCategory,
    ServiceItem,
    Ticket,
    TicketBlock,
    TicketBlockRequest,
    TicketRequest,
)


class PlatformApi(PlatformClient):
    """The contract's endpoints as methods returning contract models."""

    # queue
    def hall(self) -> Hall:
        return self.get("/hall", Hall)

    def categories(self) -> list[QueueCategory]:
        return self.get("/categories", list[QueueCategory])

    def issue_ticket(self, request: TicketRequest, key: str) -> Ticket:
        return self.post("/tickets", Ticket, request, idempotency_key=key)

    def ticket(self, ticket_id: str) -> Ticket:
        return self.get(f"/tickets/{ticket_id}", Ticket)

    def set_print_state(self, ticket_id: str, state: PrintState) -> Ticket:
        return self.call("PUT", f"/api/v1/tickets/{ticket_id}/print-state", Ticket,
                         json_body=state)

    def reserve_block(self, request: TicketBlockRequest, key: str) -> TicketBlock:
        return self.post("/ticket-blocks", TicketBlock, request, idempotency_key=key)

    def blocks(self) -> list[TicketBlock]:
        return self.get("/ticket-blocks", list[TicketBlock])

    # appointments
    def appointment(self, code: str) -> Appointment:
        return self.get(f"/appointments/{code}", Appointment)

    def appointments_of(self, id_number: str) -> list[Appointment]:
        return self.post("/appointments/lookup", list[Appointment],
                         AppointmentLookup(id_number=id_number), safe=True)

    def check_in(self, request: AppointmentCheckIn, key: str) -> CheckInResult:
        return self.post("/appointments/check-in", CheckInResult, request, idempotency_key=key)

    # catalogue
    def catalogue(self, etag: str | None = None) -> tuple[Catalogue | None, str | None]:
        """The whole catalogue and its ETag; (None, etag) when unchanged since `etag`."""
        headers = {"If-None-Match": etag} if etag else None
        answer = self.send("GET", "/api/v1/catalogue", extra_headers=headers)
        new_etag = answer.headers.get("etag")
        if answer.status == 304:
            return None, etag
        return self.parse(answer.body, Catalogue), new_etag

    def catalogue_version(self) -> CatalogueVersion:
        return self.get("/catalogue/version", CatalogueVersion)

    def guide_categories(self) -> list[GuideCategory]:
        return self.get("/guide-categories", list[GuideCategory])

    def items(self, *, category_id: str | None = None, q: str | None = None, page: int = 1,
              page_size: int = 50) -> ItemPage:
        return self.get("/items", ItemPage, params={"category_id": category_id, "q": q,
                                                    "page": page, "page_size": page_size})

    def item(self, item_id: str) -> ServiceItem:
        return self.get(f"/items/{item_id}", ServiceItem)

    def bundles(self) -> list[Bundle]:
        return self.get("/bundles", list[Bundle])

    def bundle(self, bundle_id: str) -> Bundle:
        return self.get(f"/bundles/{bundle_id}", Bundle)

    def form(self, form_id: str) -> FormSchema:
        return self.get(f"/forms/{form_id}", FormSchema)

    # cases
    def upload_attachment(self, kind: str, page: int, content_type: str, data: bytes,
                          key: str) -> Attachment:
        answer = self.send("POST", "/api/v1/attachments", params={"kind": kind, "page": page},
                           body=data, content_type=content_type, idempotency_key=key)
        return self.parse(answer.body, Attachment)

    def submit_application(self, request: ApplicationRequest, key: str) -> Application:
        return self.post("/applications", Application, request, idempotency_key=key)

    def application(self, number: str) -> Application:
        return self.get(f"/applications/{number}", Application)

    def applications_of(self, id_number: str) -> list[Application]:
        return self.post("/applications/lookup", list[Application],
                         ApplicationLookup(id_number=id_number), safe=True)

    def evaluation_reasons(self) -> list[EvaluationReason]:
        return self.get("/evaluation-reasons", list[EvaluationReason])

    def evaluate(self, request: EvaluationRequest, key: str) -> Evaluation:
        return self.post("/evaluations", Evaluation, request, idempotency_key=key)

    def ask_for_help(self, request: HelpRequestBody, key: str) -> HelpRequest:
        return self.post("/help-requests", HelpRequest, request, idempotency_key=key)

    def help_request(self, help_id: str) -> HelpRequest:
        return self.get(f"/help-requests/{help_id}", HelpRequest)

    # fleet
    def heartbeat(self, beat: Heartbeat) -> HeartbeatReply:
        return self.post("/kiosk/heartbeat", HeartbeatReply, beat, safe=True)

    def remote_config(self) -> KioskRemoteConfig:
        return self.get("/kiosk/config", KioskRemoteConfig)

    def health(self) -> dict[str, Any]:
        answer = self.send("GET", "/api/v1/health")
        return self.parse(answer.body, dict[str, Any])
