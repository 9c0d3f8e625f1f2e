"""Endpoints for the service catalogue: guide categories, items and guides, bundles, forms,
and the whole catalogue for a kiosk's cache."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from kiosk.platform.contract import (
    Bundle,
    Catalogue,
    CatalogueVersion,
    ErrorCode,
    FormSchema,
    GuideCategory,
    ItemPage,
    ServiceItem,
)
from kiosk.platform_server.auth import KioskIdentity, signed_kiosk
from kiosk.platform_server.catalogue_store import CatalogueSnapshot
from kiosk.platform_server.problems import COMMON_RESPONSES, ApiError, responses

router = APIRouter(prefix="/api/v1", responses=COMMON_RESPONSES, tags=["catalogue"])
Kiosk = Annotated[KioskIdentity, Depends(signed_kiosk)]
Id = Annotated[str, Path(min_length=1, max_length=64)]


def snapshot(request: Request) -> CatalogueSnapshot:
    return request.app.state.store.catalogue()


@router.get("/catalogue", response_model=Catalogue,
            summary="Everything the kiosk caches: categories, items, bundles, forms",
            responses={304: {"description": "unchanged since the ETag given"}})
async def get_catalogue(request: Request, _kiosk: Kiosk) -> Response:
    snap = snapshot(request)
    etag = f'"{snap.catalogue.version}"'
    if request.headers.get("If-None-Match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(snap.json_bytes, media_type="application/json", headers={"ETag": etag})


@router.get("/catalogue/version", response_model=CatalogueVersion,
            summary="The catalogue's version, to know when to fetch it again")
async def get_catalogue_version(request: Request, _kiosk: Kiosk) -> CatalogueVersion:
    cat = snapshot(request).catalogue
    return CatalogueVersion(version=cat.version, updated_at=cat.updated_at,
                            item_count=len(cat.items))


@router.get("/guide-categories", response_model=list[GuideCategory],
            summary="Categories of the service guide")
async def get_guide_categories(request: Request, _kiosk: Kiosk) -> list[GuideCategory]:
    return snapshot(request).catalogue.categories


@router.get("/items", response_model=ItemPage, summary="Service items, by category or words")
async def get_items(request: Request, _kiosk: Kiosk,
                    category_id: Annotated[str | None, Query(max_length=64)] = None,
                    q: Annotated[str | None, Query(max_length=50)] = None,
                    page: Annotated[int, Query(ge=1, le=10000)] = 1,
                    page_size: Annotated[int, Query(ge=1, le=500)] = 50) -> ItemPage:
    found = snapshot(request).summaries
    if category_id:
        found = [i for i in found if category_id in i.category_ids]
    if q:
        found = [i for i in found
                 if q in i.name or any(q in k for k in i.keywords) or q == i.code]
    start = (page - 1) * page_size
    return ItemPage(items=found[start:start + page_size], total=len(found), page=page,
                    page_size=page_size)


@router.get("/items/{item_id}", response_model=ServiceItem, responses=responses(404),
            summary="One service item with its full guide")
async def get_item(request: Request, item_id: Id, _kiosk: Kiosk) -> ServiceItem:
    item = snapshot(request).items.get(item_id)
    if item is None:
        raise ApiError(404, ErrorCode.ITEM_NOT_FOUND)
    return item


@router.get("/bundles", response_model=list[Bundle], summary="一件事 life-event bundles")
async def get_bundles(request: Request, _kiosk: Kiosk) -> list[Bundle]:
    return list(snapshot(request).bundles.values())


@router.get("/bundles/{bundle_id}", response_model=Bundle, responses=responses(404),
            summary="One 一件事 bundle")
async def get_bundle(request: Request, bundle_id: Id, _kiosk: Kiosk) -> Bundle:
    bundle = snapshot(request).bundles.get(bundle_id)
    if bundle is None:
        raise ApiError(404, ErrorCode.BUNDLE_NOT_FOUND)
    return bundle


@router.get("/forms/{form_id}", response_model=FormSchema, responses=responses(404),
            summary="A form schema: fields, rules, ID card prefill, attachments")
async def get_form(request: Request, form_id: Id, _kiosk: Kiosk) -> FormSchema:
    form = snapshot(request).forms.get(form_id)
    if form is None:
        raise ApiError(404, ErrorCode.FORM_NOT_FOUND)
    return form
