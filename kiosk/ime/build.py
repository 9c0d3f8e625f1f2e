"""Build the input method's dictionary, `kiosk/ime/data/lexicon.tsv.gz`.

    .venv/bin/pip install 'zwkiosk[ime-build]'      # jieba, pinned; only for this script
    .venv/bin/python -m kiosk.ime.build

Sources, all under permissive licences:
- jieba 0.42.1 `dict.txt` (MIT): 349,046 words with corpus frequencies. Words of 2 to 6
  characters seen at least `--min-freq` times are kept; every word (rare ones too) counts
  towards how often each character is used with each reading.
- pypinyin (MIT, the version in pyproject.toml): each word's reading in context, and every
  reading of every character it knows (41,923 characters, so any name can be typed).
- `data/curated.txt`: surnames with their surname readings (单 shan, 曾 zeng, 解 xie), given-
  name characters, common full names and service terms, with a frequency floor per kind.
- the region data (`kiosk/forms/data/regions.tsv.gz`): every province, city and county, and
  the townships of the demo county 保康县 and the counties around it; and the demo catalogue's
  事项, keywords, 一件事 and departments (`kiosk/platform_server/demo_data`).

Each line of the output is `word<TAB>syllables<TAB>weight`; the weight is a frequency (higher
is more likely). The file is generated: edit the sources and rebuild, never the file.
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
OUTPUT = DATA_DIR / "lexicon.tsv.gz"
CURATED = DATA_DIR / "curated.txt"
MAX_SYLLABLES = 16
CJK_WORD = re.compile(r"^[\u3400-\u9fff]+$")
CJK_CHAR = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")

# Frequency floors: a curated word is at least this likely. A name or a service term typed in
# full should come first; a surname's unusual reading should reach the first page.
FLOORS = {"surname": 30000, "compound_surname": 3000, "given": 3000, "name": 20000,
          "service": 20000, "place": 2500, "local_place": 20000, "near_place": 6000}
CURATED_KINDS = ("surname", "given", "name", "service", "place")
LOCAL_COUNTY = "420626"                 # 保康县, the demo county
NEAR_AREAS = ("4206", "4205", "4203", "429021")  # 襄阳市, 宜昌市, 十堰市, 神农架林区
HOME_PROVINCE = "42"                              # 湖北省: its cities and counties
PLACE_SUFFIX = re.compile(r"(?:省|市|县|区|镇|乡|自治州|自治县|林区|街道)$")


def normalise(syllable: str) -> str:
    """pypinyin writes 略 lve and 虐 nve; keyboards type lue and nue (lv, nv stay: 绿, 女)."""
    return {"lve": "lue", "nve": "nue"}.get(syllable, syllable)


def reading_of(word: str) -> tuple[str, ...] | None:
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(word, style=Style.NORMAL, errors=lambda _s: ["?"])
    if len(syllables) != len(word) or not all(s.isascii() and s.isalpha() for s in syllables):
        return None
    return tuple(normalise(s) for s in syllables)


def read_jieba(path: Path) -> Iterator[tuple[str, int]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2 and CJK_WORD.match(parts[0]) and parts[1].isdigit():
                yield parts[0], int(parts[1])


def read_curated(path: Path = CURATED) -> Iterator[tuple[str, str, tuple[str, ...] | None]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) not in (2, 3) or parts[1] not in CURATED_KINDS:
            raise ValueError(f"{path.name}:{number}: expected WORD<TAB>KIND[<TAB>pinyin]")
        reading = tuple(parts[2].split()) if len(parts) == 3 else None
        if reading is not None and len(reading) != len(parts[0]):
            raise ValueError(f"{path.name}:{number}: {len(parts[0])} characters, "
                             f"{len(reading)} syllables")
        yield parts[0], parts[1], reading


class LexiconBuilder:
    """Collects (word, reading) → weight, keeping the highest weight seen."""

    def __init__(self) -> None:
        self.weights: dict[tuple[str, tuple[str, ...]], int] = {}
        self.char_usage: dict[tuple[str, str], int] = defaultdict(int)

    def add(self, word: str, reading: tuple[str, ...] | None, weight: int) -> None:
        reading = reading or reading_of(word)
        if reading is None or len(reading) > MAX_SYLLABLES:
            return
        key = (word, reading)
        self.weights[key] = max(self.weights.get(key, 0), weight)

    def add_corpus(self, words: Iterable[tuple[str, int]], min_freq: int) -> None:
        for word, freq in words:
            reading = reading_of(word)
            if reading is None:
                continue
            for char, syllable in zip(word, reading, strict=True):
                self.char_usage[(char, syllable)] += freq
            if 2 <= len(word) <= 6 and freq >= min_freq:
                self.add(word, reading, freq)

    def add_characters(self) -> None:
        """Every character pypinyin knows, under each of its readings, weighted by use."""
        from pypinyin import Style, pinyin
        from pypinyin.pinyin_dict import pinyin_dict

        for codepoint in pinyin_dict:
            char = chr(codepoint)
            if not CJK_CHAR.match(char):
                continue
            readings = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
            for syllable in dict.fromkeys(normalise(r) for r in readings):
                if syllable.isascii() and syllable.isalpha():
                    self.add(char, (syllable,), self.char_usage.get((char, syllable), 0) + 1)

    def add_kind(self, word: str, kind: str, reading: tuple[str, ...] | None = None,
                 rank: int = 0) -> None:
        """A curated word: at least its kind's floor, earlier in a list slightly higher."""
        reading = reading or reading_of(word)
        if reading is None:
            return
        if kind == "surname" and len(word) > 1:
            kind = "compound_surname"  # 长孙 must not push 张三 aside
        if kind == "given" and len(word) == 1:
            usage = self.char_usage.get((word, reading[0]), 0)
            self.add(word, reading, max(usage, FLOORS[kind]))
            return
        existing = self.weights.get((word, reading), 0)
        self.add(word, reading, max(existing, FLOORS[kind] - rank))

    def lines(self) -> list[str]:
        rows = sorted(self.weights.items(), key=lambda kv: (kv[0][1], -kv[1], kv[0][0]))
        return [f"{word}\t{' '.join(reading)}\t{weight}" for (word, reading), weight in rows]


