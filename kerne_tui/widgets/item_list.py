"""What the session's lists share: one option per item, redrawn only when what it shows
changed, and the highlight kept on the same item when it is."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kerne_tui.locale import Strings
from kerne_tui.state import View


class ItemList(OptionList):
    """Subclasses say what they are drawn from (`sources`) and how each item reads
    (`items`); the keys that act on the items belong to the area around the list."""

    view: reactive[View | None] = reactive(None, always_update=True)
    """The session as this person sees it (bound to the area's)."""

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t
        self._drawn_from: tuple[object, ...] = ()

    @property
    def selected_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def sources(self, view: View) -> tuple[object, ...]:
        """Everything the items are made from, as the fold hands it over."""
        raise NotImplementedError

    def items(self, view: View) -> Iterable[tuple[str, Text]]:
        """Each item's id and how it reads."""
        raise NotImplementedError

    def watch_view(self) -> None:
        self.show()

    def show(self) -> None:
        """Redraw, but only when a source is another object than at the last redraw.

        The fold replaces only the collections an event touched, so an unchanged one is
        the very same object. (With hundreds of drafts, redrawing every list on every
        event lags a room.)
        """
        view = self.view
        if view is None:
            return
        sources = self.sources(view)
        drawn = self._drawn_from
        if len(drawn) == len(sources) and all(a is b for a, b in zip(drawn, sources, strict=True)):
            return
        self._drawn_from = sources
        self.redraw(self.items(view))

    def redraw(self, items: Iterable[tuple[str, Text]]) -> None:
        """Replace every option, keeping the highlighted item where it was."""
        keep = self.selected_id
        options = [Option(prompt, id=item_id) for item_id, prompt in items]
        self.set_options(options)
        if options:
            ids = [o.id for o in options]
            self.highlighted = ids.index(keep) if keep in ids else 0
        self.refresh_bindings()
