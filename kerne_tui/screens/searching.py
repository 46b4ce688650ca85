"""Shown while the client looks for the session's server on the local network."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Label, LoadingIndicator

from kerne_tui.locale import Strings


class Searching(Screen[None]):
    def __init__(self, t: Strings, code: str) -> None:
        super().__init__()
        self.t = t
        self.code = code

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="join"):
            yield Label(Text(self.t("search.looking", code=self.code)), classes="dialog-title")
            yield Label(Text(self.t("search.hint")))
            yield LoadingIndicator()
