"""Pick one of a few choices (a status, a class): arrows and Enter, or a click."""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

KeyT = TypeVar("KeyT", bound=str)


class Choice(ModalScreen[KeyT | None], Generic[KeyT]):
    """Dismisses with the key of the chosen option (typed as the keys were), or None on
    Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(
        self, title: Text | str, choices: list[tuple[KeyT, str]], current: str = ""
    ) -> None:
        super().__init__()
        self.title_text = Text(title) if isinstance(title, str) else title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield OptionList(
                *[Option(Text(label), id=key) for key, label in self.choices], id="choices"
            )

    def on_mount(self) -> None:
        options = self.query_one("#choices", OptionList)
        keys = [key for key, _ in self.choices]
        if self.current in keys:
            options.highlighted = keys.index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
