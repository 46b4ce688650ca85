"""Management's endorsement of the minutes: by whom, and on which day (today unless
another day is typed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from kerne_tui.dates import shown_date
from kerne_tui.locale import Strings
from kerne_tui.screens.dialog import Dialog
from server import protocol as p


@dataclass(frozen=True)
class Endorsement:
    by: str
    on: str | None  # YYYY-MM-DD


class EndorseForm(Dialog[Endorsement]):
    """Dismisses with who endorsed and when; an empty name or a bad day is said."""

    def __init__(self, t: Strings, current: p.EndorsementView | None, today: date) -> None:
        super().__init__()
        self.t = t
        self.current = current
        self.today = today

    def compose(self) -> ComposeResult:
        t, now = self.t, self.current
        with Vertical(classes="dialog wide form"):
            yield Label(t("dialog.endorse"), classes="dialog-title")
            yield Horizontal(
                Label(t("dialog.endorser")),
                Input(
                    now.by if now else "",
                    max_length=p.LIMITS["endorser"],
                    placeholder=t("dialog.endorser_hint"),
                    id="by",
                    compact=True,
                ),
                classes="field",
            )
            day = now.on if now else self.today.isoformat()
            yield Horizontal(
                Label(t("dialog.endorsed_on")),
                Input(shown_date(day), placeholder=t("dialog.date_hint"), id="on", compact=True),
                classes="field",
            )
            yield Label(Text(""), id="problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button(t("action.endorse"), variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    def submit(self) -> None:
        by = self.query_one("#by", Input).value.strip()
        if not by:
            self.problem(self.t("dialog.empty"))
            self.query_one("#by", Input).focus()
            return
        on = self.day_in("#on", lambda typed: self.t("dialog.bad_date", typed=typed))
        if on is False:
            return
        self.dismiss(Endorsement(by, on))
