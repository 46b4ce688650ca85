"""Shown to a newcomer while the facilitator has not yet let them in: the session's
title and nothing else of it (the server sends nothing more until they are admitted)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Label, Static

from kerne_tui.locale import Strings
from kerne_tui.text import safe


class WaitingScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "app.quit", show=False)]

    def __init__(self, t: Strings, title: str) -> None:
        super().__init__()
        self.t = t
        self.session_title = title

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="join"):
            yield Label(Text(self.t("waiting.title")), classes="dialog-title")
            yield Static(Text(self.t("join.session", title=safe(self.session_title))))
            yield Static(Text(self.t("waiting.text")), id="waiting-text")
            yield Label(Text(self.t("waiting.leave")))
