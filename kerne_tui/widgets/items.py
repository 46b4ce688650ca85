"""What the session's lists share: one option per item, the highlight kept on the same
item when the list is redrawn, and keys translated into the person's language."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kerne_tui.locale import Strings, localize_bindings
from kerne_tui.state import View


class ItemList(OptionList):
    """Subclasses declare BINDINGS and an Action message, and call `redraw`."""

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t
        self.view: View | None = None
        localize_bindings(self, t)

    @property
    def selected_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def redraw(self, view: View, items: Iterable[tuple[str, Text]]) -> None:
        """Replace every option, keeping the highlighted item where it was."""
        self.view = view
        keep = self.selected_id
        options = [Option(prompt, id=item_id) for item_id, prompt in items]
        self.set_options(options)
        if options:
            ids = [o.id for o in options]
            self.highlighted = ids.index(keep) if keep in ids else 0
        self.refresh_bindings()
