"""The 办事指南 search: every way a citizen types, and typing narrows without changing results."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.guide_search import GuideIndex, Searchable
from kiosk.pinyin import readings

CATALOGUE = [
    Searchable("bdc-1", "不动产首次登记", ("房产证", "不动产权证书")),
    Searchable("bdc-2", "不动产转移登记", ("过户",)),
    Searchable("bdc-3", "不动产抵押登记"),
    Searchable("hj-1", "户口迁入", ("落户", "户籍迁移")),
    Searchable("hj-2", "户口迁出", ("户籍迁移",)),
    Searchable("yl-1", "城乡居民基本养老保险参保登记", ("养老保险",)),
    Searchable("gs-1", "个体工商户设立登记", ("开店子", "营业执照")),
    Searchable("jsz-1", "机动车驾驶证补领", ("驾照",)),
    Searchable("gjj-1", "住房公积金提取"),
    Searchable("cs-1", "出生医学证明补发", ("出生一件事",)),
    Searchable("yh-1", "重庆银行账户开立"),
    Searchable("zx-1", "中小学生学籍转学"),
    Searchable("cz-1", "长期护理保险待遇申领"),
]


@pytest.fixture(scope="module")
def index() -> GuideIndex:
    return GuideIndex(CATALOGUE)


def first(index: GuideIndex, query: str) -> str:
    hits = index.search(query)
    assert hits, f"nothing for {query!r}"
    return hits[0].item_id


@pytest.mark.parametrize(("query", "expected"), [
    ("户口迁入", "hj-1"),
    ("bdcscdj", "bdc-1"),            # initials
    ("budongchanshouci", "bdc-1"),   # full pinyin
    ("budcscdj", "bdc-1"),           # a mix
    ("hkqr", "hj-1"),
    ("hukouqianchu", "hj-2"),
    ("yanglao", "yl-1"),
    ("jiashizheng", "jsz-1"),
    ("gjjtq", "gjj-1"),
    ("zhongqingyinhang", "yh-1"),    # 重 read the other way round still finds 重庆
    ("chongqing", "yh-1"),
    ("zxxxj", "zx-1"),
    ("changqi", "cz-1"),             # 长 as chang
    ("zhuanxue", "zx-1"),
    ("HKQR", "hj-1"),                # capitals and spaces do not matter
    ("hu kou qian ru", "hj-1"),
    ("wxyz", None),                  # nothing to find is an empty list, not an error
])
def test_every_way_of_typing_finds_the_item(index, query, expected):
    if expected is None:
        assert index.search(query) == []
    else:
        assert first(index, query) == expected


def test_a_name_part_or_its_middle_finds_every_item_with_it(index):
    assert {h.item_id for h in index.search("不动产")[:3]} == {"bdc-1", "bdc-2", "bdc-3"}
    hits = index.search("dengji")
    assert {h.item_id for h in hits} == {"bdc-1", "bdc-2", "bdc-3", "yl-1", "gs-1"}
    assert hits[0].item_id.startswith("bdc")  # 登记 comes sooner in 不动产…登记 than in 个体…


def test_other_names_are_found_below_the_item_named_so(index):
    assert first(index, "房产证") == "bdc-1"
    assert first(index, "kaidianzi") == "gs-1"
    assert first(index, "yyzz") == "gs-1"
    hits = index.search("户籍迁移")
    assert {h.item_id for h in hits[:2]} == {"hj-1", "hj-2"}


def test_skipped_syllables_are_found_but_rank_after_a_plain_match(index):
    # Citizens say 不动产登记; the catalogue says 不动产首次登记 / 转移登记 / 抵押登记.
    assert {h.item_id for h in index.search("不动产登记")} >= {"bdc-1", "bdc-2", "bdc-3"}
    assert {h.item_id for h in index.search("bdcdj")} >= {"bdc-1", "bdc-2", "bdc-3"}
    plain, skipped = index.search("budongchanzhuanyi")[0], index.search("budongchandengji")[0]
    assert plain.score > skipped.score


@pytest.mark.parametrize(("typo", "expected"), [
    ("hkqe", "hj-1"),                # wrong last letter
    ("hukouqiamru", "hj-1"),         # wrong letter inside
    ("gongjijinntiqu", "gjj-1"),     # one letter too many
    ("jiashizhengbuliing", "jsz-1"),
])
def test_one_wrong_letter_is_forgiven_and_marked(index, typo, expected):
    hits = index.search(typo)
    assert hits and hits[0].item_id == expected
    assert hits[0].fuzzy


def test_a_right_spelling_outranks_any_near_miss(index):
    hits = index.search("hkqc")
    assert hits[0].item_id == "hj-2" and not hits[0].fuzzy


def test_polyphone_readings_in_context_come_first():
    assert readings("重庆银行")[0][0] == "chong"
    assert readings("银行")[1][0] == "hang"
    assert readings("C1驾照") == (("c",), ("1",), ("jia",), ("zhao",))


queries = st.sampled_from(CATALOGUE).flatmap(
    lambda item: st.tuples(st.just(item.title), st.integers(0, 4), st.integers(1, 6),
                           st.sampled_from(["initials", "full", "mixed"]), st.integers(0, 25)))


def _typed(title: str, start: int, count: int, style: str, noise: int) -> str:
    syllables = [r[0] for r in readings(title)][start:start + count]
    if style == "initials":
        text = "".join(s[0] for s in syllables)
    elif style == "full":
        text = "".join(syllables)
    else:
        text = "".join(s if i % 2 else s[0] for i, s in enumerate(syllables))
    if noise and len(text) > 4:  # a wrong letter somewhere
        position = noise % len(text)
        text = text[:position] + "abcdefghijklmnopqrstuvwxyz"[noise] + text[position + 1:]
    return text


@settings(max_examples=120, deadline=None)
@given(queries)
def test_typing_letter_by_letter_gives_the_same_results_as_a_fresh_search(query):
    text = _typed(*query)
    if not text:
        return
    typing = GuideIndex(CATALOGUE)
    for n in range(1, len(text) + 1):
        typed = typing.search(text[:n])
    fresh = GuideIndex(CATALOGUE).search(text)
    assert [(h.item_id, round(h.score, 6), h.fuzzy) for h in typed] == [
        (h.item_id, round(h.score, 6), h.fuzzy) for h in fresh]


@settings(max_examples=80, deadline=None)
@given(queries)
def test_an_item_typed_without_mistakes_is_always_found(query):
    title, start, count, style, _ = query
    text = _typed(title, start, count, style, 0)
    if text:
        assert title in [h.title for h in GuideIndex(CATALOGUE).search(text, limit=50)]
