"""The profession lens for the facilitator: suggested conflicts, who takes part how much,
and per-profession bars for one item. Every figure comes from the server, which already
applied the k-rule; this only draws it."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from kerne_tui.locale import Strings
from kerne_tui.state import View
from kerne_tui.text import bar, plain
from kerne_tui.widgets.items import ItemList
from server import protocol as p


def group_name(t: Strings, group: str) -> str:
    return plain(group).plain if group else t("reveal.other")


def split_text(t: Strings, split: dict[str, dict[str, int]] | None, k: int) -> Text:
    """Output/effect per profession group for one statement, as bars with numbers."""
    text = Text()
    if split is None:
        return text
    text.append(t("lens.split_title") + "\n", style="bold")
    if not split:
        text.append(t("reveal.no_split", k=k) + "\n", style="italic")
        return text
    for group, counts in split.items():
        output, effect = counts.get("output", 0), counts.get("effect", 0)
        total = output + effect
        left = round(16 * output / total) if total else 0
        text.append(f"  {group_name(t, group)[:30]:<30} ")
        text.append("▒" * left, style="yellow")
        text.append("█" * ((16 - left) if total else 0), style="cyan")
        text.append(" " * (16 if not total else 0))
        text.append(" " + t("statements.split", output=output, effect=effect) + "\n")
    return text


def evidence(t: Strings, suggestion: p.Suggestion) -> str:
    """The sides in words, used as the conflict's description when it is accepted."""
    key = "lens.side_effect" if suggestion.kind == "statement" else "lens.side_dots"
    parts = [
        t(key, profession=plain(s.profession).plain, share=round(100 * s.share), n=s.acts)
        for s in suggestion.sides
    ]
    return "; ".join(parts)


class SuggestionList(ItemList):
    """Items where professions split: `a` records a conflict from one, `d` sets it aside."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", "key.accept"),
        Binding("d", "dismiss", "key.dismiss"),
    ]

    class Action(Message):
        def __init__(self, action: str, suggestion: p.Suggestion | None) -> None:
            super().__init__()
            self.action = action
            self.suggestion = suggestion

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(t, id=id)
        self.suggestions: list[p.Suggestion] = []

    def show(self, view: View, suggestions: list[p.Suggestion]) -> None:
        self.suggestions = suggestions
        self.redraw(view, [(s.id, self._prompt(view, s)) for s in suggestions])

    def _prompt(self, view: View, suggestion: p.Suggestion) -> Text:
        t = self.t
        line = Text()
        line.append(f"⚡ {round(100 * suggestion.score)} %  ", style="bold magenta")
        item: p.StatementView | p.DraftView | None
        if suggestion.kind == "statement":
            item = view.statement(suggestion.item_id)
            line.append(t("ref.statement", id=suggestion.item_id) + ": ", style="dim")
        else:
            item = view.draft(suggestion.item_id)
            line.append(t("ref.draft", id=suggestion.item_id) + ": ", style="dim")
        line.append(plain(item.text if item else ""))
        key = "lens.side_effect" if suggestion.kind == "statement" else "lens.side_dots"
        for side in suggestion.sides:
            line.append(f"\n    {bar(round(100 * side.share), 100, 20):<20} ", style="bold")
            line.append(
                Text(
                    t(
                        key,
                        profession=plain(side.profession).plain,
                        share=round(100 * side.share),
                        n=side.acts,
                    )
                )
            )
        return line

    @property
    def selected(self) -> p.Suggestion | None:
        return next((s for s in self.suggestions if s.id == self.selected_id), None)

    def action_accept(self) -> None:
        self.post_message(self.Action("accept", self.selected))

    def action_dismiss(self) -> None:
        self.post_message(self.Action("dismiss", self.selected))


class EquityPanel(Static):
    """Who writes, votes and tags how much: per profession group, and per person only in
    named sessions; a silent group shows as zeros, which is the point."""

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def show(self, view: View, equity: p.Equity | None) -> None:
        t = self.t
        if equity is None:
            self.update(Text(""))
            return
        table = Table(title=t("lens.equity"), title_justify="left", expand=False)
        for column in (
            "lens.group",
            "lens.members",
            "lens.statements",
            "lens.drafts",
            "lens.dots",
            "lens.tags",
        ):
            table.add_column(t(column), justify="left" if column == "lens.group" else "right")
        if not equity.by_profession:
            k = view.snapshot.session.settings.k_anonymity
            self.update(Text(t("reveal.no_split", k=k), style="italic"))
            return
        for group, row in equity.by_profession.items():
            table.add_row(
                Text(group_name(t, group)),
                *(str(row.get(c, 0)) for c in ("members", "statements", "drafts", "dots", "tags")),
            )
        if equity.by_person:
            names = {x.id: x.name for x in view.snapshot.participants}
            for pid, row in equity.by_person.items():
                table.add_row(
                    plain(names.get(pid, pid), style="dim"),
                    "",
                    *(str(row.get(c, 0)) for c in ("statements", "drafts", "dots", "tags")),
                )
        self.update(table)
