"""The client's copy of the session: a snapshot, its own fields, and the last seq.

Pure: every change is a new `View` made by the core's own `fold`, `note_ack` and
`personalize`, so the client can never drift from what the server would show it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from server import protocol as p
from server.fold import fold, note_ack, personalize


@dataclass(frozen=True)
class View:
    """What one client knows and shows: immutable, replaced on every change."""

    me: p.ParticipantView
    snapshot: p.Snapshot
    mine: p.Mine
    seq: int
    # On resume, `welcome.mine` is as of `welcome.seq`, ahead of the snapshot until the
    # missed events are folded; it is applied once they are, so no interim fold (a
    # release, say) can undo what it says.
    settle: tuple[int, p.Mine] | None = None

    @property
    def is_facilitator(self) -> bool:
        return self.me.role == "facilitator"

    @property
    def may_write(self) -> bool:
        return self.me.role != "observer" and not self.snapshot.session.closed

    @property
    def may_vote(self) -> bool:
        return self.me.role != "observer" and self.me.votes and not self.snapshot.session.closed

    @property
    def eligible_voters(self) -> int:
        """How many in the room may put dots on drafts: everyone who joined to vote
        (the facilitator too, unless they joined without voting)."""
        return sum(1 for x in self.snapshot.participants if x.role != "observer" and x.votes)

    @property
    def open_round(self) -> p.RoundView | None:
        rounds = self.snapshot.rounds
        return rounds[-1] if rounds and rounds[-1].open else None

    @property
    def last_round(self) -> p.RoundView | None:
        return self.snapshot.rounds[-1] if self.snapshot.rounds else None

    @property
    def last_rating(self) -> p.RatingView | None:
        return self.snapshot.ratings[-1] if self.snapshot.ratings else None

    @property
    def open_rating(self) -> p.RatingView | None:
        last = self.last_rating
        return last if last is not None and last.open else None

    def my_answer(self, draft_id: str, question: str) -> str | None:
        """Own answer in the open rating round, if any."""
        answers = self.mine.my_answers
        return answers.get(f"{draft_id}/{question}") if isinstance(answers, dict) else None

    def draft(self, draft_id: str) -> p.DraftView | None:
        return next((d for d in self.snapshot.drafts if d.id == draft_id), None)

    def statement(self, statement_id: str) -> p.StatementView | None:
        return next((s for s in self.snapshot.statements if s.id == statement_id), None)

    def is_mine(self, item_id: str) -> bool:
        return item_id in self.mine.my_items


def welcomed(current: View | None, welcome: p.Welcome) -> View:
    """The view after a `welcome`: a fresh snapshot, or (on resume) the old one kept."""
    if welcome.state is not None:
        return View(welcome.participant, welcome.state, welcome.mine, welcome.seq)
    if current is None:  # pragma: no cover - a client only resumes with a view it had
        raise ValueError("a resume without a snapshot needs the view it resumes")
    resumed = replace(current, me=welcome.participant, settle=(welcome.seq, welcome.mine))
    return _settled(resumed)


def _settled(view: View) -> View:
    if view.settle is None or view.seq < view.settle[0]:
        return view
    mine = view.settle[1]
    snapshot = personalize(view.snapshot, mine, view.me.id)
    return replace(view, mine=mine, snapshot=snapshot, settle=None)


def folded(view: View, event: p.WireEvent) -> View:
    """The view after one event; an event already folded (seq not newer) is ignored."""
    if event.seq <= view.seq:
        return view
    snapshot, mine = fold(view.snapshot, event, view.mine, view.me.id)
    return _settled(replace(view, snapshot=snapshot, mine=mine, seq=event.seq))


def folded_all(view: View, events: list[p.WireEvent]) -> View:
    """The view after a batch of events, in order: one new view, so one redraw."""
    for event in events:
        view = folded(view, event)
    return view


def acked(view: View, command: p.Command, ack: p.Ack) -> View:
    """The view after the server acked one of our commands: our own fields change now.

    An ack whose event this view already holds (a re-send after resuming) changes
    nothing: `welcome.mine` counted it already.
    """
    if ack.seq <= view.seq:
        return view
    current = view.open_round
    per_draft = current.per_draft if current is not None else 1
    mine = note_ack(view.mine, command, ack.item_id, per_draft)
    if mine is view.mine:
        return view
    return replace(view, mine=mine, snapshot=personalize(view.snapshot, mine, view.me.id))
