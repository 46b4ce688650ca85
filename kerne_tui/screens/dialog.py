"""What every small dialog shares: Enter or OK submits, Escape or Cancel dismisses with
None, and a line that says what is wrong with the input."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Generic, Literal, TypeVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from kerne_tui.dates import BadDate, read_date
from kerne_tui.screens.buttons import BUTTON_KEYS, step_button

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT | None], Generic[ResultT]):
    """Subclasses compose an `OK` button with id `ok`, a `#problem` label, and `submit`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", show=False),
        *BUTTON_KEYS,
    ]

    def action_button(self, step: int) -> None:
        step_button(self, step)

    def submit(self) -> None:
        raise NotImplementedError

    def problem(self, text: str) -> None:
        self.query_one("#problem", Label).update(Text(text))

    def day_in(self, css: str, bad: Callable[[str], str]) -> str | Literal[False] | None:
        """The day typed in the input `css` as YYYY-MM-DD, None when it is empty; False,
        after saying why (`bad(typed)`) and putting the cursor there, when it is no day."""
        field = self.query_one(css, Input)
        try:
            return read_date(field.value)
        except BadDate as typed:
            self.problem(bad(str(typed)))
            field.focus()
            return False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
