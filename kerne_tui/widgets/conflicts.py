"""The conflict register: title, professions, status, linked items and notes."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from kerne_tui.state import View
from kerne_tui.text import plain
from kerne_tui.widgets.items import ItemList
from server import protocol as p

STATUS_MARK = {"open": "◯", "discussed": "◐", "parked": "‖", "resolved": "●"}


class ConflictList(ItemList):
    """One option per conflict; keys change the highlighted one's status or add a note."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "key.new_conflict"),
        Binding("s", "status", "key.status"),
        Binding("a", "note", "key.note"),
        Binding("delete,x", "remove", "key.remove"),
    ]

    class Action(Message):
        def __init__(self, action: str, conflict_id: str | None) -> None:
            super().__init__()
            self.action = action
            self.conflict_id = conflict_id

    def show(self, view: View) -> None:
        self.redraw(view, [(c.id, self._prompt(c)) for c in view.snapshot.conflicts])

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        if view is None or action not in {"new", "status", "note", "remove"}:
            return True
        if action == "remove":
            return view.is_facilitator and not view.snapshot.session.closed
        return view.may_write

    def action_new(self) -> None:
        self.post_message(self.Action("new", None))

    def action_status(self) -> None:
        self.post_message(self.Action("status", self.selected_id))

    def action_note(self) -> None:
        self.post_message(self.Action("note", self.selected_id))

    def action_remove(self) -> None:
        self.post_message(self.Action("remove", self.selected_id))
