"""Application forms below the screens: the platform's form schema as fields to fill in,
validation as the citizen types, prefill from the ID card, 一件事 bundles merged into one
form, the draft in the citizen's session, the request for the platform, and the regions for
the address picker. No Kivy here: the form screens are built on top (see docs/forms.md).
"""

from __future__ import annotations

from kiosk.forms.catalogue import NoForm, form_for_bundle, form_for_item
from kiosk.forms.draft import DRAFT_KEY, Draft, current_draft, discard_draft, open_draft
from kiosk.forms.form import FieldSpec, Form, FormMismatch, Section, SourceForm
from kiosk.forms.messages import MESSAGES, Problem
from kiosk.forms.regions import Level, Region, RegionTree, region_tree
from kiosk.forms.request import (
    FormInvalid,
    build_request,
    build_requests,
    local_reference,
    new_local_reference,
    receipt_reference,
)
from kiosk.forms.validation import check
from kiosk.forms.values import Address, Signature, wire_value

__all__ = [
    "DRAFT_KEY",
    "MESSAGES",
    "Address",
    "Draft",
    "FieldSpec",
    "Form",
    "FormInvalid",
    "FormMismatch",
    "Level",
    "NoForm",
    "Problem",
    "Region",
    "RegionTree",
    "Section",
    "Signature",
    "SourceForm",
    "build_request",
    "build_requests",
    "check",
    "current_draft",
    "discard_draft",
    "form_for_bundle",
    "form_for_item",
    "local_reference",
    "new_local_reference",
    "open_draft",
    "receipt_reference",
    "region_tree",
    "wire_value",
]
