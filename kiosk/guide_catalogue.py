"""办事指南: the catalogue as the guide screens use it, searchable and browsable.

    guide = core.guide.current(core.platform)     # on a worker thread: builds the index once
    guide.search("bdcdk")                          # on the UI thread: a millisecond or two
    guide.shelves("theme") / ("department") / ("event")
    guide.item("bdc-zydj")

The catalogue comes from the platform's cache (`core.platform.catalogue()`, offline too); the
search index (`kiosk.guide_search.GuideIndex`, pinyin readings included) is built once per
catalogue version, off the UI thread, and kept until the platform hands out another version.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk.guide_search import GuideIndex, Searchable

if TYPE_CHECKING:  # the contract's models take a quarter of a second to import: not at start-up
    from kiosk.platform.contract import Bundle, Catalogue, ServiceItem

SHELF_KINDS = ("theme", "department", "event")


@dataclass(frozen=True)
class Shelf:
    """One way into the catalogue: a theme (主题), a department (部门) or a life event (一件事)."""

    kind: str
    key: str
    title: str           # Chinese, from the catalogue
    title_en: str        # English when the catalogue has it, else ""
    item_ids: tuple[str, ...]
    description: str = ""
    promised_days: int | None = None   # a 一件事 bundle's promise for the whole event
    max_visits: int | None = None

    def shown_title(self, language: str) -> str:
        return self.title_en if self.title_en and not language.startswith("zh") else self.title


class Guide:
    """One catalogue version, indexed. Build it off the UI thread (`build_guide`)."""

    def __init__(self, catalogue: Catalogue, index: GuideIndex) -> None:
        self.version = catalogue.version
        self.items: dict[str, ServiceItem] = {item.id: item for item in catalogue.items}
        self.index = index
        self._shelves = {
            "theme": _themes(catalogue),
            "department": _departments(catalogue),
            "event": [_event(bundle, self.items) for bundle in catalogue.bundles],
        }

    def __len__(self) -> int:
        return len(self.items)

    def search(self, query: str, limit: int = 40) -> list[ServiceItem]:
        """Items for what was typed (Chinese, pinyin, initials, one wrong letter), best first."""
        return [self.items[hit.item_id] for hit in self.index.search(query, limit)
                if hit.item_id in self.items]

    def shelves(self, kind: str) -> list[Shelf]:
        return list(self._shelves[kind])

    def shelf(self, kind: str, key: str) -> Shelf | None:
        return next((s for s in self._shelves.get(kind, ()) if s.key == key), None)

    def item(self, item_id: str) -> ServiceItem | None:
        return self.items.get(item_id)

    def items_of(self, shelf: Shelf) -> list[ServiceItem]:
        return [self.items[i] for i in shelf.item_ids if i in self.items]


def _themes(catalogue: Catalogue) -> list[Shelf]:
    shelves = []
    for category in sorted(catalogue.categories, key=lambda c: (c.sort, c.id)):
        ids = tuple(i.id for i in catalogue.items if category.id in i.category_ids)
        if ids:
            shelves.append(Shelf("theme", category.id, category.name_zh, category.name_en, ids))
    return shelves


def _departments(catalogue: Catalogue) -> list[Shelf]:
    by_department: dict[str, list[str]] = {}
    for item in catalogue.items:
        by_department.setdefault(item.department, []).append(item.id)
    # Departments with the most items first: the ones citizens meet most often.
    ordered = sorted(by_department.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [Shelf("department", name, name, "", tuple(ids)) for name, ids in ordered]


def _event(bundle: Bundle, items: dict[str, ServiceItem]) -> Shelf:
    return Shelf("event", bundle.id, bundle.name, bundle.name_en,
                 tuple(i for i in bundle.item_ids if i in items), bundle.description,
                 bundle.promised_limit_days, bundle.max_visits)


def _popularity(item: ServiceItem) -> float:
    # Items a citizen can finish in one visit, or that belong to a life event, come up first
    # among equals: they are what a hall's 办事指南 is asked about most.
    return (2.0 if item.bundle_ids else 0.0) + (1.0 if item.form_id else 0.0)


def build_guide(catalogue: Catalogue) -> Guide:
    """Index `catalogue` (slow: loads pinyin readings). Never on the UI thread."""
    entries = [Searchable(item.id, item.name, tuple(item.keywords), _popularity(item))
               for item in catalogue.items]
    return Guide(catalogue, GuideIndex(entries))


class GuideLibrary:
    """Keeps the indexed guide for the catalogue version the platform serves now."""

    def __init__(self) -> None:
        self._guide: Guide | None = None
        self._lock = threading.Lock()

    @property
    def ready(self) -> Guide | None:
        """The guide built last, without waiting (the UI thread may ask)."""
        return self._guide

    def current(self, platform: Any) -> Guide:
        """The guide for the platform's catalogue, built if it changed. Blocks (the catalogue
        comes from disk or the network): call it through the background runner. Raises the
        platform's errors when no catalogue has ever been received."""
        catalogue = platform.catalogue()
        with self._lock:
            guide = self._guide
            if guide is None or guide.version != catalogue.version \
                    or len(guide) != len(catalogue.items):
                guide = self._guide = build_guide(catalogue)
            return guide
