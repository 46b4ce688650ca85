"""How each profession tagged the highlighted statement: live for the facilitator (from
the lens), for everyone else only once revealed. The server applied the k-rule."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive

from kerne_tui.locale import Strings
from kerne_tui.state import View
from kerne_tui.text import group_name
from kerne_tui.widgets.steady import SteadyStatic
from server import protocol as p


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


class SplitPanel(SteadyStatic):
    """Hidden while there is nothing to show."""

    view: reactive[View | None] = reactive(None, always_update=True, repaint=False)
    """The session as this person sees it (bound to the area's)."""

    lens: reactive[p.Lens | None] = reactive(None, always_update=True, repaint=False)
    """The facilitator's lens, whose splits are live (bound to the area's)."""

    statement_id: reactive[str | None] = reactive(None)
    """The statement highlighted in the list."""

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self.t = t

    def watch_view(self) -> None:
        self.redraw()

    def watch_lens(self) -> None:
        self.redraw()

    def watch_statement_id(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        view, statement_id = self.view, self.statement_id
        statement = view.statement(statement_id) if view and statement_id else None
        if view is None or statement is None or statement.removed:
            self.update_text(Text(""))
            self.display = False
            return
        split = statement.split
        if view.is_facilitator and self.lens is not None and self.lens.blind_tagging:
            # The lens leaves blind tags out: say so rather than "too few tagged".
            self.update_text(Text(self.t("lens.blind"), style="italic"))
            self.display = True
            return
        if view.is_facilitator and self.lens is not None:
            split = self.lens.statements.get(statement.id, {})
        self.update_text(split_text(self.t, split, view.snapshot.session.settings.k_anonymity))
        self.display = split is not None
