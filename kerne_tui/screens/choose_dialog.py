"""Choosing the core task with care: the draft named, its support in words (dots, which
profession gave none, acceptance by profession, criteria), and a short reason asked when
it is not the best supported, was never voted on, or replaces an earlier choice."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from kerne_tui.locale import Strings
from kerne_tui.screens.dialog import Dialog
from kerne_tui.text import plain
from server import protocol as p
from server.support import Support, describe


def asks_reason(found: Support, replaces: p.ChoiceView | None) -> bool:
    """A reason is asked when the support does not speak for itself, and always when an
    earlier choice is replaced: the history then says why it changed."""
    return found.needs_reason or replaces is not None


class ChooseDialog(Dialog[str]):
    """Dismisses with the reason typed ("" when none was asked and none given), or None."""

    def __init__(
        self,
        t: Strings,
        draft: p.DraftView,
        found: Support,
        replaces: p.ChoiceView | None = None,
    ) -> None:
        super().__init__()
        self.t = t
        self.draft = draft
        self.found = found
        self.replaces = replaces
        self.reason_needed = asks_reason(found, replaces)

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog wide"):
            yield Label(Text(t("choose.title", id=self.draft.id)), classes="dialog-title")
            yield Label(plain(self.draft.text, "italic", multiline=True), id="choose-text")
            lines = Text("\n").join(plain(line) for line in describe(self.found, t))
            yield Label(lines, id="choose-support")
            if self.replaces is not None:
                date = self.replaces.at[:10]
                replaced = t("choose.replaces", previous=self.replaces.draft_id, date=date)
                yield Label(Text(replaced), id="choose-replaces")
            hint = t("choose.reason_hint")
            yield Label(Text(t("choose.reason"), style="bold" if self.reason_needed else "dim"))
            yield Input(placeholder=hint, max_length=p.LIMITS["reason"], id="text")
            yield Label(Text(""), id="problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button(t("choose.confirm"), variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def submit(self) -> None:
        reason = self.query_one("#text", Input).value.strip()
        if self.reason_needed and not reason:
            self.problem(self.t("choose.reason"))
            return
        self.dismiss(reason)
