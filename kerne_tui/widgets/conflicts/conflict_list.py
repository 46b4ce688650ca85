"""The conflict register: title, professions, status, linked items and notes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from rich.text import Text

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


class ConflictList(ItemList):
    """One option per conflict: status, title, professions, linked items and notes."""

    def sources(self, view: View) -> tuple[object, ...]:
        return (view.snapshot.conflicts, view.snapshot.session)

    def items(self, view: View) -> Iterable[tuple[str, Text]]:
        return [(c.id, self.prompt_of(c.id, c, self._prompt)) for c in view.snapshot.conflicts]

    def _prompt(self, conflict: p.ConflictView) -> Text:
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
        line.append("\n    ")
        names = ", ".join(plain(x).plain for x in conflict.professions)
        line.append(Text(t("conflicts.professions", names=names), style="italic"))
        if conflict.refs:
            refs = ", ".join(t(f"ref.{r.kind}", id=plain(r.id).plain) for r in conflict.refs)
            line.append("\n    " + t("conflicts.refs", refs=refs), style="dim")
        for note in conflict.notes:
            line.append("\n    ")
            line.append(Text(t("conflicts.note", text=plain(note, multiline=True).plain)))
        return line
