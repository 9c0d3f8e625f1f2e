"""The service catalogue: guide categories, service items (事项) with their guides (办事指南),
一件事 bundles, and the form schemas (表单) the kiosk fills in.

A form field says its type, its validation rules, and which field of an ID card fills it
(`prefill`), so the kiosk can prefill and validate without knowing the form in advance.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from pydantic import Field

from kiosk.platform.contract.common import ContractModel

__all__ = [
    "AttachmentSlot",
    "Audience",
    "Bundle",
    "Catalogue",
    "CatalogueVersion",
    "Choice",
    "Fee",
    "FieldRules",
    "FieldType",
    "FormField",
    "FormSchema",
    "FormSection",
    "Guide",
    "GuideCategory",
    "IdCardField",
    "ItemPage",
    "Material",
    "Place",
    "ServiceItem",
    "ServiceItemSummary",
]


class Audience(StrEnum):
    PERSONAL = "personal"   # 个人办事
    BUSINESS = "business"   # 法人办事


class GuideCategory(ContractModel):
    id: str
    name_zh: str
    name_en: str
    audience: Audience
    icon: str = ""
    sort: int = 0
    item_count: int = Field(0, ge=0)


class Material(ContractModel):
    """One document the citizen brings (申请材料)."""

    name: str
    originals: int = Field(0, ge=0, description="originals to show (原件)")
    copies: int = Field(0, ge=0, description="copies to hand in (复印件)")
    required: bool = True
    electronic_ok: bool = Field(False, description="an electronic licence (电子证照) will do")
    source: str = Field("", description="who issues it, e.g. 申请人自备, 公安机关")
    note: str = ""


class Fee(ContractModel):
    name: str
    amount_yuan: Decimal = Field(ge=0, decimal_places=2)
    basis: str = ""


class Place(ContractModel):
    hall: str
    window: str
    address: str
    hours: str
    phone: str = ""


class Guide(ContractModel):
    """The full guide of one service item (办事指南)."""

    conditions: list[str] = Field(default_factory=list, description="受理条件")
    materials: list[Material]
    fees: list[Fee] = Field(default_factory=list, description="empty when free (不收费)")
    legal_limit_days: int = Field(ge=0, description="法定办结时限, working days")
    promised_limit_days: int = Field(ge=0, description="承诺办结时限, working days; 0 = 即办")
    place: Place
    online_available: bool
    online_url: str = ""
    max_visits: int = Field(1, ge=0, description="最多跑几次")
    steps: list[str] = Field(default_factory=list, description="办理流程")
    legal_basis: list[str] = Field(default_factory=list, description="设定依据")
    notes: list[str] = Field(default_factory=list)


class ServiceItemSummary(ContractModel):
    id: str
    code: str = Field(description="the item's catalogue code (事项编码)")
    name: str
    name_en: str = ""
    department: str
    category_ids: list[str]
    queue_category_id: str | None = None
    audience: Audience
    online_available: bool
    form_id: str | None = None
    keywords: list[str] = Field(default_factory=list)


class ServiceItem(ServiceItemSummary):
    guide: Guide
    bundle_ids: list[str] = Field(default_factory=list)


class ItemPage(ContractModel):
    items: list[ServiceItemSummary]
    total: int = Field(ge=0)
    page: int = Field(ge=1)
    page_size: int = Field(ge=1)


class Bundle(ContractModel):
    """一件事一次办: one life event that chains several items in one form."""

    id: str
    name: str
    name_en: str = ""
    life_event: str = Field(description="e.g. 生孩子, 开店子")
    description: str
    item_ids: list[str]
    form_id: str | None = None
    promised_limit_days: int = Field(ge=0)
    max_visits: int = Field(1, ge=0)


class CatalogueVersion(ContractModel):
    version: str
    updated_at: datetime
    item_count: int = Field(ge=0)


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    ADDRESS = "address"
    SIGNATURE = "signature"
    CONSENT = "consent"


class IdCardField(StrEnum):
    """The fields of an ID card that can prefill a form field."""

    NAME = "name"
    SEX = "sex"
    NATION = "nation"
    BIRTH_DATE = "birth_date"
    ADDRESS = "address"
    ID_NUMBER = "id_number"
    ISSUER = "issuer"
    VALID_FROM = "valid_from"
    VALID_UNTIL = "valid_until"


class Choice(ContractModel):
    value: str
    label_zh: str
    label_en: str = ""


_RELATIVE_DATE = re.compile(r"^today(?:([+-])(\d+)([dy]))?$")


def date_bound(text: str | None, today: date) -> date | None:
    """A rule's date bound (`min_date`, `max_date`): an ISO date, `today`, or `today-18y` /
    `today+30d`. Both the kiosk's form checks and the platform's read them with this."""
    if not text:
        return None
    match = _RELATIVE_DATE.match(text)
    if not match:
        return date.fromisoformat(text)
    sign, amount, unit = match.groups()
    if not sign:
        return today
    days = int(amount) * (365 if unit == "y" else 1)
    return today + timedelta(days=days if sign == "+" else -days)


class FieldRules(ContractModel):
    min_length: int | None = Field(None, ge=0)
    max_length: int | None = Field(None, ge=1)
    pattern: str | None = Field(None, description="a regular expression the whole value matches")
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    decimals: int | None = Field(None, ge=0, le=6)
    min_date: str | None = Field(None, description="ISO date, or 'today', or 'today-18y'")
    max_date: str | None = None
    choices: list[Choice] = Field(default_factory=list)
    multiple: bool = False
    region_required: bool = Field(False, description="an address must name its region")
    consent_text: str = ""


class FormField(ContractModel):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")
    label_zh: str
    label_en: str = ""
    type: FieldType
    required: bool = True
    rules: FieldRules = Field(default_factory=FieldRules)
    prefill: IdCardField | None = Field(None, description="the ID card field that fills it")
    personal: bool = Field(False, description="personal data: masked on screen and receipt")
    help_zh: str = ""
    help_en: str = ""
    placeholder: str = ""


class FormSection(ContractModel):
    title_zh: str
    title_en: str = ""
    item_id: str | None = Field(None, description="in a bundle form: the item it belongs to")
    fields: list[FormField]


class AttachmentSlot(ContractModel):
    kind: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")
    label_zh: str
    label_en: str = ""
    required: bool = True
    max_pages: int = Field(5, ge=1, le=50)


class FormSchema(ContractModel):
    id: str
    version: int = Field(ge=1)
    title: str
    title_en: str = ""
    item_id: str | None = None
    bundle_id: str | None = None
    sections: list[FormSection]
    attachments: list[AttachmentSlot] = Field(default_factory=list)


class Catalogue(ContractModel):
    """Everything a kiosk caches to serve the guide and forms while offline."""

    version: str
    updated_at: datetime
    categories: list[GuideCategory]
    items: list[ServiceItem]
    bundles: list[Bundle]
    forms: list[FormSchema]
