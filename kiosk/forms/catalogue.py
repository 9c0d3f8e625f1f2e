"""Which form to fill in for an item or a 一件事 bundle, from the platform's catalogue.

    catalogue = core.platform.catalogue()          (on a worker thread; cached for offline)
    form = form_for_item(catalogue, "ly-cfxk")      the item's own form
    form = form_for_bundle(catalogue, "yjs-jiuye")  the bundle's form, or its items' merged

A bundle with a form of its own (出生一件事) uses it as the platform wrote it; one without
merges the forms of those of its items that have one. `NoForm` says, in words, when there is
nothing to fill in at the kiosk (an item handled at the window only).
"""

from __future__ import annotations

from kiosk.forms.form import Form
from kiosk.platform.contract import Catalogue, FormSchema


class NoForm(LookupError):
    """Nothing to fill in at the kiosk for this item or bundle."""

    def __init__(self, message_en: str, message_zh: str) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_zh = message_zh


def _schema(catalogue: Catalogue, form_id: str) -> FormSchema:
    for schema in catalogue.forms:
        if schema.id == form_id:
            return schema
    raise NoForm(f"the catalogue has no form {form_id}", "该表单暂不可用，请到窗口办理。")


def form_for_item(catalogue: Catalogue, item_id: str) -> Form:
    item = next((i for i in catalogue.items if i.id == item_id), None)
    if item is None:
        raise NoForm(f"no item {item_id} in the catalogue", "未找到该事项。")
    if not item.form_id:
        raise NoForm(f"{item_id} has no form to fill in at a kiosk",
                     "该事项无需在自助终端填表，请到窗口办理。")
    return Form.from_schema(_schema(catalogue, item.form_id), item_id=item.id)


def form_for_bundle(catalogue: Catalogue, bundle_id: str) -> Form:
    bundle = next((b for b in catalogue.bundles if b.id == bundle_id), None)
    if bundle is None:
        raise NoForm(f"no bundle {bundle_id} in the catalogue", "未找到该一件事。")
    if bundle.form_id:
        return Form.from_schema(_schema(catalogue, bundle.form_id), bundle_id=bundle.id)
    items = {i.id: i for i in catalogue.items}
    schemas = [_schema(catalogue, items[i].form_id) for i in bundle.item_ids  # type: ignore[arg-type]
               if i in items and items[i].form_id]
    if not schemas:
        raise NoForm(f"no item of {bundle_id} has a form",
                     "该一件事暂不能在自助终端填表，请到窗口办理。")
    return Form.for_bundle(bundle, schemas)
