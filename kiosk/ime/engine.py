"""From typed letters to ranked candidates.

The letters are cut into tokens every way that makes sense: a full syllable (`zhang`), an
initial standing for any syllable that begins with it (`b`, `zh`; `z` also stands for `zh`),
or, as the last token only, the beginning of a syllable still being typed (`zhan` for
`zhang`). A path of tokens is followed only while some word's initials begin that way.

Candidates come in groups by how much of the input they use, the whole input first (张三
for `zhangsan`), then words for shorter beginnings (张, 章 …), down to single characters of the
first syllable, so that any character can be reached by paging. Within a group a candidate's
score is its log frequency less a penalty for each syllable that was only abbreviated, so
`zhangs` puts 张三 (one initial) before 长沙市 would be reached by `zhangshashi`.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from kiosk.ime.lexicon import INITIAL_TOKENS, Entry, Lexicon

ABBREVIATED_PENALTY = 1.5     # a syllable typed as its initial only, before the last one
LAST_PREFIX_PENALTY = 0.3     # the last syllable still being typed (zhon for zhong)
SYLLABLE_AS_PREFIX_PENALTY = 6.0  # a whole syllable as the start of a longer one (xian: xiang)
MAX_PATHS = 2000              # bound on the ways of cutting one input (never reached by words)
MAX_COMPOSE = 48              # letters a sentence is composed for (a long name or address)
MAX_SPLITS = 16               # readings of the letters as whole syllables tried for a sentence
MAX_WORD_SYLLABLES = 8        # the longest word a sentence is built from
REGEX_FROM = 64               # buckets this long are searched with a regular expression
MAX_INPUT = 64                # letters looked at; a keyboard session never gets near this

Token = tuple[str, bool, bool]  # (letters, may stand for longer syllables, is a syllable)


@dataclass(frozen=True)
class Candidate:
    """A word offered for the letters typed: it uses the first `consumed` letters."""

    text: str
    syllables: tuple[str, ...]
    consumed: int
    score: float


def clean(pinyin: str) -> str:
    """Lower-case letters and the syllable separator `'`; anything else is dropped."""
    text = "".join(c for c in pinyin.lower() if ("a" <= c <= "z") or c == "'")
    text = text.replace("lve", "lue").replace("nve", "nue")
    return text[:MAX_INPUT]


class Engine:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._texts: dict[str, tuple[str, list[int]]] = {}
        # The large buckets' texts are made now (about 0.1 s), not on a citizen's keystroke.
        for signature, bucket in lexicon.by_signature.items():
            if len(bucket) >= REGEX_FROM:
                self._bucket_text(signature, bucket)

    # cutting the input ------------------------------------------------------------------------

    def paths(self, text: str) -> list[tuple[tuple[Token, ...], int]]:
        """Every token path a word could follow, with the letters it uses (apostrophes count)."""
        lex = self.lexicon
        found: list[tuple[tuple[Token, ...], int]] = []
        stack: list[tuple[int, tuple[Token, ...], str]] = [(0, (), "")]
        while stack and len(found) < MAX_PATHS:
            pos, tokens, signature = stack.pop()
            while pos < len(text) and text[pos] == "'":
                pos += 1
            if tokens:
                found.append((tokens, pos))
            if pos >= len(text):
                continue
            end = text.find("'", pos)
            end = len(text) if end < 0 else end
            for stop in range(min(end, pos + 6), pos, -1):
                letters = text[pos:stop]
                last = stop == len(text)
                is_syllable = letters in lex.syllables
                abbreviated = letters in INITIAL_TOKENS or (
                    last and letters in lex.syllable_prefixes)
                if not (is_syllable or abbreviated):
                    continue
                next_signature = signature + letters[0]
                if next_signature not in lex.signatures:
                    continue
                token = (letters, abbreviated, is_syllable)
                stack.append((stop, (*tokens, token), next_signature))
        return found

    # matching words ---------------------------------------------------------------------------

    def matches(self, tokens: tuple[Token, ...], consumed: int, last: bool,
                limit: int) -> list[Candidate]:
        """The best `limit` words for one token path (`last`: it reaches the input's end)."""
        lex = self.lexicon
        if not any(abbreviated for _, abbreviated, _ in tokens):
            entries = lex.exact.get(tuple(letters for letters, _, _ in tokens), [])
            return [Candidate(w, s, consumed, score) for score, w, s in entries[:limit]]
        signature = "".join(letters[0] for letters, _, _ in tokens)
        bucket = lex.by_signature.get(signature, [])
        best: list[tuple[float, int, Candidate]] = []  # a min-heap of the best `limit`
        # Entries come best first and a penalty only lowers a score, so once `limit` matches
        # are in hand, an entry whose unpenalised score is below the worst kept one cannot win.
        for order in self._matching(signature, tokens, bucket):
            score, word, syllables = bucket[order]
            if len(best) >= limit and score <= best[0][0]:
                break
            penalty = _penalty(tokens, syllables, last)
            if penalty is None:
                continue
            item = (score - penalty, -order, Candidate(word, syllables, consumed, score - penalty))
            if len(best) < limit:
                heapq.heappush(best, item)
            elif item[0] > best[0][0]:
                heapq.heapreplace(best, item)
        return [c for _, _, c in sorted(best, key=lambda i: (-i[0], -i[1]))]

    def _matching(self, signature: str, tokens: tuple[Token, ...], bucket: list[Entry]
                  ) -> Iterator[int]:
        """Positions in `bucket` (best first) whose syllables fit the tokens. A large bucket is
        searched by one regular expression over its readings, one per line, so the scan runs
        in C; a small one is simply walked."""
        if len(bucket) < REGEX_FROM:
            yield from range(len(bucket))
            return
        text, starts = self._bucket_text(signature, bucket)
        for match in _pattern(tokens).finditer(text):
            yield bisect.bisect_right(starts, match.start()) - 1

    def _bucket_text(self, signature: str, bucket: list[Entry]) -> tuple[str, list[int]]:
        cached = self._texts.get(signature)
        if cached is None:
            lines = [" ".join(syllables) for _, _, syllables in bucket]
            starts, offset = [], 0
            for line in lines:
                starts.append(offset)
                offset += len(line) + 1
            cached = self._texts[signature] = ("\n".join(lines), starts)
        return cached

    def ranked(self, pinyin: str, want: int) -> Iterator[Candidate]:
        """Candidates best first, whole-input groups before shorter ones, no text twice."""
        text = clean(pinyin)
        if not text.strip("'"):
            return
        groups: dict[int, list[tuple[Token, ...]]] = {}
        for tokens, consumed in self.paths(text):
            groups.setdefault(consumed, []).append(tokens)
        seen: set[str] = set()
        end = len(text.rstrip("'"))
        composed = False
        for consumed in sorted(groups, reverse=True):
            last = consumed >= end
            per_path = [self.matches(tokens, consumed, last, want)
                        for tokens in groups[consumed]]
            group = sorted((c for found in per_path for c in found),
                           key=lambda c: (-c.score, len(c.text)))
            if not composed and (not last or not group):
                # No word for all the letters: offer the best sentence of words first (出生日期
                # from 出生 + 日期, a name from its characters), as a keyboard's first choice.
                composed = True
                sentence = self.compose(text)
                if sentence is not None:
                    seen.add(sentence.text)
                    yield sentence
            for candidate in group:
                if candidate.text not in seen:
                    seen.add(candidate.text)
                    yield candidate

    def compose(self, text: str) -> Candidate | None:
        """The fewest words that use all of `text` (the likeliest among equals), joined.
        Inside the sentence only whole syllables count (initials there make nonsense); the
        last word may end in an initial or a syllable still being typed."""
        if not text.strip("'") or len(text) > MAX_COMPOSE:
            return None
        best: tuple[int, float, list[Candidate]] | None = None
        for syllables, tail in self._splits(text)[:MAX_SPLITS]:
            found = self._compose_split(syllables, tail, len(text))
            if found is not None and (best is None or found[:2] < best[:2]):
                best = found
        if best is None or best[0] < 2:
            return None
        pieces = best[2]
        return Candidate("".join(c.text for c in pieces),
                         tuple(s for c in pieces for s in c.syllables), len(text), -best[1])

    def _compose_split(self, syllables: tuple[str, ...], tail: str, consumed: int
                       ) -> tuple[int, float, list[Candidate]] | None:
        exact = self.lexicon.exact
        count = len(syllables)
        # best[i]: (pieces, -score, words) for syllables[i:] and the tail.
        best: list[tuple[int, float, list[Candidate]] | None] = [None] * (count + 1)
        if not tail:
            best[count] = (0, 0.0, [])
        for start in range(count - 1 if not tail else count, -1, -1):
            options = []
            if tail and count - start < MAX_WORD_SYLLABLES:
                tokens = (*((s, False, True) for s in syllables[start:]), (tail, True, False))
                top = self.matches(tokens, consumed, True, 1)
                if top:
                    options.append((1, -top[0].score, [top[0]]))
            for stop in range(start + 1, min(count, start + MAX_WORD_SYLLABLES) + 1):
                rest = best[stop]
                entries = exact.get(syllables[start:stop]) if rest is not None else None
                if entries:
                    score, word, reading = entries[0]
                    word_candidate = Candidate(word, reading, consumed, score)
                    options.append((rest[0] + 1, rest[1] - score, [word_candidate, *rest[2]]))
            best[start] = min(options, key=lambda o: (o[0], o[1]), default=None)
        return best[0]

    def _splits(self, text: str) -> list[tuple[tuple[str, ...], str]]:
        """Ways to read `text` as whole syllables, perhaps ending in a part of one."""
        chunks = [c for c in text.split("'") if c]
        results: list[tuple[tuple[str, ...], str]] = [((), "")]
        for index, chunk in enumerate(chunks):
            final = index == len(chunks) - 1
            results = [(head + more, tail) for head, _ in results
                       for more, tail in _chunk_splits(self.lexicon, chunk, final)
                       ][:MAX_SPLITS]
        return results

    def candidates(self, pinyin: str, limit: int = 10) -> list[Candidate]:
        if limit <= 0:
            return []
        out = []
        for candidate in self.ranked(pinyin, limit):
            out.append(candidate)
            if len(out) >= limit:
                break
        return out


def _chunk_splits(lex: Lexicon, chunk: str, final: bool
                  ) -> list[tuple[tuple[str, ...], str]]:
    """Whole-syllable readings of a chunk; when `final`, the chunk may end in a part of one."""
    out: list[tuple[tuple[str, ...], str]] = []

    def walk(pos: int, taken: tuple[str, ...]) -> None:
        if len(out) >= MAX_SPLITS:
            return
        if pos == len(chunk):
            out.append((taken, ""))
            return
        rest = chunk[pos:]
        if final and (rest in INITIAL_TOKENS
                      or (rest not in lex.syllables and rest in lex.syllable_prefixes)):
            out.append((taken, rest))
        for stop in range(min(len(chunk), pos + 6), pos, -1):
            if chunk[pos:stop] in lex.syllables:
                walk(stop, (*taken, chunk[pos:stop]))

    walk(0, ())
    return out


@lru_cache(maxsize=4096)
def _pattern(tokens: tuple[Token, ...]) -> re.Pattern[str]:
    parts = [re.escape(letters) + ("[a-z]*" if abbreviated else "")
             for letters, abbreviated, _ in tokens]
    return re.compile("^" + " ".join(parts) + "$", re.MULTILINE)


def _penalty(tokens: tuple[Token, ...], syllables: tuple[str, ...], last: bool) -> float | None:
    """How much typing was left out to reach `syllables`, or None when they do not match."""
    penalty = 0.0
    final = len(tokens) - 1
    for index, ((letters, abbreviated, is_syllable), syllable) in enumerate(
            zip(tokens, syllables, strict=True)):
        if syllable == letters:
            continue
        if not abbreviated or not syllable.startswith(letters):
            return None
        if index == final and last and letters not in INITIAL_TOKENS:
            penalty += SYLLABLE_AS_PREFIX_PENALTY if is_syllable else LAST_PREFIX_PENALTY
        else:
            penalty += ABBREVIATED_PENALTY
    return penalty
