"""What a QR code held up to the kiosk's camera names: an appointment, a ticket, an application.

The county platform prints or sends three kinds of code (docs/scanning.md, "QR payloads"):

- the appointment QR on the booking message or in the booking app: the appointment code
  (`YY20000001`), bare or as the last part of a link (`{public_url}/y/YY20000001`, or a
  booking app's own link ending in the code);
- the QR on a queue ticket: the ticket's status page, `{public_url}/q/{ticket_id}`;
- the QR on a 受理回执: the application's progress page, `{public_url}/a/{number}`, the
  number being `BK20261122-00017` (a bare application number, or one without its hyphen at
  the end of another progress link, is taken too); on a 受理回执 printed offline, the kiosk's
  local reference (`BK-001-3F9A2C7D`), bare, which the platform honours once it has the
  application.

`parse_qr` only looks at the shape of the text; whether the appointment, ticket or application
exists, is in this hall and may be used is the platform's to say (the screens ask it before
going on). Anything else (a payment code, a web site, a licence, text that is not a link) is
`Unknown`; text that cannot be read as text (control characters, empty) is `Unreadable`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from kiosk.platform.contract.cases import LOCAL_REFERENCE_PATTERN

_APPOINTMENT = re.compile(r"^YY\d{8}$")
# The hyphen is optional: some platforms' links write the number without it.
_APPLICATION = re.compile(r"^(BK\d{8})-?(\d{5})$")
_TICKET_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# The local reference on a 受理回执 printed while the kiosk was offline (the platform honours it
# once the application arrives): the kiosk id and eight hex digits, e.g. BK-001-3F9A2C7D.
_LOCAL_REFERENCE = re.compile(LOCAL_REFERENCE_PATTERN)
MAX_TEXT = 2048


@dataclass(frozen=True)
class AppointmentCode:
    code: str


@dataclass(frozen=True)
class TicketRef:
    ticket_id: str


@dataclass(frozen=True)
class ApplicationRef:
    number: str


@dataclass(frozen=True)
class Unknown:
    """A readable code that is none of the platform's."""


@dataclass(frozen=True)
class Unreadable:
    """Decoded bytes that are not sensible text."""


Payload = AppointmentCode | TicketRef | ApplicationRef | Unknown | Unreadable


def appointment_qr_text(code: str, public_url: str | None = None) -> str:
    """The text of an appointment's QR: the link when the platform has a public address,
    else the bare code."""
    if public_url:
        return f"{public_url.rstrip('/')}/y/{code}"
    return code


def _readable(text: str) -> bool:
    return bool(text.strip()) and len(text) <= MAX_TEXT and \
        all(ch.isprintable() or ch in "\r\n\t" for ch in text)


def _bare(token: str) -> Payload | None:
    if _LOCAL_REFERENCE.match(token.strip()):
        return ApplicationRef(token.strip())
    token = token.strip().upper()
    if _APPOINTMENT.match(token):
        return AppointmentCode(token)
    application = _APPLICATION.match(token)
    if application:
        return ApplicationRef(f"{application.group(1)}-{application.group(2)}")
    return None


def parse_qr(text: str) -> Payload:
    """What `text`, as decoded from a QR code, names; see the module docstring."""
    if not _readable(text):
        return Unreadable()
    stripped = text.strip()
    bare = _bare(stripped)
    if bare is not None:
        return bare
    if not stripped.lower().startswith(("http://", "https://")):
        return Unknown()
    try:
        parts = urlsplit(stripped)
    except ValueError:
        return Unknown()
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if len(segments) < 2:
        return Unknown()
    kind, last = segments[-2], segments[-1]
    if kind == "q" and _TICKET_ID.match(last):
        return TicketRef(last)
    # The platform's own pages (/y/, /a/) and other services' links that end in a code.
    return _bare(last) or Unknown()
