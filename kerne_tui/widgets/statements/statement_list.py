"""Statements about the work, each with its output/effect split and the agreed class."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from kerne_tui.state import View
from kerne_tui.text import plain
from kerne_tui.widgets.item_list import ItemList
from server import protocol as p
from server.views import disputed

SPLIT_WIDTH = 16


class StatementList(ItemList):
    """One option per statement: its output/effect split, one's own tag, the agreed class."""

    def sources(self, view: View) -> tuple[object, ...]:
        return (view.snapshot.statements, view.me, view.snapshot.session)

    def items(self, view: View) -> Iterable[tuple[str, Text]]:
        may_vote, blind = view.may_vote, view.snapshot.session.blind_tagging
        for s in view.snapshot.statements:
            yield s.id, self.prompt_of(s.id, (s, may_vote, blind), self._prompt)

    def _prompt(self, face: tuple[p.StatementView, bool, bool]) -> Text:
        """A statement as it reads; whether one may tag it says if "untagged" shows, and
        while tagging is blind the tally (an older figure) is "hidden", not numbers."""
        t, (statement, may_vote, blind) = self.t, face
        line = Text()
        line.append(f"{statement.id} ", style="dim")
        if statement.removed:
            line.append(t("statements.removed"), style="dim italic")
            return line
        line.append(plain(statement.text, multiline=True))
        output, effect = statement.tally.get("output", 0), statement.tally.get("effect", 0)
        total = 0 if blind else output + effect
        meta = Text("\n    ")
        if total:
            left = round(SPLIT_WIDTH * output / total)
            meta.append("▒" * left, style="yellow")
            meta.append("█" * (SPLIT_WIDTH - left), style="cyan")
            meta.append(" ")
        if blind:
            meta.append(t("statements.hidden"), style="italic")
        else:
            meta.append(t("statements.split", output=output, effect=effect))
        if statement.my_tag is not None:
            meta.append("  " + t("statements.mine", tag=t(f"statements.{statement.my_tag}")))
        elif may_vote:
            meta.append("  " + t("statements.untagged"), style="dim")
        if not blind and disputed(statement) and statement.agreed is None:
            meta.append("  " + t("statements.disputed"), style="bold magenta")
        if statement.agreed is not None:
            agreed = t(f"statements.{statement.agreed}")
            meta.append("  " + t("statements.agreed", tag=agreed), style="bold green")
        line.append(meta)
        return line
