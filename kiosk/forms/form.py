"""A form as the kiosk fills it in: the platform's schema turned into sections of fields, each
with the keyboard it needs; and a 一件事 bundle's forms merged into one that asks each shared
field once.

    form = Form.from_schema(schema)                    one item's form (or a bundle's own form)
    form = Form.for_bundle(bundle, [schema, schema])   a bundle without a form of its own

A merged form remembers where each field came from (`sources`): submitting it makes one
application per item form, each with that form's own field names (see `kiosk.forms.request`).
A field shared by several forms (the applicant's name, the consent) is asked once and must
satisfy every form's rules for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kiosk.forms.messages import Problem
from kiosk.forms.validation import check
from kiosk.platform.contract import AttachmentSlot, Bundle, FieldType, FormField, FormSchema

# Which on-screen keyboard or picker a field needs.
KEYBOARDS = {
    FieldType.TEXT: "pinyin",
    FieldType.NUMBER: "numeric",
    FieldType.DATE: "date",
    FieldType.CHOICE: "choice",
    FieldType.ID_NUMBER: "id_number",   # digits and X
    FieldType.PHONE: "phone",           # digits and -
    FieldType.ADDRESS: "region",        # the region picker, then pinyin for the rest
    FieldType.SIGNATURE: "signature",
    FieldType.CONSENT: "consent",
}


class FormMismatch(ValueError):
    """Forms that cannot be merged (a bundle's items ask one field name for different
    things); the message says which."""


@dataclass(frozen=True)
class FieldSpec:
    """One field of the form on screen. `definitions` holds the field as each source form
    defines it (one, unless several forms of a bundle share it)."""

    definitions: tuple[FormField, ...]
    section: int

    @property
    def field(self) -> FormField:
        return self.definitions[0]

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def type(self) -> FieldType:
        return self.field.type

    @property
    def required(self) -> bool:
        return any(d.required for d in self.definitions)

    @property
    def keyboard(self) -> str:
        if self.type is FieldType.NUMBER and (self.field.rules.decimals or 0) > 0:
            return "decimal"
        return KEYBOARDS[self.type]

    @property
    def personal(self) -> bool:
        return any(d.personal for d in self.definitions)

    def label(self, language: str = "zh_CN") -> str:
        if language != "zh_CN" and self.field.label_en:
            return self.field.label_en
        return self.field.label_zh

    def check(self, value: Any, today: date, *, typing: bool = False) -> Problem | None:
        """The first problem any of the forms asking this field has with `value`."""
        for definition in self.definitions:
            if definition.required != self.required:
                definition = definition.model_copy(update={"required": self.required})
            found = check(definition, value, today, typing=typing)
            if found is not None:
                return found
        return None


@dataclass(frozen=True)
class Section:
    title_zh: str
    title_en: str
    item_id: str | None
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True)
class SourceForm:
    """A platform form behind this one: the request for it is built from these fields."""

    schema: FormSchema
    item_id: str | None
    bundle_id: str | None

    @property
    def field_names(self) -> list[str]:
        return [f.name for s in self.schema.sections for f in s.fields]


@dataclass(frozen=True)
class Form:
    key: str                      # what the draft is kept under: form id@version, or bundle id
    title: str
    title_en: str
    sections: tuple[Section, ...]
    attachments: tuple[AttachmentSlot, ...]
    sources: tuple[SourceForm, ...]
    item_id: str | None = None
    bundle_id: str | None = None
    _by_name: dict[str, FieldSpec] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for spec in self.fields():
            self._by_name[spec.name] = spec

    def fields(self) -> Iterator[FieldSpec]:
        for section in self.sections:
            yield from section.fields

    def field(self, name: str) -> FieldSpec:
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"the form {self.key} has no field {name!r}") from None

    def has_field(self, name: str) -> bool:
        return name in self._by_name

    # building ---------------------------------------------------------------------------------

    @classmethod
    def from_schema(cls, schema: FormSchema, *, item_id: str | None = None,
                    bundle_id: str | None = None) -> Form:
        """One platform form as it is (a bundle's own form already asks shared fields once)."""
        item_id = item_id or schema.item_id
        bundle_id = bundle_id or schema.bundle_id
        sections = tuple(
            Section(s.title_zh, s.title_en, s.item_id,
                    tuple(FieldSpec((f,), index) for f in s.fields))
            for index, s in enumerate(schema.sections))
        return cls(f"{schema.id}@{schema.version}", schema.title, schema.title_en, sections,
                   tuple(schema.attachments), (SourceForm(schema, item_id, bundle_id),),
                   item_id=item_id, bundle_id=bundle_id)

    @classmethod
    def for_bundle(cls, bundle: Bundle, schemas: list[FormSchema]) -> Form:
        """The forms of a bundle's items as one: sections in the items' order, each shared
        field (same name and kind) asked where it first appears, attachments once per kind."""
        if not schemas:
            raise FormMismatch(f"the bundle {bundle.id} has no forms to fill in")
        definitions: dict[str, list[FormField]] = {}
        placed: dict[str, int] = {}
        layout: list[tuple[str, str, str | None, list[str]]] = []
        for schema in schemas:
            for section in schema.sections:
                names: list[str] = []
                for form_field in section.fields:
                    known = definitions.get(form_field.name)
                    if known is not None and known[0].type is not form_field.type:
                        raise FormMismatch(
                            f"{form_field.name} is a {known[0].type} in one form and a "
                            f"{form_field.type} in {schema.id}")
                    if known is None:
                        definitions[form_field.name] = [form_field]
                        placed[form_field.name] = len(layout)
                        names.append(form_field.name)
                    else:
                        known.append(form_field)
                if names:
                    layout.append((section.title_zh, section.title_en,
                                   section.item_id or schema.item_id, names))
        sections = tuple(
            Section(title, title_en, item, tuple(FieldSpec(tuple(definitions[n]), index)
                                                 for n in names))
            for index, (title, title_en, item, names) in enumerate(layout))
        slots: dict[str, AttachmentSlot] = {}
        for schema in schemas:
            for slot in schema.attachments:
                kept = slots.get(slot.kind)
                if kept is None or (slot.required and not kept.required):
                    slots[slot.kind] = slot
        sources = tuple(SourceForm(s, s.item_id, bundle.id) for s in schemas)
        return cls(f"bundle:{bundle.id}", bundle.name, bundle.name_en, sections,
                   tuple(slots.values()), sources, bundle_id=bundle.id)
