"""The catalogue as the platform serves it: read from `catalogue_docs` once, validated into
contract models, indexed, and versioned by a hash of its content."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from kiosk.platform.contract import (
    Bundle,
    Catalogue,
    FormSchema,
    GuideCategory,
    ServiceItem,
    ServiceItemSummary,
)
from kiosk.platform_server import db


@dataclass
class CatalogueSnapshot:
    catalogue: Catalogue
    items: dict[str, ServiceItem]
    summaries: list[ServiceItemSummary]
    bundles: dict[str, Bundle]
    forms: dict[str, FormSchema]
    json_bytes: bytes  # the whole catalogue, serialised once


def load_catalogue(conn: Connection) -> CatalogueSnapshot:
    table = db.catalogue_docs
    rows = conn.execute(select(table.c.kind, table.c.data).order_by(table.c.kind, table.c.sort,
                                                                     table.c.id)).all()
    digest = hashlib.sha256()
    by_kind: dict[str, list[dict]] = {"category": [], "item": [], "bundle": [], "form": []}
    for kind, data in rows:
        by_kind.setdefault(kind, []).append(data)
        digest.update(json.dumps(data, sort_keys=True, ensure_ascii=False).encode())
    items = [ServiceItem.model_validate(d) for d in by_kind["item"]]
    counts: dict[str, int] = {}
    for item in items:
        for cid in item.category_ids:
            counts[cid] = counts.get(cid, 0) + 1
    categories = [GuideCategory.model_validate({**d, "item_count": counts.get(d["id"], 0)})
                  for d in by_kind["category"]]
    bundles = [Bundle.model_validate(d) for d in by_kind["bundle"]]
    forms = [FormSchema.model_validate(d) for d in by_kind["form"]]
    catalogue = Catalogue(version=digest.hexdigest()[:16], updated_at=datetime.now(UTC),
                          categories=categories, items=items, bundles=bundles, forms=forms)
    summaries = [ServiceItemSummary.model_validate(i.model_dump()) for i in items]
    return CatalogueSnapshot(
        catalogue=catalogue, items={i.id: i for i in items}, summaries=summaries,
        bundles={b.id: b for b in bundles}, forms={f.id: f for f in forms},
        json_bytes=catalogue.model_dump_json().encode())
