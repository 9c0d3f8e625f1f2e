"""办事指南: find a service item by typing or by browsing, then open its page.

Four tabs: 搜索 (the on-screen keyboard: pinyin, initials, a wrong letter forgiven, and chips of
common words in Chinese characters; results follow every key), 按主题 (the catalogue's
categories), 按部门 (departments) and 一件事 (life events). A theme, department or life event
opens a list of its items; an item opens its page (screens/guide_item.py).

The search index is built once per catalogue, off the UI thread (`core.guide`); a search is
then a millisecond or two and runs right here, so results change with each key.
"""

from __future__ import annotations

from typing import Any

from kivy.factory import Factory
from kivy.properties import BooleanProperty, ObjectProperty, OptionProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.guide_catalogue import Guide, Shelf
from kiosk.guide_facts import item_title
from kiosk.i18n import N_
from screens.base import KioskScreen
from screens.widgets.keyboard import KioskKeyboard, apply_key
from screens.widgets.paged_list import PagedList, Row

__all__ = ["GuideScreen", "KioskKeyboard", "PagedList"]  # the widgets its layout uses

MAX_QUERY = 24
# Words citizens ask for most, typed with one tap (full Chinese typing comes with the input
# method of the form screens).
PHRASES = ("不动产", "户口", "身份证", "社保", "医保", "养老", "公积金", "营业执照", "结婚",
           "出生", "低保", "采伐")
TABS = ("search", "theme", "department", "event")
PROMPT = N_(
    "请输入要办的事。可以打拼音首字母，比如不动产登记，打bdcdj。也可以按主题、按部门或一件事查找。"
)
NO_CATALOGUE = N_(
    "办事指南暂时打不开：本机还没有收到事项目录，政务平台也连不上。请到综合受理窗口咨询，或点「帮办」。"
)


class GuideView(BoxLayout):
    screen = ObjectProperty(None, rebind=True)  # the GuideScreen showing this view


class GuideSearchView(GuideView):
    """The search tab: what was typed, the word chips, the results and the keyboard."""

    def on_kv_post(self, base_widget: Any) -> None:
        for number, phrase in enumerate(PHRASES):
            chip = Factory.PhraseChip()
            chip.phrase, chip.kid = phrase, f"chip_{number}"
            chip.bind(on_release=lambda button: self.screen.choose_phrase(button.phrase))
            self.ids.chips.add_widget(chip)

    def arrange(self, landscape: bool) -> None:
        """Keyboard under the results in portrait; beside them, under the field, in landscape."""
        keyboard = self.ids.keyboard.__self__
        split, side = self.ids.split, self.ids.input_side
        if keyboard.parent is not None:
            keyboard.parent.remove_widget(keyboard)
        split.orientation = "horizontal" if landscape else "vertical"
        side.size_hint = (0.55, 1) if landscape else (1, None)
        (side if landscape else self).add_widget(keyboard)


class GuideShelvesView(GuideView):
    """A tab that lists themes, departments or life events."""


class GuideShelfView(GuideView):
    """The items of one theme, department or life event."""

    title = StringProperty("")
    description = StringProperty("")


