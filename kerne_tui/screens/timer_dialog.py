"""A timer of any length, with an optional label."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from kerne_tui.locale import Strings
from kerne_tui.screens.dialog import Dialog
from server import protocol as p

MAX_MINUTES: Final = p.MAX_TIMER_SECONDS // 60


@dataclass(frozen=True)
class NewTimer:
    seconds: int
    label: str | None


class TimerDialog(Dialog[NewTimer]):
    """Whole minutes, from one to the longest timer the protocol allows."""

    def __init__(self, t: Strings) -> None:
        super().__init__()
        self.t = t

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog"):
            yield Label(t("menu.timer"), classes="dialog-title")
            yield Label(t("menu.timer_custom"))
            yield Input(value="5", type="integer", max_length=len(str(MAX_MINUTES)), id="minutes")
            yield Label(t("menu.timer_label"))
            yield Input(max_length=p.LIMITS["label"], id="label")
            yield Label(Text(""), id="problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button(t("menu.timer_start"), variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    def submit(self) -> None:
        minutes = self.query_one("#minutes", Input).value
        if not minutes.isdigit() or not 1 <= int(minutes) <= MAX_MINUTES:
            self.problem(f"1-{MAX_MINUTES}")
            return
        label = self.query_one("#label", Input).value.strip() or None
        self.dismiss(NewTimer(int(minutes) * 60, label))
