"""Searching the service catalogue (办事指南) as a citizen types.

A query may be Chinese characters (不动产), full pinyin (budongchan), pinyin initials (bdcdj)
or any mix (budcdj), and may carry one wrong letter (bdcdk). Every syllable of an item's name
may be typed in full or cut short to any prefix; polyphonic characters match on any of their
readings; the match may start at any syllable (dengji → 不动产登记) and may skip syllables the
citizen did not think of (不动产登记 → 不动产首次登记), though an unbroken match ranks first.

The index is built once per catalogue, off the UI thread (pinyin readings are slow to load);
`search` is then plain Python over small precomputed tuples and bit masks:

- a name is only tried if it has every letter of the query, and every pair of letters typed one
  after the other can follow each other in it (inside a reading, or across syllables);

- a name is only tried from the syllables whose readings begin with the query's first letter;
- typing narrows: a query that extends the previous one is searched among the previous matches;
- a wrong letter (or one too many) is first looked for by searching exactly for the query with
  one letter made wild or left out; a wrong letter at position p means the first p letters
  were right, so each variant is tried only on what that prefix matched. The first letter is
  taken as right, as pinyin input methods do. Once found, the names within one letter of the
  query narrow with each further keystroke, like exact matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from kiosk.pinyin import is_chinese, readings

TITLE_BONUS = 1000.0
KEYWORD_PENALTY = 300.0
FUZZY_PENALTY = 600.0
GAP_PENALTY = 80.0  # per syllable skipped inside a match
RARE_READING_PENALTY = 40.0  # per syllable typed in a reading other than the one in context
COVER_POINTS = 40.0  # for a query that covers the whole name; in proportion for less
MAX_GAP = 2  # syllables that may be skipped between two typed ones (首次, 个人...)
FUZZY_MIN_LENGTH = 4  # below this, one wrong letter would let almost anything match
FUZZY_WHEN_FEWER = 3  # look for a wrong letter only when the query finds less than this
WILD = "?"
NO_MATCH = 1_000_000

Syllables = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Searchable:
    """One catalogue entry: its id, its name, other names it is known by, how often it is used."""

    item_id: str
    title: str
    keywords: tuple[str, ...] = ()
    popularity: float = 0.0


@dataclass(frozen=True)
class Hit:
    item_id: str
    title: str
    score: float
    fuzzy: bool = False


@dataclass(frozen=True)
class _Text:
    item: int
    is_title: bool
    text: str
    syllables: Syllables
    letters: int  # bit mask of the letters and digits in any reading
    pairs: int  # bit mask of the letter pairs that may be typed one after the other
    starts: dict[str, tuple[int, ...]]  # letter -> syllables with a reading beginning with it


Found = list[tuple[int, float, bool]]


def _mask(letters: Iterable[str]) -> int:
    mask = 0
    for letter in letters:
        if letter != WILD:
            mask |= 1 << (ord(letter) & 63)
    return mask


def _pair_bit(first: str, second: str) -> int:
    return 1 << ((ord(first) & 63) * 64 + (ord(second) & 63))


def _pair_mask(query: str) -> int:
    """The pairs of letters typed one after the other (pairs with a wild letter say nothing)."""
    mask = 0
    for first, second in pairwise(query):
        if first != WILD and second != WILD:
            mask |= _pair_bit(first, second)
    return mask


def _allowed_pairs(syllables: Syllables) -> int:
    """Every pair of letters that typing the name may put side by side."""
    mask = 0
    for index, syllable in enumerate(syllables):
        ahead = {r[0] for later in syllables[index + 1:index + 2 + MAX_GAP] for r in later}
        for reading in syllable:
            for first, second in pairwise(reading):
                mask |= _pair_bit(first, second)
            # A syllable cut short after any of its letters, then a later one begun.
            for letter in set(reading):
                for following in ahead:
                    mask |= _pair_bit(letter, following)
    return mask


def _prepare(item: int, is_title: bool, text: str) -> _Text:
    syllables = readings(text)
    starts: dict[str, list[int]] = {}
    for position, syllable in enumerate(syllables):
        for letter in {reading[0] for reading in syllable}:
            starts.setdefault(letter, []).append(position)
    letters = _mask("".join(r for s in syllables for r in s))
    return _Text(item, is_title, text, syllables, letters, _allowed_pairs(syllables),
                 {letter: tuple(positions) for letter, positions in starts.items()})


class GuideIndex:
    def __init__(self, entries: Sequence[Searchable]) -> None:
        self._entries = list(entries)
        self._texts: list[_Text] = []
        self._by_first_letter: dict[str, list[int]] = {}
        for number, entry in enumerate(self._entries):
            for is_title, text in ((True, entry.title), *((False, k) for k in entry.keywords)):
                prepared = _prepare(number, is_title, text)
                for letter in prepared.starts:
                    self._by_first_letter.setdefault(letter, []).append(len(self._texts))
                self._texts.append(prepared)
        # Exact matches of the queries typed so far in this chain of keystrokes (b, bd, bdc...),
        # and names within one wrong letter of them, where that was looked for.
        self._typed: dict[str, list[int]] = {}
        self._near: dict[str, list[int]] = {}
        # The first keystroke matches a large part of the catalogue; its ranking never
        # changes, so it is worked out here, with the rest of the slow preparation.
        self._first_keystroke = {letter: self._exact(letter, pool)
                                 for letter, pool in self._by_first_letter.items()}

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        query = "".join(query.split()).lower().replace("'", "")
        if not query:
            return []
        if is_chinese(query):
            return self._rank(self._chinese(query), limit)
        if len(query) == 1 and query in self._first_keystroke:
            found = self._first_keystroke[query]
        else:
            found = self._exact(query, self._candidates(query))
        self._remember(query, [t for t, _, _ in found])
        if len(found) < FUZZY_WHEN_FEWER and len(query) >= FUZZY_MIN_LENGTH:
            found += self._one_letter_off(query, {t for t, _, _ in found})
        return self._rank(found, limit)

    def _remember(self, query: str, texts: list[int]) -> None:
        # Keep only the chain that leads to this query: its prefixes stay useful, others not.
        self._typed = {q: t for q, t in self._typed.items() if query.startswith(q)}
        self._near = {q: t for q, t in self._near.items() if query.startswith(q)}
        self._typed[query] = texts

    def _matches_of(self, prefix: str) -> list[int]:
        """Exact matches of `prefix`, from memory or narrowed from its longest remembered prefix."""
        if prefix not in self._typed:
            shorter = max((q for q in self._typed if prefix.startswith(q)), key=len, default="")
            pool = self._typed[shorter] if shorter else self._pool(prefix)
            self._typed[prefix] = [t for t, _, _ in self._exact(prefix, pool)]
        return self._typed[prefix]

    # pinyin -----------------------------------------------------------------------------------

    def _candidates(self, query: str) -> Iterable[int]:
        # A longer query can only match what its prefix did.
        shorter = max((q for q in self._typed if query.startswith(q)), key=len, default="")
        return self._typed[shorter] if shorter else self._pool(query)

    def _pool(self, query: str) -> list[int]:
        """Names that can match `query` at all: first letter, letters and pairs present."""
        first = query[0]
        pool = range(len(self._texts)) if first == WILD else self._by_first_letter.get(first, ())
        return self._possible(query, pool)

    def _possible(self, query: str, pool: Iterable[int]) -> list[int]:
        letters, pairs, texts = _mask(query), _pair_mask(query), self._texts
        return [t for t in pool
                if letters & ~texts[t].letters == 0 and pairs & ~texts[t].pairs == 0]

    def _exact(self, query: str, candidates: Iterable[int]) -> Found:
        found: Found = []
        for t in candidates:
            score = self._score(self._texts[t], query)
            if score is not None:
                found.append((t, score, False))
        return found

    def _one_letter_off(self, query: str, exclude: set[int]) -> Found:
        """Matches for `query` with one letter wrong or one too many (the first is right)."""
        parent = query[:-1]
        if parent in self._near:  # within one letter of the query, so within one of its prefix
            scored = {t: score for t in self._near[parent] if t not in exclude
                      and (score := self._score(self._texts[t], query, errors=1)) is not None}
        else:
            scored = {t: score for t, score in self._variants(query).items() if t not in exclude}
        self._near[query] = sorted(exclude | set(scored))
        return [(t, score - FUZZY_PENALTY, True) for t, score in scored.items()]

    def _variants(self, query: str) -> dict[int, float]:
        """Best score per name matching `query` with one letter made wild or left out."""
        best: dict[int, float] = {}
        for i in range(len(query)):
            # Letters before i were typed right: only what they matched can match now.
            pool = self._matches_of(query[:i]) if i else None
            variants = [query[i + 1:]] if i == 0 else [query[:i] + WILD + query[i + 1:],
                                                        query[:i] + query[i + 1:]]
            for variant in variants:
                candidates = (self._pool(variant) if pool is None else
                              self._possible(variant, pool))
                for t, score, _ in self._exact(variant, candidates):
                    best[t] = max(score, best.get(t, score))
        return best

    def _score(self, text: _Text, query: str, errors: int = 0) -> float | None:
        first = query[0]
        starts = text.starts.get(first, ())
        if errors and len(query) > 1:  # the first letter may be one too many
            starts = sorted({*starts, *text.starts.get(query[1], ())})
        memo: dict[tuple[int, int, int], float] = {}
        cover = COVER_POINTS / len(text.syllables)
        best: float | None = None
        for start in starts:
            cost = _typed_from(text, start, query, 0, errors, cover, memo)
            if cost < NO_MATCH:
                score = self._base_points(text, start) - cost
                best = score if best is None else max(best, score)
        return best

    def _base_points(self, text: _Text, start: int) -> float:
        # Earlier starts, titles over keywords, shorter names, more popular items; how much of
        # the name the query covers is added by the caller.
        score = 100.0 - 20.0 * start - 0.5 * len(text.text)
        score += TITLE_BONUS if text.is_title else TITLE_BONUS - KEYWORD_PENALTY
        return score + self._entries[text.item].popularity

    # Chinese ----------------------------------------------------------------------------------

    def _chinese(self, query: str) -> Found:
        found: Found = []
        for number, text in enumerate(self._texts):
            cover = COVER_POINTS * len(query) / len(text.text)
            position = text.text.find(query)
            if position >= 0:
                found.append((number, self._base_points(text, position) + cover, False))
                continue
            placed = _in_order(text.text, query)
            if placed is not None:
                start, gaps = placed
                score = self._base_points(text, start) + cover - GAP_PENALTY * gaps
                found.append((number, score, False))
        return found

    # ranking ----------------------------------------------------------------------------------

    def _rank(self, found: Iterable[tuple[int, float, bool]], limit: int) -> list[Hit]:
        best: dict[int, tuple[float, bool]] = {}
        for t, score, fuzzy in found:
            item = self._texts[t].item
            if item not in best or score > best[item][0]:
                best[item] = (score, fuzzy)
        order = sorted(best, key=lambda i: (-best[i][0], self._entries[i].title))[:limit]
        return [Hit(self._entries[i].item_id, self._entries[i].title, *best[i]) for i in order]


def _typed_from(text: _Text, index: int, query: str, at: int, errors: int, cover: float,
                memo: dict[tuple[int, int, int], float]) -> float:
    """The lowest cost of typing `query[at:]` from syllable `index` onwards.

    The syllable at `index` is typed first; each syllable is a non-empty prefix of one of its
    readings (one other than the reading in context costs RARE_READING_PENALTY); `?` stands for
    any letter; up to MAX_GAP syllables may be skipped between typed ones (GAP_PENALTY each);
    `errors` letters may be wrong (never the first) or one too many. Each syllable the match
    spans earns `cover` back, so the lowest cost is the best score. NO_MATCH when it cannot be
    done.
    """
    key = (index, at, errors)
    if key in memo:
        return memo[key]
    syllables = text.syllables
    last = min(len(syllables) - 1, index + 1 + MAX_GAP)
    best = float(NO_MATCH)
    for rank, reading in enumerate(syllables[index]):
        cost = (RARE_READING_PENALTY if rank else 0.0) - cover
        for rest, left in _prefixes_typed(reading, query, at, errors):
            if rest == len(query):
                best = min(best, cost)
                continue
            upcoming = query[rest]
            # Only syllables that can begin with the next letter are worth a try (any
            # syllable, if that letter may be the wrong one or one too many).
            following = (range(index + 1, last + 1) if upcoming == WILD or left else
                         [p for p in text.starts.get(upcoming, ()) if index < p <= last])
            for position in following:
                after = _typed_from(text, position, query, rest, left, cover, memo)
                if after < NO_MATCH:
                    gaps = position - index - 1
                    best = min(best, cost + (GAP_PENALTY - cover) * gaps + after)
    memo[key] = best
    return best


def _prefixes_typed(reading: str, query: str, at: int, errors: int) -> list[tuple[int, int]]:
    """Each way `query[at:]` can begin with a non-empty prefix of `reading`, as (where the
    query goes on, errors left). Without errors to spend this is a plain prefix comparison."""
    ways: list[tuple[int, int]] = []
    if not errors:
        for k in range(min(len(reading), len(query) - at)):
            typed = query[at + k]
            if typed != reading[k] and typed != WILD:
                break
            ways.append((at + k + 1, 0))
        return ways
    # (letters of the reading typed, position in the query, errors left)
    stack = [(0, at, errors)]
    seen = set()
    while stack:
        state = stack.pop()
        if state in seen:
            continue
        seen.add(state)
        done, position, left = state
        if done and (position, left) not in ways:
            ways.append((position, left))
        if position == len(query):
            continue
        typed = query[position]
        if done < len(reading):
            if typed == reading[done] or typed == WILD:
                stack.append((done + 1, position + 1, left))
            elif left and position > 0:  # a wrong letter (the first is taken as right)
                stack.append((done + 1, position + 1, left - 1))
        if left:  # a letter typed once too often
            stack.append((done, position + 1, left - 1))
    return ways


def _in_order(text: str, query: str) -> tuple[int, int] | None:
    """(start, characters skipped) if `query`'s characters appear in `text` in order."""
    start = text.find(query[0])
    if start < 0:
        return None
    position, gaps = start, 0
    for char in query[1:]:
        found = text.find(char, position + 1)
        if found < 0 or found - position - 1 > MAX_GAP:
            return None
        gaps += found - position - 1
        position = found
    return start, gaps
