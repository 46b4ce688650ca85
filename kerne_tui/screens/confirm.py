"""A question before something that cannot be undone; dismisses with True only when the
action's own button is pressed, else (like every dialog that was cancelled) with None.

The first button names the action ("Luk runden") and has the focus, so Enter does what
the dialog says; Escape, or the other button, cancels."""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from kerne_tui.locale import Strings
from kerne_tui.screens.buttons import BUTTON_KEYS, step_button


class Confirm(ModalScreen[Literal[True] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", show=False),
        *BUTTON_KEYS,
    ]

    def __init__(self, t: Strings, question: Text | str, action: str = "") -> None:
        super().__init__()
        self.t = t
        self.question = Text(question) if isinstance(question, str) else question
        self.action = action or t("dialog.ok")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title")
            with Horizontal(classes="buttons"):
                yield Button(self.action, variant="error", id="yes")
                yield Button(self.t("dialog.cancel"), id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def action_button(self, step: int) -> None:
        step_button(self, step)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True if event.button.id == "yes" else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
