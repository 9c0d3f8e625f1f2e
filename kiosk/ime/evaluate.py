"""Accuracy of the input method on a list of what citizens type (tests and `bench/ime.py`).

A case file has one `WORD<TAB>KIND[<TAB>pinyin]` line per entry (`#` comments). Each entry is
typed as full pinyin (`zhangwei`) and, when it has two or more characters, as initials (`zw`);
a typing counts as found at rank r when the word is the r-th candidate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.ime.build import reading_of


@dataclass(frozen=True)
class Typing:
    word: str
    kind: str
    letters: str
    style: str  # "full" or "initials"


def load_cases(path: Path) -> list[Typing]:
    typings: list[Typing] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        word, kind = parts[0], parts[1]
        syllables = tuple(parts[2].split()) if len(parts) > 2 else reading_of(word)
        if syllables is None:
            raise ValueError(f"{path.name}: no reading for {word}")
        typings.append(Typing(word, kind, "".join(syllables), "full"))
        if len(word) >= 2:
            typings.append(Typing(word, kind, "".join(s[0] for s in syllables), "initials"))
    return typings


def rank_of(candidates: Callable[[str, int], list[str]], typing: Typing, depth: int = 10
            ) -> int | None:
    """1 for the first candidate; None when not in the first `depth`."""
    found = candidates(typing.letters, depth)
    return found.index(typing.word) + 1 if typing.word in found else None


def accuracy(candidates: Callable[[str, int], list[str]], typings: list[Typing]
             ) -> dict[str, float]:
    """top1 and top5 over all typings, and top5 per style and per kind."""
    ranks = [(t, rank_of(candidates, t)) for t in typings]

    def share(selected: list[tuple[Typing, int | None]], k: int) -> float:
        if not selected:
            return 0.0
        return round(sum(1 for _, r in selected if r is not None and r <= k) / len(selected), 4)

    out = {"top1": share(ranks, 1), "top5": share(ranks, 5)}
    for style in ("full", "initials"):
        out[f"top5_{style}"] = share([x for x in ranks if x[0].style == style], 5)
    for kind in sorted({t.kind for t in typings}):
        out[f"top5_{kind}"] = share([x for x in ranks if x[0].kind == kind], 5)
    return out


def misses(candidates: Callable[[str, int], list[str]], typings: list[Typing], k: int = 5
           ) -> list[tuple[Typing, list[str]]]:
    """The typings whose word is not in the top `k`, with what came instead."""
    out = []
    for typing in typings:
        found = candidates(typing.letters, k)
        if typing.word not in found:
            out.append((typing, found))
    return out
