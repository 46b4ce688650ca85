"""The drafts of the core task: text, version, author, dots, the final one marked."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

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
        current = view.last_round
        tally = current.tally if current is not None else None
        most = max(tally.values(), default=0) if tally is not None else 0
        names = {x.id: x.name for x in view.snapshot.participants}
        mine, votes = set(view.mine.my_items), set(view.mine.my_votes)
        for draft in view.snapshot.drafts:
            # A bar is drawn against the most dots, so that counts only where it is drawn.
            dots = None if tally is None else tally.get(draft.id, 0)
            face = _Face(
                draft,
                draft.id in mine,
                draft.id in votes,
                dots,
                most if dots else 0,
                names.get(draft.author, draft.author) if draft.author is not None else None,
            )
            yield draft.id, self.prompt_of(draft.id, face, self._prompt)

    def _prompt(self, face: _Face) -> Text:
        t, draft = self.t, face.draft
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
        if face.mine:
            meta.append(" · " + t("core.yours"), style="dim")
        elif face.author is not None:
            meta.append(" · ")
            meta.append(plain(t("core.by", name=face.author)))
        if draft.withdrawn:
            meta.append(" · " + t("core.withdrawn"), style="italic")
        if face.voted:
            meta.append("  " + t("core.my_vote"), style="bold")
        if face.dots is not None:
            meta.append(f"\n    {bar(face.dots, face.most):<20} ", style="bold")
            meta.append(t.n("core.votes", face.dots))
        line.append(meta)
        return line


class _Face(NamedTuple):
    """Everything one draft's option is made of: equal faces read the same."""

    draft: p.DraftView
    mine: bool
    voted: bool
    dots: int | None  # its dots in the last round, None while they are not shown
    most: int  # the most dots on any draft, where its own bar needs it
    author: str | None  # the author's name, as known
