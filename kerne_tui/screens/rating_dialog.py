"""Open an acceptance or criteria round: which drafts (all current ones unless named),
and whether the answers stay hidden until the close (they do unless unticked)."""

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
class NewRating:
    kind: p.RatingKind
    draft_ids: list[str]
    blind: bool


def named_drafts(typed: str, live: list[str]) -> list[str] | None:
    """The drafts a typed list names ("d1, d3"), all live ones when empty; None when it
    names one that is not live or more than a round may hold."""
    named = list(dict.fromkeys(x.strip().lower() for x in typed.replace(" ", ",").split(",")))
    named = [x for x in named if x]
    chosen = named or live[: p.MAX_RATED_DRAFTS]
    if not chosen or len(chosen) > p.MAX_RATED_DRAFTS or any(x not in live for x in chosen):
        return None
    return chosen


class RatingDialog(Dialog[NewRating]):
    def __init__(self, t: Strings, kind: p.RatingKind, live: list[str]) -> None:
        super().__init__()
        self.t = t
        self.kind = kind
        self.live = live

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog"):
            yield Label(t(f"menu.rating_{self.kind}"), classes="dialog-title")
            yield Label(t("menu.rating_drafts"))
            yield Input(placeholder=", ".join(self.live[: p.MAX_RATED_DRAFTS]), id="drafts")
            yield Checkbox(t("menu.rating_blind"), value=True, id="blind")
            yield Label(Text(""), id="problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button(t("menu.round_open"), variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    def submit(self) -> None:
        chosen = named_drafts(self.query_one("#drafts", Input).value, self.live)
        if chosen is None:
            self.problem(", ".join(self.live[: p.MAX_RATED_DRAFTS]))
            return
        blind = self.query_one("#blind", Checkbox).value
        self.dismiss(NewRating(self.kind, chosen, blind))
