"""The drafts of the core task: text, version, author, dots, the final one marked."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from kerne_tui.state import View
from kerne_tui.text import bar, plain
from kerne_tui.widgets.items import ItemList
from server import protocol as p


class DraftList(ItemList):
    """One option per draft; its keys ask the screen to act on the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "propose", "key.propose"),
        Binding("space,v", "vote", "key.vote"),
        Binding("e", "revise", "key.revise"),
        Binding("w", "withdraw", "key.withdraw"),
        Binding("f", "finalize", "key.finalize"),
        Binding("delete,x", "remove", "key.remove"),
    ]

    class Action(Message):
        """The person asked for `action` on `draft_id` (None: no draft highlighted)."""

        def __init__(self, action: str, draft_id: str | None) -> None:
            super().__init__()
            self.action = action
            self.draft_id = draft_id

    def show(self, view: View, names: dict[str, str]) -> None:
        self.redraw(view, [(d.id, self._prompt(view, d, names)) for d in view.snapshot.drafts])

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        if view is None or action not in {
            "propose",
            "vote",
            "revise",
            "withdraw",
            "finalize",
            "remove",
        }:
            return True
        if action in ("finalize", "remove"):
            return view.is_facilitator and not view.snapshot.session.closed
        if action == "vote":
            return view.may_vote
        if action in ("revise", "withdraw"):
            draft_id = self.selected_id
            if not view.may_write or draft_id is None:
                return False
            return view.is_facilitator or view.is_mine(draft_id)
        return view.may_write

    def action_propose(self) -> None:
        self.post_message(self.Action("propose", None))

    def action_vote(self) -> None:
        self.post_message(self.Action("vote", self.selected_id))

    def action_revise(self) -> None:
        self.post_message(self.Action("revise", self.selected_id))

    def action_withdraw(self) -> None:
        self.post_message(self.Action("withdraw", self.selected_id))

    def action_finalize(self) -> None:
        self.post_message(self.Action("finalize", self.selected_id))

    def action_remove(self) -> None:
        self.post_message(self.Action("remove", self.selected_id))
