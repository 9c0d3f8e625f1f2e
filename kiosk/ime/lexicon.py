"""The input method's dictionary in memory: entries indexed for lookup by syllables.

An entry is a word, its syllables and a score (the log of its weight, so that penalties can be
subtracted). Two indexes answer a query: `exact`, by the full tuple of syllables (full pinyin
typed: `("zhang", "san")`), and `by_signature`, by the first letters of the syllables
(initials typed: `"bdcdj"`), each list best first. `signatures` holds every prefix of every
signature, so a query can stop reading a path no word begins with.
"""

from __future__ import annotations

import gzip
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).with_name("data") / "lexicon.tsv.gz"

# The letters a syllable can begin with when typed as its initial alone (z also stands for zh;
# a, o and e stand for the syllables without an initial: 安 an, 欧 ou, 二 er).
INITIAL_TOKENS = frozenset(("b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
                            "zh", "ch", "sh", "r", "z", "c", "s", "y", "w", "a", "o", "e"))

Entry = tuple[float, str, tuple[str, ...]]  # (score, word, syllables)


@dataclass
class Lexicon:
    exact: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    by_signature: dict[str, list[Entry]] = field(default_factory=dict)
    signatures: frozenset[str] = frozenset()
    syllables: frozenset[str] = frozenset()
    syllable_prefixes: frozenset[str] = frozenset()
    size: int = 0

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, int]]) -> Lexicon:
        exact: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
        by_signature: dict[str, list[Entry]] = defaultdict(list)
        interned: dict[str, str] = {}
        size = 0
        for word, reading, weight in rows:
            syllables = tuple(interned.setdefault(s, s) for s in reading.split())
            if not syllables or len(syllables) != len(word) or weight <= 0:
                continue
            entry = (math.log(weight), word, syllables)
            exact[syllables].append(entry)
            by_signature["".join(s[0] for s in syllables)].append(entry)
            size += 1
        for entries in (*exact.values(), *by_signature.values()):
            entries.sort(key=lambda e: (-e[0], e[1]))
        signatures = {sig[:i] for sig in by_signature for i in range(1, len(sig) + 1)}
        syllables = frozenset(interned)
        prefixes = {s[:i] for s in syllables for i in range(1, len(s) + 1)}
        return cls(dict(exact), dict(by_signature), frozenset(signatures), syllables,
                   frozenset(prefixes), size)

    @classmethod
    def load(cls, path: Path = DATA, extra: Iterable[tuple[str, str, int]] = ()) -> Lexicon:
        """The shipped dictionary (about 150,000 entries), plus `extra` rows."""
        return cls.from_rows([*read_rows(path), *extra])


def read_rows(path: Path) -> list[tuple[str, str, int]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        text = fh.read()
    rows = []
    for line in text.splitlines():
        if not line or line[0] == "#":
            continue
        word, reading, weight = line.split("\t")
        rows.append((word, reading, int(weight)))
    return rows
