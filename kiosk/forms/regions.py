"""Regions for the address picker: province → city → county → township, by statistics code.

The data (`data/regions.tsv.gz`, built by `kiosk.forms.regions_build`) covers the whole
mainland: 31 provinces, 342 cities, 2,978 counties and 41,352 townships (乡镇、街道), from the
National Bureau of Statistics' 2023 codes. Codes nest: `42` 湖北省 ⊃ `4206` 襄阳市 ⊃ `420626`
保康县 ⊃ `420626107` 马桥镇. Hong Kong, Macao and Taiwan are not in the statistics codes and
are not offered.

Loading takes about 0.1 s: `region_tree()` loads once, on first use (call it off the UI thread).
"""

from __future__ import annotations

import gzip
import threading
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

DATA = Path(__file__).with_name("data") / "regions.tsv.gz"

# The statistics codes group a municipality's districts under 市辖区 (and Chongqing's counties
# under 县), and a province's directly governed counties under 省直辖县级行政区划: levels that
# a citizen never writes in an address.
PLACEHOLDER_CITIES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


class Level(IntEnum):
    PROVINCE = 1
    CITY = 2
    COUNTY = 3
    TOWNSHIP = 4


CODE_LENGTH = {Level.PROVINCE: 2, Level.CITY: 4, Level.COUNTY: 6, Level.TOWNSHIP: 9}
LEVEL_OF_LENGTH = {length: level for level, length in CODE_LENGTH.items()}
PARENT_LENGTH = {4: 2, 6: 4, 9: 6}


@dataclass(frozen=True)
class Region:
    code: str
    name: str          # as the statistics codes spell it
    label: str         # as the picker shows it (市辖区 → 北京市)
    level: Level

    @property
    def parent_code(self) -> str | None:
        length = PARENT_LENGTH.get(len(self.code))
        return self.code[:length] if length else None


class RegionTree:
    """Every region by code, and each region's children in code order."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self._by_code: dict[str, Region] = {}
        self._children: dict[str | None, list[Region]] = {}
        names = dict(rows)
        for code, name in sorted(rows):
            level = LEVEL_OF_LENGTH.get(len(code))
            if level is None:
                raise ValueError(f"region code {code!r} is not 2, 4, 6 or 9 digits")
            label = name
            if level is Level.CITY and name in PLACEHOLDER_CITIES:
                label = names.get(code[:2], name) if name == "市辖区" else name
            region = Region(code, name, label, level)
            self._by_code[code] = region
            self._children.setdefault(region.parent_code, []).append(region)

    @classmethod
    def load(cls, path: Path = DATA) -> RegionTree:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows = [tuple(line.rstrip("\n").split("\t", 1)) for line in fh
                    if line.strip() and not line.startswith("#")]
        return cls(rows)  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, code: str) -> Region | None:
        return self._by_code.get(code)

    def provinces(self) -> list[Region]:
        return list(self._children.get(None, []))

    def children(self, code: str) -> list[Region]:
        """The regions one level below `code` (empty for a township or an unknown code)."""
        return list(self._children.get(code, []))

    def path(self, code: str) -> list[Region]:
        """From the province down to `code`; empty when `code` is unknown."""
        region = self._by_code.get(code)
        chain: list[Region] = []
        while region is not None:
            chain.append(region)
            parent = region.parent_code
            region = self._by_code.get(parent) if parent else None
        return list(reversed(chain))

    def address_text(self, code: str) -> str:
        """The region as written at the head of an address: 湖北省襄阳市保康县马桥镇,
        北京市东城区 (no 市辖区)."""
        parts = [r.name for r in self.path(code)
                 if not (r.level is Level.CITY and r.name in PLACEHOLDER_CITIES)]
        return "".join(parts)

    def find(self, name: str, *, within: str = "") -> list[Region]:
        """Regions named exactly `name` (or `name` plus 省/市/县/区/镇/乡), under `within`."""
        found = [r for r in self._by_code.values() if r.code.startswith(within)
                 and (r.name == name or (r.name[:-1] == name and len(name) >= 2))]
        return sorted(found, key=lambda r: r.code)

    def names(self, *, within: str = "", levels: tuple[Level, ...] = tuple(Level)) -> list[str]:
        """Every name under `within` at the given levels, e.g. for the input method."""
        return [r.name for r in self._by_code.values()
                if r.code.startswith(within) and r.level in levels
                and r.name not in PLACEHOLDER_CITIES]


_tree: RegionTree | None = None
_lock = threading.Lock()


def region_tree() -> RegionTree:
    """The shipped region tree, loaded once."""
    global _tree
    with _lock:
        if _tree is None:
            _tree = RegionTree.load()
        return _tree