class GuideScreen(KioskScreen):
    tab = OptionProperty("search", options=TABS)
    query = StringProperty("")
    preparing = BooleanProperty(True)
    problem = StringProperty("")          # msgid: the catalogue could not be had
    found_text = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        self._guide: Guide | None = None
        self._shelf: Shelf | None = None
        self._views: dict[str, Any] = {}
        super().__init__(**kwargs)

    def on_kv_post(self, base_widget: Any) -> None:
        self.app.theme.bind(landscape=lambda *_: self._arrange())
        self.app.bind(language=lambda *_: self._refresh())

    def spoken_prompt(self) -> str:
        return PROMPT

    # entering and leaving --------------------------------------------------------------------

    def enter(self, **params: Any) -> None:
        if not params.get("back"):  # a new visit starts clean; back from an item keeps place
            self.query = ""
            self._shelf = None
            self.tab = "search"
        self._guide = self.core.guide.ready
        self.preparing = self._guide is None
        self.problem = ""
        self._show()
        # Even with an index at hand, check the catalogue has not changed meanwhile.
        self.run_background(lambda: self.core.guide.current(self.core.platform),
                            on_done=self._guide_ready, on_error=self._guide_failed)

    def leave(self) -> None:
        self._shelf = None

    def _guide_ready(self, guide: Guide) -> None:
        changed = guide is not self._guide
        self._guide = guide
        self.preparing = False
        self.problem = ""
        if changed:
            self._refresh()

    def _guide_failed(self, _error: BaseException) -> None:
        self.preparing = False
        if self._guide is None:
            self.problem = NO_CATALOGUE
            self._refresh()

    # tabs and views --------------------------------------------------------------------------

    def choose_tab(self, tab: str) -> None:
        self._shelf = None
        self.tab = tab
        self._show()

    def _view(self, name: str) -> Any:
        if name not in self._views:
            self._views[name] = getattr(Factory, name)(screen=self)
        return self._views[name]

    def _show(self) -> None:
        body = self.ids.body
        body.clear_widgets()
        if self._shelf is not None:
            view = self._view("GuideShelfView")
        elif self.tab == "search":
            view = self._view("GuideSearchView")
        else:
            view = self._view("GuideShelvesView")
        body.add_widget(view)
        self._arrange()
        self._refresh()

    def _arrange(self) -> None:
        if "GuideSearchView" in self._views:
            self._views["GuideSearchView"].arrange(bool(self.app.theme.landscape))

    def _refresh(self) -> None:
        """Fill the view on show from the guide: results, shelves or a shelf's items."""
        if self._shelf is not None:
            self._fill_shelf()
        elif self.tab == "search":
            self._search()
        else:
            self._fill_shelves()

    # searching -------------------------------------------------------------------------------

    def on_key(self, key: str) -> None:
        if key in ("backspace", "clear") or not self.query or self.query.isascii():
            self.query = apply_key(self.query, key, MAX_QUERY)
        else:  # letters after a chip's characters start a new query
            self.query = apply_key("", key, MAX_QUERY)
        self._search()

    def choose_phrase(self, phrase: str) -> None:
        self.query = phrase
        self._search()

    def _search(self) -> None:
        view = self._views.get("GuideSearchView")
        if view is None:
            return
        results = view.ids.results
        if self._guide is None or not self.query:
            self.found_text = ""
            results.show([])
            return
        items = self._guide.search(self.query)
        language = self.app.language
        self.found_text = (self.app.tr._("找到 {n} 项").format(n=len(items)) if items
                           else self.app.tr._("没有找到，换个说法试试，或按主题查找"))
        results.show([Row(f"result_{item.id}", item_title(item, language), item.department,
                          self.app.tr._("可网办") if item.online_available else "", "ok",
                          on_tap=lambda i=item.id: self.open_item(i))
                      for item in items])

    # browsing --------------------------------------------------------------------------------

    def _fill_shelves(self) -> None:
        view = self._views.get("GuideShelvesView")
        if view is None:
            return
        language = self.app.language
        shelves = self._guide.shelves(self.tab) if self._guide else []
        tr = self.app.tr._
        view.ids.shelves.show([
            Row(f"shelf_{shelf.key}", shelf.shown_title(language),
                shelf.description if shelf.kind == "event" else "",
                tr("{n} 项").format(n=len(shelf.item_ids)),
                on_tap=lambda s=shelf: self.open_shelf(s))
            for shelf in shelves])

    def open_shelf(self, shelf: Shelf) -> None:
        self._shelf = shelf
        self._show()

    def _fill_shelf(self) -> None:
        view = self._views.get("GuideShelfView")
        if view is None or self._shelf is None or self._guide is None:
            return
        shelf, language, tr = self._shelf, self.app.language, self.app.tr._
        view.title = shelf.shown_title(language)
        description = shelf.description
        if shelf.kind == "event" and shelf.promised_days is not None:
            description += " " + tr("一次申请，{n} 个工作日内办结。").format(n=shelf.promised_days)
        view.description = description
        view.ids.shelf_items.show([
            Row(f"result_{item.id}", item_title(item, language), item.department,
                tr("可网办") if item.online_available else "", "ok",
                on_tap=lambda i=item.id: self.open_item(i))
            for item in self._guide.items_of(shelf)])

    def close_shelf(self) -> None:
        self._shelf = None
        self._show()

    def open_item(self, item_id: str) -> None:
        self.app.go("guide_item", item_id=item_id)
