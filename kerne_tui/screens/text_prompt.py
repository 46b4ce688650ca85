"""Ask for one text (a draft, a statement, a note, a reason): Enter sends, Escape cancels."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from kerne_tui.locale import Strings
from kerne_tui.screens.dialog import Dialog


class TextPrompt(Dialog[str]):
    """Dismisses with the text typed (trimmed), or None when cancelled."""

    def __init__(
        self,
        t: Strings,
        title: Text | str,
        *,
        limit: int,
        hint: str = "",
        value: str = "",
        allow_empty: bool = False,
        action: str = "",
    ) -> None:
        super().__init__()
        self.t = t
        self.title_text = Text(title) if isinstance(title, str) else title
        self.limit = limit
        self.hint = hint
        self.value = value
        self.allow_empty = allow_empty
        self.action = action or t("dialog.ok")  # the button says what Enter does

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(value=self.value, placeholder=self.hint, max_length=self.limit, id="text")
            yield Label(Text(""), id="problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button(self.action, variant="primary", id="ok")
                yield Button(self.t("dialog.cancel"), id="cancel")

    def on_mount(self) -> None:
        field = self.query_one("#text", Input)
        field.cursor_position = len(field.value)  # revising continues where the text ends

    def submit(self) -> None:
        text = self.query_one("#text", Input).value.strip()
        if not text and not self.allow_empty:
            self.problem(self.t("dialog.empty"))
            return
        self.dismiss(text)
