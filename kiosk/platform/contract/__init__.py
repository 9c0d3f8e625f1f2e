"""The county platform's contract: the pydantic models both the kiosk's client and the
reference server use, so the two cannot drift apart. The OpenAPI document
(`kiosk/platform/openapi.json`) is generated from them by the reference server.

    common     the error shape, error codes, pages, personal-data types
    queue      the hall, queue categories, tickets, offline number blocks, appointments
    catalogue  guide categories, service items (事项) and their guides, 一件事 bundles, forms
    cases      attachments, applications, 好差评 evaluations, 帮办 help requests
    fleet      kiosk heartbeat, pending commands and pushed configuration
"""

from kiosk.platform.contract.cases import *  # noqa: F403
from kiosk.platform.contract.catalogue import *  # noqa: F403
from kiosk.platform.contract.common import *  # noqa: F403
from kiosk.platform.contract.fleet import *  # noqa: F403
from kiosk.platform.contract.queue import *  # noqa: F403

API_PREFIX = "/api/v1"
