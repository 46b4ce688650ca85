"""What every small dialog shares: Enter or OK submits, Escape or Cancel dismisses with
None, and a line that says what is wrong with the input."""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

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
