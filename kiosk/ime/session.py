"""One composition on the on-screen keyboard: letters typed, pages of candidates, commits.

    session = InputSession(page_size=8)
    session.type("zhangsanfeng")
    session.page            → [Candidate("张三丰"…), …]   the current page
    session.next_page()     → True when there was one
    session.choose(0)       → "张三丰": the composition is finished, put it into the field

Choosing a candidate that uses only the beginning of the letters (张 for `zhangsan`) keeps
it in `composed` and leaves the rest (`san`) to choose from, the way a phone keyboard does;
`choose` returns the whole text only when no letters are left. Backspace takes off a letter,
or, with no letters left, takes back the last choice and its letters. The session holds what
a citizen is typing: the keyboard clears it when the field or the citizen session ends.
"""

from __future__ import annotations

from kiosk.ime.engine import Candidate, Engine, clean

PAGE_SIZE = 8


class InputSession:
    def __init__(self, engine: Engine | None = None, *, page_size: int = PAGE_SIZE) -> None:
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        self._engine = engine
        self.page_size = page_size
        self.pinyin = ""
        self._chosen: list[tuple[str, str]] = []  # (text, the letters it used)
        self.page_index = 0
        self._found: list[Candidate] = []
        self._exhausted = False

    # what the keyboard shows ------------------------------------------------------------------

    @property
    def composed(self) -> str:
        """Chosen so far in this composition, not yet in the field."""
        return "".join(text for text, _ in self._chosen)

    @property
    def preedit(self) -> str:
        """The line above the candidates: chosen text, then the letters still to choose for."""
        return self.composed + self.pinyin

    @property
    def active(self) -> bool:
        return bool(self.pinyin or self._chosen)

    @property
    def page(self) -> list[Candidate]:
        start = self.page_index * self.page_size
        self._fill(start + self.page_size)
        return self._found[start:start + self.page_size]

    @property
    def has_next(self) -> bool:
        self._fill((self.page_index + 1) * self.page_size + 1)
        return len(self._found) > (self.page_index + 1) * self.page_size

    @property
    def has_prev(self) -> bool:
        return self.page_index > 0

    # keys -------------------------------------------------------------------------------------

    def type(self, letters: str) -> None:
        """Add letters (and `'` separators); anything else is ignored."""
        added = clean(letters)
        if added:
            self.pinyin = clean(self.pinyin + added)
            self._reset_pages()

    def backspace(self) -> bool:
        """Take off the last letter, or the last choice; False when there was nothing."""
        if self.pinyin:
            self.pinyin = self.pinyin[:-1]
        elif self._chosen:
            _, letters = self._chosen.pop()
            self.pinyin = letters
        else:
            return False
        self._reset_pages()
        return True

    def next_page(self) -> bool:
        if not self.has_next:
            return False
        self.page_index += 1
        return True

    def prev_page(self) -> bool:
        if self.page_index == 0:
            return False
        self.page_index -= 1
        return True

    def choose(self, index: int) -> str | None:
        """Choose the `index`-th candidate of the current page. Returns the finished text when
        it used the last letters (the keyboard puts it into the field), else None."""
        page = self.page
        if not 0 <= index < len(page):
            raise IndexError(f"no candidate {index} on this page ({len(page)} shown)")
        candidate = page[index]
        letters, self.pinyin = self.pinyin[:candidate.consumed], self.pinyin[candidate.consumed:]
        self.pinyin = self.pinyin.lstrip("'")
        self._chosen.append((candidate.text, letters))
        self._reset_pages()
        if self.pinyin:
            return None
        return self.finish()

    def finish(self) -> str:
        """End the composition now (the confirm key): chosen text, then any letters as typed."""
        text = self.composed + self.pinyin.replace("'", "")
        self.clear()
        return text

    def clear(self) -> None:
        self.pinyin = ""
        self._chosen.clear()
        self._reset_pages()

    # ------------------------------------------------------------------------------------------

    def _reset_pages(self) -> None:
        self.page_index = 0
        self._found = []
        self._exhausted = False

    def _fill(self, count: int) -> None:
        if len(self._found) >= count or self._exhausted or not self.pinyin:
            return
        # Ask for a few pages at a time: each ask starts from the letters again.
        want = max(count, 3 * self.page_size)
        self._found = self._get_engine().candidates(self.pinyin, want)
        self._exhausted = len(self._found) < want

    def _get_engine(self) -> Engine:
        if self._engine is None:
            from kiosk.ime import engine

            self._engine = engine()
        return self._engine
