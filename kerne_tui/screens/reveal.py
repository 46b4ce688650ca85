"""The reveal after a round closes: a bar per draft and, under the k-rule, by profession."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kerne_tui.locale import Strings
from kerne_tui.state import View
from kerne_tui.text import bar, plain
from server import protocol as p

BAR = 30


def reveal_text(t: Strings, view: View, rnd: p.RoundView) -> Text:
    """The whole result as one `Text`, so it reads the same in a test and on screen."""
    text = Text()
    text.append(t("reveal.title", number=rnd.number) + "\n\n", style="bold")
    text.append(t("reveal.voters", voters=rnd.voters, dots=rnd.dots) + "\n\n")
    tally = rnd.tally or {}
    if not tally:
        text.append(t("reveal.nobody") + "\n")
        return text
    most = max(tally.values())
    ranked = sorted(tally, key=lambda d: (-tally[d], d))
    for draft_id in ranked:
        draft = view.draft(draft_id)
        text.append(f"{bar(tally[draft_id], most, BAR):<{BAR}} {tally[draft_id]:>3}  ", "bold")
        text.append(f"{draft_id} ", style="dim")
        words = plain(draft.text if draft else "").plain
        text.append(Text(words[:48] + ("…" if len(words) > 48 else "")))
        text.append("\n")
    groups = rnd.by_profession or {}
    text.append("\n" + t("reveal.by_profession") + "\n", style="bold")
    if rnd.hold_split and rnd.by_profession is None:
        held = "reveal.held_facilitator" if view.is_facilitator else "reveal.held"
        text.append(t(held) + "\n", style="italic")
        return text
    if not groups:
        k = view.snapshot.session.settings.k_anonymity
        text.append(t("reveal.no_split", k=k) + "\n", style="italic")
        return text
    for group, counts in groups.items():
        name = plain(group).plain if group else t("reveal.other")
        text.append(f"\n{name}\n", style="bold")
        group_most = max(counts.values(), default=0)
        for draft_id in ranked:
            n = counts.get(draft_id, 0)
            text.append(f"  {bar(n, group_most, BAR // 2):<{BAR // 2}} {n:>3}  {draft_id}\n")
    return text


class RevealScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter", "close", show=False)]

    def __init__(self, t: Strings, view: View, rnd: p.RoundView) -> None:
        super().__init__()
        self.t = t
        self.view = view
        self.round = rnd

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="reveal"):
            yield Static(reveal_text(self.t, self.view, self.round), id="result")
            yield Button(self.t("key.close"), variant="primary", id="close")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
