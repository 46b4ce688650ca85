"""A yes/no question; dismisses with True only on an explicit yes, else (like every
dialog that was cancelled) with None."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from kerne_tui.locale import Strings


class Confirm(ModalScreen[Literal[True] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, t: Strings, question: Text | str) -> None:
        super().__init__()
        self.t = t
        self.question = Text(question) if isinstance(question, str) else question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title")
            with Horizontal(classes="buttons"):
                yield Button(self.t("dialog.ok"), variant="error", id="yes")
                yield Button(self.t("dialog.cancel"), variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True if event.button.id == "yes" else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
