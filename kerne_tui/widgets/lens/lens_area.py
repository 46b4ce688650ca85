"""The facilitator's profession lens: suggested conflicts, and who takes part how much.
The server sends it to facilitators only; this area is hidden from everyone else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from kerne_tui.locale import Strings, localize_bindings
from kerne_tui.screens.conflict_form import ConflictStart
from kerne_tui.state import View
from kerne_tui.text import group_name, plain, safe
from kerne_tui.widgets.lens.equity_panel import EquityPanel
from kerne_tui.widgets.lens.suggestion_list import SuggestionList
from server import protocol as p


def evidence(t: Strings, suggestion: p.Suggestion) -> str:
    """The sides in words, used as the conflict's description when it is accepted."""
    key = "lens.side_effect" if suggestion.kind == "statement" else "lens.side_dots"
    acts = "count.tags" if suggestion.kind == "statement" else "count.dots"
    parts = [
        t(
            key,
            profession=plain(s.profession).plain,
            share=round(100 * s.share),
            count=t.n(acts, s.acts),
        )
        for s in suggestion.sides
    ]
    return "; ".join(parts)


def held_text(t: Strings, view: View | None, lens: p.Lens) -> Text:
    """The splits held back from participants, as the facilitator alone sees them, and
    whether tagging is blind (then the lens leaves the statements out)."""
    text = Text()
    if lens.blind_tagging:
        text.append(t("lens.blind") + "\n", style="italic")
    if not lens.held:
        return text
    text.append(t("lens.held") + "\n", style="bold")
    numbers = {r.id: r.number for r in view.snapshot.rounds} if view is not None else {}
    k = view.snapshot.session.settings.k_anonymity if view is not None else 3
    for round_id, figure in lens.held.items():
        groups = "; ".join(
            f"{group_name(t, group)}: " + ", ".join(f"{d} {n}" for d, n in sorted(counts.items()))
            for group, counts in figure.items()
        )
        number = numbers.get(round_id, 0)
        text.append(t("lens.held_round", number=number, groups=groups or t("reveal.no_split", k=k)))
        text.append("\n")
    return text


class LensArea(Vertical):
    """`a` records a suggestion as a conflict, `d` sets it aside."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", "key.accept"),
        Binding("d", "dismiss", "key.dismiss"),
    ]

    view: reactive[View | None] = reactive(None, always_update=True, repaint=False)
    """The session as this person sees it (bound to the screen's)."""

    lens: reactive[p.Lens | None] = reactive(None, always_update=True, repaint=False)
    """The lens as the server last sent it (bound to the screen's)."""

    @dataclass
    class SuggestionAccepted(Message):
        """The facilitator wants the suggestion recorded: the conflicts area asks for it,
        begun from the suggestion's item, professions and evidence."""

        start: ConflictStart

    @dataclass
    class SuggestionDismissed(Message):
        """Set aside for this facilitator: a request, not a command, so no one else hears."""

        suggestion_id: str

    def __init__(self, t: Strings) -> None:
        super().__init__()
        self.t = t
        localize_bindings(self, t)

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(Text(""), id="lens-held")
        yield Static(Text(t("lens.suggestions"), style="bold"), classes="heading")
        yield Static(Text(""), id="lens-empty", classes="empty")
        yield SuggestionList(t, id="suggestion-list").data_bind(LensArea.view, LensArea.lens)
        yield EquityPanel(t, id="equity").data_bind(LensArea.view, LensArea.lens)

    def watch_lens(self, lens: p.Lens | None) -> None:
        if lens is None:
            return
        empty = self.query_one("#lens-empty", Static)
        empty.update(Text(self.t("lens.none", threshold=round(100 * lens.threshold))))
        empty.display = not lens.suggestions
        held = self.query_one("#lens-held", Static)
        shown = held_text(self.t, self.view, lens)
        held.update(shown)
        held.display = bool(shown.plain)

    def action_accept(self) -> None:
        view, suggestion = self.view, self.query_one(SuggestionList).selected
        if view is None or suggestion is None:
            self.app.bell()
            return
        item = (
            view.statement(suggestion.item_id)
            if suggestion.kind == "statement"
            else view.draft(suggestion.item_id)
        )
        text = safe(item.text if item else "")
        start = ConflictStart(
            ref=p.Ref(suggestion.kind, suggestion.item_id),
            ref_text=text,
            professions=tuple(safe(s.profession) for s in suggestion.sides),
            title=self.t("lens.conflict_title", item=text)[: p.LIMITS["title"]],
            description=evidence(self.t, suggestion),
            suggestion=suggestion.id,
        )
        self.post_message(self.SuggestionAccepted(start))

    def action_dismiss(self) -> None:
        suggestion = self.query_one(SuggestionList).selected
        if self.view is None or suggestion is None:
            self.app.bell()
            return
        self.post_message(self.SuggestionDismissed(suggestion.id))
