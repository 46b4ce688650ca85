"""The core-task area: the level above, the voting round, and the drafts with their keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from kerne_tui.intent import PENDING, Intent, ask
from kerne_tui.screens.confirm import Confirm
from kerne_tui.screens.conflict_form import ConflictStart
from kerne_tui.screens.text_prompt import TextPrompt
from kerne_tui.state import View
from kerne_tui.text import safe
from kerne_tui.widgets.core.draft_list import DraftList
from kerne_tui.widgets.core.parent_task import ParentTask
from kerne_tui.widgets.core.round_line import RoundLine
from kerne_tui.widgets.item_area import ItemArea
from server import protocol as p


class DraftArea(ItemArea):
    """Proposing, revising and voting on formulations of the core task."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "propose", "key.propose"),
        Binding("space,v", "vote", "key.vote"),
        Binding("e", "revise", "key.revise"),
        Binding("w", "withdraw", "key.withdraw"),
        Binding("f", "finalize", "key.finalize"),
        Binding("delete,x", "remove", "key.remove"),
    ]
    SENDS: ClassVar[dict[str, type[p.Command]]] = {
        "propose": p.ProposeDraft,
        "vote": p.CastVote,
        "revise": p.ReviseDraft,
        "withdraw": p.WithdrawDraft,
        "finalize": p.FinalizeDraft,
        "remove": p.RemoveItem,
    }

    @dataclass
    class DraftProposed(Intent):
        text: str

        @property
        def command(self) -> p.ProposeDraft:
            return p.ProposeDraft(PENDING, self.text)

    @dataclass
    class DraftRevised(Intent):
        draft_id: str
        text: str

        @property
        def command(self) -> p.ReviseDraft:
            return p.ReviseDraft(PENDING, self.draft_id, self.text)

    @dataclass
    class DraftWithdrawn(Intent):
        draft_id: str

        @property
        def command(self) -> p.WithdrawDraft:
            return p.WithdrawDraft(PENDING, self.draft_id)

    @dataclass
    class VoteCast(Intent):
        draft_id: str

        @property
        def command(self) -> p.CastVote:
            return p.CastVote(PENDING, self.draft_id)

    @dataclass
    class VoteRetracted(Intent):
        draft_id: str

        @property
        def command(self) -> p.RetractVote:
            return p.RetractVote(PENDING, self.draft_id)

    @dataclass
    class DraftFinalized(Intent):
        draft_id: str

        @property
        def command(self) -> p.FinalizeDraft:
            return p.FinalizeDraft(PENDING, self.draft_id)

    def compose(self) -> ComposeResult:
        t = self.t
        yield ParentTask(t, id="parent-task").data_bind(DraftArea.view)
        yield RoundLine(t, id="round").data_bind(DraftArea.view)
        yield Static(Text(t("core.empty")), id="drafts-empty", classes="empty")
        yield DraftList(t, id="draft-list").data_bind(DraftArea.view)

    def watch_view(self, view: View | None) -> None:
        if view is not None:
            self.query_one("#drafts-empty").display = not view.snapshot.drafts

    def _highlighted(self) -> p.DraftView | None:
        draft_id = self.query_one(DraftList).selected_id
        return self.view.draft(draft_id) if self.view and draft_id else None

    def _draft_or_bell(self) -> p.DraftView | None:
        draft = self._highlighted()
        if draft is None:
            self.app.bell()
        return draft

    def conflict_start(self) -> ConflictStart:
        draft = self._highlighted()
        if draft is None or draft.removed:
            return ConflictStart()
        return ConflictStart(p.Ref("draft", draft.id), safe(draft.text))

    def allows(self, view: View, action: str) -> bool:
        if action == "vote":
            return view.may_vote
        if action in ("revise", "withdraw"):  # one's own draft, or the facilitator
            draft_id = self.query_one(DraftList).selected_id
            return draft_id is not None and (view.is_facilitator or view.is_mine(draft_id))
        return True

    def action_propose(self) -> None:
        t = self.t
        prompt = TextPrompt(
            t,
            t("dialog.propose"),
            limit=p.LIMITS["draft"],
            hint=t("dialog.draft_hint"),
            action=t("action.propose"),
        )
        ask(self, prompt, self.DraftProposed)

    def action_vote(self) -> None:
        draft = self._draft_or_bell()
        if draft is None or self.view is None:
            return
        if draft.id in self.view.mine.my_votes:
            self.post_message(self.VoteRetracted(draft.id))
        else:
            self.post_message(self.VoteCast(draft.id))

    def action_revise(self) -> None:
        draft = self._draft_or_bell()
        if draft is None:
            return
        t = self.t
        prompt = TextPrompt(
            t,
            t("dialog.revise", id=draft.id),
            limit=p.LIMITS["draft"],
            value=safe(draft.text, multiline=True).replace("\n", " "),
            action=t("action.revise"),
        )
        ask(self, prompt, lambda text: self.DraftRevised(draft.id, text))

    def action_withdraw(self) -> None:
        draft = self._draft_or_bell()
        if draft is None:
            return
        t = self.t
        question = Confirm(t, t("dialog.withdraw", id=draft.id), t("action.withdraw"))
        ask(self, question, lambda _: self.DraftWithdrawn(draft.id))

    def action_finalize(self) -> None:
        draft = self._draft_or_bell()
        if draft is not None:
            self.post_message(self.DraftFinalized(draft.id))

    def action_remove(self) -> None:
        draft = self._draft_or_bell()
        if draft is not None:
            self.ask_removal("draft", draft.id)
