"""The drafts of the core task: text, version, author, dots, the final one marked."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from kerne_tui.state import View
from kerne_tui.text import bar, plain
from kerne_tui.widgets.item_list import ItemList
from server import protocol as p


class DraftList(ItemList):
    """One option per draft, with the last round's dots under it."""

    def sources(self, view: View) -> tuple[object, ...]:
        snap = view.snapshot
        return (snap.drafts, snap.rounds, snap.participants, view.mine, view.me, snap.session)

    def items(self, view: View) -> Iterable[tuple[str, Text]]:
        names = {x.id: x.name for x in view.snapshot.participants}
        return [(d.id, self._prompt(view, d, names)) for d in view.snapshot.drafts]

    def _prompt(self, view: View, draft: p.DraftView, names: dict[str, str]) -> Text:
        t = self.t
        current = view.last_round
        line = Text()
        line.append(f"{draft.id} ", style="dim")
        if draft.final:
            line.append(t("core.final") + " ", style="bold reverse")
        if draft.removed:
            line.append(t("core.removed"), style="dim italic")
            return line
        line.append(
            plain(draft.text, multiline=True, style="strike dim" if draft.withdrawn else "")
        )
        meta = Text("\n    ", style="dim")
        meta.append(t("core.version", version=draft.version), style="dim")
        if view.is_mine(draft.id):
            meta.append(" · " + t("core.yours"), style="dim")
        elif draft.author is not None:
            meta.append(" · ")
            meta.append(plain(t("core.by", name=names.get(draft.author, draft.author))))
        if draft.withdrawn:
            meta.append(" · " + t("core.withdrawn"), style="italic")
        if draft.id in view.mine.my_votes:
            meta.append("  " + t("core.my_vote"), style="bold")
        if current is not None and current.tally is not None:
            most = max(current.tally.values(), default=0)
            count = current.tally.get(draft.id, 0)
            meta.append(f"\n    {bar(count, most):<20} ", style="bold")
            meta.append(t("core.votes", n=count))
        line.append(meta)
        return line
