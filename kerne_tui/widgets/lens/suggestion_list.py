"""Where the professions see an item differently, as the server's lens suggests: each
suggestion with its score and both sides' figures."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.reactive import reactive

from kerne_tui.state import View
from kerne_tui.text import bar, plain
from kerne_tui.widgets.item_list import ItemList
from server import protocol as p


class SuggestionList(ItemList):
    """One option per suggested conflict, strongest first as the server sent them."""

    lens: reactive[p.Lens | None] = reactive(None, always_update=True, repaint=False)
    """The facilitator's lens (bound to the area's)."""

    def watch_lens(self) -> None:
        self.show()

    @property
    def suggestions(self) -> list[p.Suggestion]:
        return self.lens.suggestions if self.lens is not None else []

    @property
    def selected(self) -> p.Suggestion | None:
        return next((s for s in self.suggestions if s.id == self.selected_id), None)

    def sources(self, view: View) -> tuple[object, ...]:
        return (self.lens, view.snapshot.statements, view.snapshot.drafts)

    def items(self, view: View) -> Iterable[tuple[str, Text]]:
        return [(s.id, self._prompt(view, s)) for s in self.suggestions]

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
        acts = "count.tags" if suggestion.kind == "statement" else "count.dots"
        for side in suggestion.sides:
            line.append(f"\n    {bar(round(100 * side.share), 100, 20):<20} ", style="bold")
            line.append(
                Text(
                    t(
                        key,
                        profession=plain(side.profession).plain,
                        share=round(100 * side.share),
                        count=t.n(acts, side.acts),
                    )
                )
            )
        return line
