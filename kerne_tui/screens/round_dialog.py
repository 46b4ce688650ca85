"""Open a voting round: how many dots each, and whether it is blind."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label

from kerne_tui.locale import Strings
from kerne_tui.screens.dialog import Dialog
from server import protocol as p


@dataclass(frozen=True)
class NewRound:
    dots: int
    blind: bool


class RoundDialog(Dialog[NewRound]):
    """Dots within the protocol's limits; blind unless unticked."""

    def __init__(self, t: Strings) -> None:
        super().__init__()
        self.t = t

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog"):
            yield Label(t("menu.round"), classes="dialog-title")
            yield Label(t("menu.round_dots"))
            yield Input(value="3", type="integer", max_length=len(str(p.MAX_DOTS)), id="dots")
            yield Checkbox(t("menu.round_blind"), value=True, id="blind")
            yield Label(Text(""), id="problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button(t("menu.round_open"), variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    def submit(self) -> None:
        dots = self.query_one("#dots", Input).value
        if not dots.isdigit() or not p.MIN_DOTS <= int(dots) <= p.MAX_DOTS:
            self.problem(f"{p.MIN_DOTS}-{p.MAX_DOTS}")
            return
        self.dismiss(NewRound(int(dots), self.query_one("#blind", Checkbox).value))
