"""The core-task area: the level above, the voting round, and the drafts with their keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from kerne_tui.intent import PENDING, Intent, ask
from kerne_tui.roles import may_follow_up
from kerne_tui.screens.action_form import ActionDraft, ActionForm, ask_new_action
from kerne_tui.screens.choice import Choice
from kerne_tui.screens.choose_dialog import ChooseDialog
from kerne_tui.screens.confirm import Confirm
from kerne_tui.screens.conflict_form import ConflictStart
from kerne_tui.screens.draft_prompt import Blocks, DraftPrompt, agreed_blocks
from kerne_tui.state import View
from kerne_tui.text import safe
from kerne_tui.widgets.core.action_list import ActionList, action_label, action_line
from kerne_tui.widgets.core.draft_list import DraftList
from kerne_tui.widgets.core.parent_task import ParentTask
from kerne_tui.widgets.core.rating_line import RatingLine
from kerne_tui.widgets.core.round_line import RoundLine
from kerne_tui.widgets.item_area import ItemArea
from server import coach
from server import protocol as p
from server.support import support


class DraftArea(ItemArea):
    """Proposing, revising and voting on formulations of the core task."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "propose", "key.propose"),
        Binding("space,v", "vote", "key.vote"),
        Binding("e", "revise", "key.revise"),
        Binding("w", "withdraw", "key.withdraw"),
        Binding("f", "finalize", "key.finalize"),
        Binding("delete,x", "remove", "key.remove"),
        Binding("a", "rate", "key.rate"),
        Binding("b", "add_action", "key.add_action"),
        Binding("o", "follow_action", "key.follow_action", show=False),  # in the help (?)
    ]
    SENDS: ClassVar[dict[str, type[p.Command]]] = {
        "propose": p.ProposeDraft,
        "vote": p.CastVote,
        "revise": p.ReviseDraft,
        "withdraw": p.WithdrawDraft,
        "finalize": p.FinalizeDraft,
        "remove": p.RemoveItem,
        "rate": p.Rate,
        "add_action": p.AddAction,
        "follow_action": p.UpdateAction,
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
        reason: str | None = None

        @property
        def command(self) -> p.FinalizeDraft:
            return p.FinalizeDraft(PENDING, self.draft_id, self.reason or None)

    @dataclass
    class Rated(Intent):
        draft_id: str
        question: str
        answer: str

        @property
        def command(self) -> p.Rate:
            return p.Rate(PENDING, self.draft_id, self.question, self.answer)

    @dataclass
    class ActionAdded(Intent):
        """A decision or a next step that anyone may add during the wrap-up."""

        kind: p.ActionKind
        action: ActionDraft

        @property
        def command(self) -> p.AddAction:
            return self.action.added_as(self.kind, PENDING)

    @dataclass
    class ActionUpdated(Intent):
        """A decision or next step followed up: its status (dropped takes it off the
        list), a note, who, by when, where."""

        action_id: str
        change: ActionDraft

        @property
        def command(self) -> p.UpdateAction:
            c = self.change
            return p.UpdateAction(PENDING, self.action_id, c.status, c.note, c.who, c.due, c.forum)

    def compose(self) -> ComposeResult:
        t = self.t
        yield ParentTask(t, id="parent-task").data_bind(DraftArea.view)
        yield RoundLine(t, id="round").data_bind(DraftArea.view)
        yield RatingLine(t, id="rating").data_bind(DraftArea.view)
        yield Static(Text(t("core.empty")), id="drafts-empty", classes="empty")
        yield DraftList(t, id="draft-list").data_bind(DraftArea.view)
        yield ActionList(t, id="action-list").data_bind(DraftArea.view)

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
        if action == "add_action":  # the facilitator's menu has it at any time
            return view.snapshot.session.phase == "wrapup"
        if action == "follow_action":
            return bool(view.snapshot.actions) and may_follow_up(view)
        if action == "rate":
            return view.may_vote and view.open_rating is not None
        if action in ("revise", "withdraw"):  # one's own draft, or the facilitator
            draft_id = self.query_one(DraftList).selected_id
            return draft_id is not None and (view.is_facilitator or view.is_mine(draft_id))
        return True

    def _parent_task(self) -> str | None:
        return self.view.snapshot.session.parent_task if self.view is not None else None

    def _coaching(self) -> coach.Coaching:
        return coach.for_session(self.view.snapshot.coach_words) if self.view else coach.DEFAULT

    def _blocks(self) -> Blocks:
        return agreed_blocks(self.view.snapshot.statements) if self.view else Blocks()

    def action_propose(self) -> None:
        t = self.t
        prompt = DraftPrompt(
            t,
            t("dialog.propose"),
            limit=p.LIMITS["draft"],
            hint=t("dialog.draft_hint"),
            parent_task=self._parent_task(),
            lists=self._coaching(),
            action=t("action.propose"),
            blocks=self._blocks(),
        )
        ask(self, prompt, self.DraftProposed)

    def action_add_action(self) -> None:
        """Which kind (a decision, a next step), then its words: as the facilitator's menu."""
        ask_new_action(self, self.t, self.ActionAdded)

    def action_follow_action(self) -> None:
        """Pick a decision or next step, then its status, a note, who, by when, where."""
        view = self.view
        if view is None or not view.snapshot.actions:
            self.app.bell()
            return
        t = self.t
        actions = {a.id: a for a in view.snapshot.actions}
        entries = [(a.id, action_label(t, a).plain) for a in actions.values()]

        def picked(action_id: str | None) -> None:
            action = actions.get(action_id or "")
            if action is None:
                return
            title = action_line(t, action.kind, action.what, [], action.status)
            form = ActionForm(t, title, existing=action, action=t("action.save"))
            self.app.push_screen(form, lambda change: self._followed(action.id, change))

        self.app.push_screen(Choice(t("menu.follow_action"), entries), picked)

    def _followed(self, action_id: str, change: ActionDraft | None) -> None:
        if change is not None and not change.changes_nothing:
            self.post_message(self.ActionUpdated(action_id, change))

    def action_vote(self) -> None:
        draft = self._draft_or_bell()
        if draft is None or self.view is None:
            return
        # Space adds a dot while the round allows another on this draft, and once it
        # does not, takes all of them back: 0, 1, 0 in a v1 round; 0, 1, 2, 0 with two.
        current = self.view.open_round
        mine = self.view.mine.my_votes
        on_it = mine.count(draft.id)
        room = current is not None and on_it < current.per_draft and len(mine) < current.dots
        if on_it and not room:
            for _ in range(on_it):
                self.post_message(self.VoteRetracted(draft.id))
        else:
            self.post_message(self.VoteCast(draft.id))

    def action_revise(self) -> None:
        draft = self._draft_or_bell()
        if draft is None:
            return
        t = self.t
        prompt = DraftPrompt(
            t,
            t("dialog.revise", id=draft.id),
            limit=p.LIMITS["draft"],
            value=safe(draft.text, multiline=True).replace("\n", " "),
            parent_task=self._parent_task(),
            lists=self._coaching(),
            action=t("action.revise"),
            blocks=self._blocks(),
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
        """Ask before choosing: the draft named, its support in words, and a reason when
        the support does not speak for itself (the server takes a choice without one)."""
        draft = self._draft_or_bell()
        if draft is None or self.view is None:
            return
        snap = self.view.snapshot
        found = support(snap.rounds, snap.ratings, draft.id)
        current = next((d for d in snap.drafts if d.final), None)
        replaces = None
        if current is not None and snap.choices:
            replaces = next((c for c in reversed(snap.choices) if c.draft_id == current.id), None)
        dialog = ChooseDialog(self.t, draft, found, replaces)
        ask(self, dialog, lambda reason: self.DraftFinalized(draft.id, reason or None))

    def action_rate(self) -> None:
        """Answer the open rating round about the highlighted draft: the consent question
        on five steps, or each criterion yes/partly/no, one after the other."""
        draft = self._draft_or_bell()
        view = self.view
        if draft is None or view is None:
            return
        rating = view.open_rating
        if rating is None or draft.id not in rating.draft_ids:
            self.app.bell()
            return
        self._ask_rating(draft.id, rating.kind, list(p.rating_questions(rating.kind)))

    def _ask_rating(self, draft_id: str, kind: p.RatingKind, questions: list[str]) -> None:
        if not questions or self.view is None:
            return
        t, question, rest = self.t, questions[0], questions[1:]
        choices: list[tuple[str, str]]
        if kind == "acceptance":
            title = t("rating.question_acceptance", id=draft_id)
            choices = [(a, t(f"acceptance.{a}")) for a in p.ACCEPTANCE_SCALE]
        else:
            title = t("rating.question_criteria", id=draft_id, criterion=t(f"criterion.{question}"))
            choices = [(j, t(f"judgement.{j}")) for j in p.JUDGEMENTS]
        current = self.view.my_answer(draft_id, question) or ""

        def answered(answer: str | None) -> None:
            if answer is None:
                return
            self.post_message(self.Rated(draft_id, question, answer))
            self._ask_rating(draft_id, kind, rest)

        self.app.push_screen(Choice(title, choices, current), answered)

    def action_remove(self) -> None:
        draft = self._draft_or_bell()
        if draft is not None:
            self.ask_removal("draft", draft.id)