def add_places(builder: LexiconBuilder) -> None:
    from kiosk.forms.regions import Level, region_tree

    tree = region_tree()
    for name in tree.names(levels=(Level.PROVINCE, Level.CITY, Level.COUNTY)):
        builder.add_kind(name, "place")
        _short_form(builder, name, "place")
    for name in tree.names(within=HOME_PROVINCE, levels=(Level.CITY, Level.COUNTY)):
        builder.add_kind(name, "near_place")
        _short_form(builder, name, "near_place")
    for area in NEAR_AREAS:
        kind = "near_place"
        for name in tree.names(within=area, levels=(Level.COUNTY, Level.TOWNSHIP)):
            builder.add_kind(name, kind)
            _short_form(builder, name, kind)
    for name in tree.names(within=LOCAL_COUNTY):
        builder.add_kind(name, "local_place")
        _short_form(builder, name, "local_place")


def _short_form(builder: LexiconBuilder, name: str, kind: str) -> None:
    short = PLACE_SUFFIX.sub("", name)
    if short != name and len(short) >= 2:
        builder.add_kind(short, kind, rank=FLOORS[kind] // 2)


def add_catalogue(builder: LexiconBuilder) -> None:
    from kiosk.platform_server.demo_data.bundles import BUNDLES
    from kiosk.platform_server.demo_data.halls import HALLS
    from kiosk.platform_server.demo_data.items import DEPARTMENTS, ITEMS

    texts = [item[2] for item in ITEMS] + [k for item in ITEMS for k in item[-1]]
    texts += [b["name"] for b in BUNDLES] + list(DEPARTMENTS.values())
    texts += [h["name"] for h in HALLS]
    for text in texts:
        for part in re.split(r"[（）()“”\s、，]+", text):
            if len(part) >= 2 and CJK_WORD.match(part):
                builder.add_kind(part, "service")


def build(jieba_dict: Path, *, min_freq: int = 10) -> LexiconBuilder:
    builder = LexiconBuilder()
    builder.add_corpus(read_jieba(jieba_dict), min_freq)
    builder.add_characters()
    ranks: dict[str, int] = defaultdict(int)
    for word, kind, reading in read_curated():
        builder.add_kind(word, kind, reading, rank=ranks[kind] * 10)
        ranks[kind] += 1
    add_places(builder)
    add_catalogue(builder)
    return builder


def write(lines: list[str], output: Path, note: str) -> None:
    data = ("\n".join([f"# {note}", *lines]) + "\n").encode("utf-8")
    with output.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(data)


def jieba_dict_path() -> Path:
    try:
        import jieba
    except ImportError:
        raise SystemExit("jieba is needed to rebuild the dictionary: "
                         "pip install 'zwkiosk[ime-build]'") from None
    return Path(jieba.__file__).with_name("dict.txt")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the input method's dictionary.")
    parser.add_argument("--jieba-dict", type=Path, help="jieba's dict.txt (default: installed)")
    parser.add_argument("--min-freq", type=int, default=10)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    import pypinyin

    source = args.jieba_dict or jieba_dict_path()
    builder = build(source, min_freq=args.min_freq)
    lines = builder.lines()
    note = (f"generated by kiosk.ime.build: jieba dict.txt (min freq {args.min_freq}), "
            f"pypinyin {pypinyin.__version__}, curated.txt, regions, demo catalogue")
    write(lines, args.output, note)
    print(f"{args.output}: {len(lines)} entries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
