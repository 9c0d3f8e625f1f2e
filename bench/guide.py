"""Guide search time per keystroke on a 2,000-item catalogue.

Queries are typed one letter (or character) at a time, each keystroke one search, as the
办事指南 screen calls it. The baseline, measured in the same run, is the plain approach: for
every keystroke, a substring test of the query against every item's precomputed pinyin
initials, full pinyin and Chinese name (no mixed typing, no polyphones, no wrong letter).
One JSON line: {"p50_ms": ..., "p99_ms": ..., "baseline_p50_ms": ..., "baseline_p99_ms": ...,
"ratio": ..., "items": 2000, "keystrokes": ..., "target_ms": 16}.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Not this folder: bench/platform.py would stand in for the standard library's `platform`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]
sys.path.insert(0, str(REPO))

from bench._catalogue import catalogue  # noqa: E402
from kiosk.guide_search import GuideIndex, Searchable  # noqa: E402
from kiosk.pinyin import readings  # noqa: E402

QUERIES = ("bdcdj", "budongchandengji", "budcdj", "dengji", "hukouqianru", "hkqr", "yanglao",
           "cxjmjbylbx", "gongjijintiqu", "gjjtq", "jiashizhengbuling", "jszhl", "yingyezhizhao",
           "yyzz", "canjirenzheng", "dibao", "zuidishenghuobaozhang", "bdcdk", "gongjijinn",
           "不动产登记", "户口迁入", "养老保险", "营业执照", "出生医学证明", "wufanzuijilu")


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


def keystrokes() -> list[str]:
    return [query[:n] for query in QUERIES for n in range(1, len(query) + 1)]


def main() -> None:
    items = [Searchable(i, title, (), popularity) for i, title, popularity in catalogue(2000)]
    started = time.perf_counter()
    index = GuideIndex(items)
    build_s = time.perf_counter() - started

    plain = []
    for item in items:
        syllables = [r[0] for r in readings(item.title)]
        plain.append((item, "".join(s[0] for s in syllables), "".join(syllables)))

    def baseline(query: str) -> list[str]:
        hits = [item.title for item, initials, full in plain
                if query in initials or query in full or query in item.title]
        return sorted(hits, key=len)[:20]

    ours, theirs = [], []
    for _ in range(3):
        for typed in keystrokes():
            t0 = time.perf_counter()
            index.search(typed)
            t1 = time.perf_counter()
            baseline(typed)
            t2 = time.perf_counter()
            ours.append((t1 - t0) * 1000)
            theirs.append((t2 - t1) * 1000)
    print(json.dumps({
        "p50_ms": round(statistics.median(ours), 3),
        "p99_ms": round(p99(ours), 3),
        "baseline_p50_ms": round(statistics.median(theirs), 3),
        "baseline_p99_ms": round(p99(theirs), 3),
        "ratio": round(p99(ours) / p99(theirs), 2),
        "items": len(items),
        "keystrokes": len(ours),
        "index_build_s": round(build_s, 2),
        "target_ms": 16,
    }))


if __name__ == "__main__":
    main()
