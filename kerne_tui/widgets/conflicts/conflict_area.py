"""The conflicts area: the register, and the one place a conflict is recorded (from this
list, from an item anywhere with `c`, or from a suggestion of the profession lens)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from kerne_tui.intent import PENDING, Intent, ask
from kerne_tui.screens.choice import Choice
from kerne_tui.screens.conflict_form import ConflictDraft, ConflictForm, ConflictStart
from kerne_tui.screens.text_prompt import TextPrompt
from kerne_tui.state import View
from kerne_tui.text import plain, safe
from kerne_tui.widgets.conflicts.conflict_list import ConflictList
from kerne_tui.widgets.item_area import ItemArea
from server import protocol as p


class ConflictArea(ItemArea):
    """Recording conflicts, moving them through their statuses, adding notes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "key.new_conflict"),
        Binding("s", "status", "key.status"),
        Binding("a", "note", "key.note"),
        Binding("delete,x", "remove", "key.remove"),
    ]
    SENDS: ClassVar[dict[str, type[p.Command]]] = {
        "new": p.RecordConflict,
        "status": p.UpdateConflict,
        "note": p.UpdateConflict,
        "remove": p.RemoveItem,
    }

    @dataclass
    class ConflictRecorded(Intent):
        """A new conflict; `suggestion` is the lens suggestion it accepts, if any."""

        conflict: ConflictDraft
        suggestion: str | None = None

        @property
        def command(self) -> p.RecordConflict:
            c = self.conflict
            return p.RecordConflict(
                PENDING, c.title, c.professions, c.description, c.refs, self.suggestion
            )

    @dataclass
    class ConflictUpdated(Intent):
        """A conflict's new status, or a note added to it."""

        conflict_id: str
        status: p.ConflictStatus | None = None
        note: str | None = None

        @property
        def command(self) -> p.UpdateConflict:
            return p.UpdateConflict(PENDING, self.conflict_id, self.status, self.note)

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(Text(t("conflicts.empty")), id="conflicts-empty", classes="empty")
        yield ConflictList(t, id="conflict-list").data_bind(ConflictArea.view)

    def watch_view(self, view: View | None) -> None:
        if view is not None:
            self.query_one("#conflicts-empty").display = not view.snapshot.conflicts

    def record(self, start: ConflictStart) -> None:
        """Ask for a new conflict, begun from an item or from the lens's evidence."""
        view = self.view
        if view is None:
            return
        mine = view.me.profession
        own = [safe(mine)] if mine else []
        form = ConflictForm(
            self.t,
            start,
            known=[safe(x) for x in view.snapshot.session.professions],
            suggested=own if start.professions is None else list(start.professions),
        )
        ask(self, form, lambda conflict: self.ConflictRecorded(conflict, start.suggestion))

    def action_new(self) -> None:
        self.record(ConflictStart())

    def action_status(self) -> None:
        conflict = self._conflict_or_bell()
        if conflict is None:
            return
        t = self.t
        title = Text(t("dialog.status", title=plain(conflict.title).plain))
        choices = [(s, t(f"conflicts.status.{s}")) for s in p.CONFLICT_STATUSES]
        ask(
            self,
            Choice(title, choices, conflict.status),
            lambda status: self.ConflictUpdated(conflict.id, status=status),
        )

    def action_note(self) -> None:
        conflict = self._conflict_or_bell()
        if conflict is None:
            return
        t = self.t
        title = Text(t("dialog.note", title=plain(conflict.title).plain))
        prompt = TextPrompt(t, title, limit=p.LIMITS["note"], action=t("action.note"))
        ask(self, prompt, lambda note: self.ConflictUpdated(conflict.id, note=note))

    def action_remove(self) -> None:
        conflict = self._conflict_or_bell()
        if conflict is not None:
            self.ask_removal("conflict", conflict.id)

    def _conflict_or_bell(self) -> p.ConflictView | None:
        """The highlighted conflict; a bell if none is, or it was removed."""
        conflict_id = self.query_one(ConflictList).selected_id
        conflicts = self.view.snapshot.conflicts if self.view else []
        conflict = next((c for c in conflicts if c.id == conflict_id), None)
        if conflict is None or conflict.removed:
            self.app.bell()
            return None
        return conflict
