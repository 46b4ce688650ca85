"""The conflict register: title, kind, sides, professions, status, who follows it up
where and by when, linked items and notes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from rich.text import Text

from kerne_tui.dates import shown_date
from kerne_tui.guidance import in_sector, sector_of
from kerne_tui.locale import Strings
from kerne_tui.state import View
from kerne_tui.text import plain
from kerne_tui.widgets.item_list import ItemList
from server import protocol as p

STATUS_MARK: Final[dict[p.ConflictStatus, str]] = {
    "open": "◯",
    "discussed": "◐",
    "parked": "‖",
    "resolved": "●",
}


def follow_up(t: Strings, conflict: p.ConflictView) -> str:
    """Who follows it up, where, by when, and the mark for the level above, on one line."""
    facts = [plain(conflict.owner).plain] if conflict.owner else []
    if conflict.forum:
        facts.append(t(f"actions.forum.{conflict.forum}"))
    if conflict.due:
        facts.append(t("conflicts.due", date=shown_date(conflict.due)))
    if conflict.above:
        facts.append("▲ " + t("conflicts.above"))
    return " · ".join(facts)


class ConflictList(ItemList):
    """One option per conflict: status, title, professions, linked items and notes."""

    def sources(self, view: View) -> tuple[object, ...]:
        return (view.snapshot.conflicts, view.snapshot.session)

    def items(self, view: View) -> Iterable[tuple[str, Text]]:
        sector = sector_of(view)
        return [
            (c.id, self.prompt_of(c.id, (c, sector), self._prompt)) for c in view.snapshot.conflicts
        ]

    def _prompt(self, inputs: tuple[p.ConflictView, str]) -> Text:
        conflict, sector = inputs
        t = self.t
        line = Text()
        line.append(f"{conflict.id} ", style="dim")
        if conflict.removed:
            line.append(t("conflicts.removed"), style="dim italic")
            return line
        status = t(f"conflicts.status.{conflict.status}")
        line.append(f"{STATUS_MARK[conflict.status]} {status.upper()}  ", style="bold")
        line.append(plain(conflict.title, style="bold"))
        if conflict.suggestion:
            line.append("  ⚡ " + t("conflicts.suggested"), style="magenta")
        if conflict.description:
            line.append("\n    ")
            line.append(plain(conflict.description, multiline=True))
        kind = f"conflicts.kind.{conflict.kind}"
        facts = [in_sector(t, kind, sector)] if conflict.kind else []
        if conflict.professions:
            names = ", ".join(plain(x).plain for x in conflict.professions)
            facts.append(t("conflicts.professions", names=names))
        if facts:
            line.append("\n    ")
            line.append(Text(" · ".join(facts), style="italic"))
        for key, side in (
            ("conflicts.side_a", conflict.side_a),
            ("conflicts.side_b", conflict.side_b),
        ):
            if side:
                line.append("\n    ")
                line.append(Text(t(key, text=plain(side, multiline=True).plain)))
        follow = follow_up(t, conflict)
        if follow:
            line.append("\n    → " + follow, style="cyan")
        if conflict.refs:
            refs = ", ".join(t(f"ref.{r.kind}", id=plain(r.id).plain) for r in conflict.refs)
            line.append("\n    " + t("conflicts.refs", refs=refs), style="dim")
        for note in conflict.notes:
            line.append("\n    ")
            line.append(Text(t("conflicts.note", text=plain(note, multiline=True).plain)))
        return line
