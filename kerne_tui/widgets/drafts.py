"""The drafts of the core task: text, version, author, dots, the final one marked."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kerne_tui.locale import Strings, localize_bindings
from kerne_tui.state import View
from kerne_tui.text import bar, plain
from server import protocol as p


class DraftList(OptionList):
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

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t
        localize_bindings(self, t)
        self.view: View | None = None

    @property
    def selected_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def show(self, view: View, names: dict[str, str]) -> None:
        """Redraw from a new view, keeping the highlighted draft where it was."""
        self.view = view
        keep = self.selected_id
        options = [Option(self._prompt(view, d, names), id=d.id) for d in view.snapshot.drafts]
        self.set_options(options)
        if options:
            ids = [o.id for o in options]
            self.highlighted = ids.index(keep) if keep in ids else 0
        self.refresh_bindings()

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
