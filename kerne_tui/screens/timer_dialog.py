"""A timer of any length, with an optional label."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from kerne_tui.locale import Strings
from kerne_tui.screens.dialog import Dialog
from kerne_tui.screens.facilitator import PENDING
from server import protocol as p


class TimerDialog(Dialog[p.StartTimer]):
    """A timer of any length (1 to 120 minutes), with an optional label."""

    def __init__(self, t: Strings) -> None:
        super().__init__()
        self.t = t

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog"):
            yield Label(t("menu.timer"), classes="dialog-title")
            yield Label(t("menu.timer_custom"))
            yield Input(value="5", type="integer", max_length=3, id="minutes")
            yield Label(t("menu.timer_label"))
            yield Input(max_length=p.LIMITS["label"], id="label")
            yield Label(Text(""), id="problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button(t("menu.timer_start"), variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    def submit(self) -> None:
        minutes = self.query_one("#minutes", Input).value
        if not minutes.isdigit() or not 1 <= int(minutes) <= 120:
            self.problem("1-120")
            return
        label = self.query_one("#label", Input).value.strip() or None
        self.dismiss(p.StartTimer(PENDING, int(minutes) * 60, label))
