"""The conflicts area: the register, and the one place a conflict is recorded (from this
list, from an item anywhere with `c`, or from a suggestion of the profession lens),
changed, and followed up (who, where, by when, and whether to the level above)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from kerne_tui.guidance import sector_of
from kerne_tui.intent import PENDING, Intent, ask
from kerne_tui.roles import may_follow_up
from kerne_tui.screens.choice import Choice
from kerne_tui.screens.conflict_form import ConflictDraft, ConflictForm, ConflictStart
from kerne_tui.screens.follow_form import FollowForm, FollowUp
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
        # Off the footer, which has no room left at 80 columns for the menu key then;
        # the help (?) lists them.
        Binding("e", "edit", "key.edit_conflict", show=False),
        Binding("f", "follow", "key.follow_conflict", show=False),
        Binding("delete,x", "remove", "key.remove"),
    ]
    SENDS: ClassVar[dict[str, type[p.Command]]] = {
        "new": p.RecordConflict,
        "status": p.UpdateConflict,
        "note": p.UpdateConflict,
        "edit": p.EditDilemma,
        "follow": p.FollowConflict,
        "remove": p.RemoveItem,
    }

    @dataclass
    class ConflictRecorded(Intent):
        """A new conflict about an item or from a lens suggestion (`suggestion`, if any):
        recorded as v1 records one, so the link is kept; its kind and sides follow."""

        conflict: ConflictDraft
        suggestion: str | None = None

        @property
        def command(self) -> p.RecordConflict:
            c = self.conflict
            return p.RecordConflict(
                PENDING, c.title, c.professions, c.description, c.refs, self.suggestion
            )

        def afterwards(self, item_id: str) -> p.Command | None:
            c = self.conflict
            if c.kind == "professions" and not (c.side_a or c.side_b):
                return None  # what `record_conflict` means already
            return p.EditDilemma(
                PENDING, item_id, kind=c.kind, side_a=c.side_a or None, side_b=c.side_b or None
            )

    @dataclass
    class DilemmaRecorded(Intent):
        """A new conflict or dilemma of any kind, with its two sides; professions optional."""

        conflict: ConflictDraft

        @property
        def command(self) -> p.RecordDilemma:
            c = self.conflict
            return p.RecordDilemma(
                PENDING, c.title, c.kind, c.description, c.side_a, c.side_b, c.professions
            )

    @dataclass
    class DilemmaEdited(Intent):
        """A conflict's words changed (None: left as it is); the server keeps the old ones."""

        conflict_id: str
        title: str | None = None
        description: str | None = None
        kind: p.ConflictKind | None = None
        side_a: str | None = None
        side_b: str | None = None
        professions: list[str] | None = None

        @property
        def command(self) -> p.EditDilemma:
            return p.EditDilemma(
                PENDING,
                self.conflict_id,
                self.title,
                self.description,
                self.kind,
                self.side_a,
                self.side_b,
                self.professions,
            )

    @dataclass
    class ConflictFollowed(Intent):
        """Who follows a conflict up, where, by when, whether to the level above."""

        conflict_id: str
        follow: FollowUp

        @property
        def command(self) -> p.FollowConflict:
            f = self.follow
            return p.FollowConflict(PENDING, self.conflict_id, f.owner, f.forum, f.due, f.above)

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
            sector=sector_of(view),
            suggested=own if start.professions is None else list(start.professions),
        )
        ask(self, form, lambda conflict: self._recorded(conflict, start.suggestion))

    def _recorded(self, conflict: ConflictDraft, suggestion: str | None) -> Intent:
        if conflict.refs or suggestion is not None:
            return self.ConflictRecorded(conflict, suggestion)
        return self.DilemmaRecorded(conflict)

    def allows(self, view: View, action: str) -> bool:
        if action == "edit":  # its author or the facilitator
            conflict_id = self.query_one(ConflictList).selected_id
            return conflict_id is not None and (view.is_facilitator or view.is_mine(conflict_id))
        if action == "follow":
            return may_follow_up(view)
        return True

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

    def action_edit(self) -> None:
        conflict = self._conflict_or_bell()
        view = self.view
        if conflict is None or view is None:
            return
        start = ConflictStart(
            professions=tuple(safe(x) for x in conflict.professions),
            title=safe(conflict.title or ""),
            description=safe(conflict.description or "", multiline=True).replace("\n", " "),
            kind=conflict.kind or "professions",
            side_a=safe(conflict.side_a, multiline=True).replace("\n", " "),
            side_b=safe(conflict.side_b, multiline=True).replace("\n", " "),
        )
        form = ConflictForm(
            self.t,
            start,
            known=[safe(x) for x in view.snapshot.session.professions],
            sector=sector_of(view),
            suggested=list(start.professions or ()),
            editing=True,
        )
        self.app.push_screen(form, lambda draft: self._edited(conflict, start, draft))

    def _edited(
        self, conflict: p.ConflictView, was: ConflictStart, now: ConflictDraft | None
    ) -> None:
        """Only what the person changed is sent: the rest stays as the server has it."""
        if now is None:
            return

        def changed(old: str, new: str) -> str | None:
            return new if new != old else None

        kind = now.kind if now.kind != was.kind else None
        professions = now.professions if now.professions != list(was.professions or ()) else None
        edit = self.DilemmaEdited(
            conflict.id,
            changed(was.title, now.title),
            changed(was.description, now.description),
            kind,
            changed(was.side_a, now.side_a),
            changed(was.side_b, now.side_b),
            professions,
        )
        fields = (edit.title, edit.description, kind, edit.side_a, edit.side_b, professions)
        if any(x is not None for x in fields):  # nothing changed: nothing for the history
            self.post_message(edit)

    def action_follow(self) -> None:
        conflict = self._conflict_or_bell()
        if conflict is None:
            return
        title = Text(self.t("dialog.follow", title=plain(conflict.title).plain))

        def answered(follow: FollowUp | None) -> None:
            if follow is not None and not follow.empty:
                self.post_message(self.ConflictFollowed(conflict.id, follow))

        self.app.push_screen(FollowForm(self.t, title, conflict), answered)

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
