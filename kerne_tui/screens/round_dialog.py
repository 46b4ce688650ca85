"""Open a voting round: how many dots each, whether it is blind, how many of one
person's dots may go on one draft, and whether its split by profession waits for the
facilitator to show it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label

from kerne_tui.locale import Strings
from kerne_tui.screens.dialog import Dialog
from server import protocol as p

# With no drafts yet there is nothing to take a third of: the dialog's old start.
NO_DRAFTS_DOTS = 3


def suggested_dots(drafts: int) -> int:
    """About a third of the drafts, as facilitators hand out dots: enough to spread,
    too few to back everything. At least one, never more than a round allows."""
    return max(p.MIN_DOTS, min(p.MAX_DOTS, round(drafts / 3)))


@dataclass(frozen=True)
class NewRound:
    dots: int
    blind: bool
    per_draft: int = 1
    hold_split: bool = False


class RoundDialog(Dialog[NewRound]):
    """Dots within the protocol's limits, starting at the suggestion; blind unless
    unticked; one dot per draft unless the facilitator allows more. The split by
    profession is held back until the facilitator shows it, unless unticked: `hold` is
    the start, off where the room is too small for any split (fewer than k voters)."""

    def __init__(self, t: Strings, drafts: int = 0, *, hold: bool = True) -> None:
        super().__init__()
        self.t = t
        self.drafts = drafts
        self.hold = hold

    def compose(self) -> ComposeResult:
        t = self.t
        dots = suggested_dots(self.drafts) if self.drafts else NO_DRAFTS_DOTS
        width = len(str(p.MAX_DOTS))
        with Vertical(classes="dialog"):
            yield Label(t("menu.round"), classes="dialog-title")
            yield Label(t("menu.round_dots"))
            yield Input(value=str(dots), type="integer", max_length=width, id="dots")
            yield Checkbox(t("menu.round_blind"), value=True, id="blind")
            # After the checkbox, so Tab from the dots still reaches "blind" first.
            yield Label(t("menu.round_per_draft"))
            yield Input(value="1", type="integer", max_length=width, id="per-draft")
            yield Checkbox(t("menu.round_hold"), value=self.hold, id="hold")
            yield Label(Text(""), id="problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button(t("menu.round_open"), variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    def submit(self) -> None:
        dots = self.query_one("#dots", Input).value
        if not dots.isdigit() or not p.MIN_DOTS <= int(dots) <= p.MAX_DOTS:
            self.problem(f"{p.MIN_DOTS}-{p.MAX_DOTS}")
            return
        per_draft = self.query_one("#per-draft", Input).value
        if not per_draft.isdigit() or not p.MIN_DOTS <= int(per_draft) <= int(dots):
            self.problem(self.t("menu.round_per_draft_range", dots=int(dots)))
            return
        blind = self.query_one("#blind", Checkbox).value
        hold = self.query_one("#hold", Checkbox).value
        self.dismiss(NewRound(int(dots), blind, int(per_draft), hold))
