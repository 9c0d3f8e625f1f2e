"""The dictionary builder and the shipped dictionary it made."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from kiosk.ime import Engine, Lexicon
from kiosk.ime.build import LexiconBuilder, build, read_curated, write
from kiosk.ime.lexicon import DATA, read_rows


def test_the_shipped_dictionary_says_where_it_came_from_and_is_complete():
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        header = fh.readline()
    assert "jieba" in header and "pypinyin" in header and "curated" in header
    rows = read_rows(DATA)
    assert len(rows) > 100_000
    words = {(word, reading) for word, reading, _ in rows}
    assert ("单", "shan") in words and ("曾", "zeng") in words and ("解", "xie") in words
    assert ("保康县", "bao kang xian") in words and ("马桥镇", "ma qiao zhen") in words
    assert ("不动产登记", "bu dong chan deng ji") in words
    assert ("略", "lue") in words and ("绿", "lv") in words


def test_a_build_from_a_small_corpus(tmp_path: Path):
    corpus = tmp_path / "dict.txt"
    corpus.write_text("登记 1810 v\n银行 5000 n\n行长 900 n\n长沙 800 ns\n的 3188252 uj\n"
                      "AT&T 3 nz\n", encoding="utf-8")
    builder = build(corpus, min_freq=10)
    lines = builder.lines()
    rows = [tuple(line.split("\t")) for line in lines]
    by_word = {(w, r): int(n) for w, r, n in rows}
    assert by_word[("银行", "yin hang")] == 5000
    # a character's weight under a reading is how often words use it that way
    assert by_word[("行", "hang")] > by_word.get(("行", "xing"), 0)
    assert ("AT&T", "a t t") not in by_word
    assert by_word[("张伟", "zhang wei")] >= 19000           # a curated name
    assert by_word[("单", "shan")] >= 29000                   # a surname's reading
    assert ("保康县", "bao kang xian") in by_word             # from the region data
    assert ("营业执照", "ying ye zhi zhao") in by_word       # from the demo catalogue
    out = tmp_path / "lexicon.tsv.gz"
    write(lines, out, "test")
    engine = Engine(Lexicon.load(out))
    assert engine.candidates("yh", 1)[0].text == "银行"


def test_curated_lines_are_checked(tmp_path: Path):
    bad = tmp_path / "curated.txt"
    bad.write_text("单\tsurname\tshan dan\n", encoding="utf-8")
    with pytest.raises(ValueError, match="1 characters, 2 syllables"):
        list(read_curated(bad))
    bad.write_text("单\tperson\n", encoding="utf-8")
    with pytest.raises(ValueError, match="WORD<TAB>KIND"):
        list(read_curated(bad))
    assert len(list(read_curated())) > 300


def test_extra_words_can_be_added_when_loading():
    builder = LexiconBuilder()
    builder.add("堃珺", ("kun", "jun"), 5)
    lexicon = Lexicon.from_rows([("堃珺", "kun jun", 5), ("错", "cuo cuo", 3)])
    assert lexicon.size == 1  # a reading that does not fit its word is skipped
    assert Engine(lexicon).candidates("kj")[0].text == "堃珺"
