"""The client's half of the rules: folding public events into a snapshot.

Pure, and the mirror of `server.views`: the server sends what `views` shows, a client
folds it with these functions and ends with exactly the snapshot a fresh `hello` would
give (docs/protocol.md section 9; checked by tests/unit/test_fold.py). A client keeps its
own facts (its dots, tags and authorship) in `p.Mine`, since the public events cannot
say them: `note_ack` updates them and `personalize` puts them into the snapshot.
"""

from __future__ import annotations

from typing import Protocol, TypeVar, assert_never

import msgspec

from server import protocol as p
from server import public_events as pub
from server.public_events import (
    ActionAddedView,
    ActionUpdatedView,
    CoachWordsAddedView,
    ConflictFollowedView,
    ConflictRecordedView,
    ConflictUpdatedView,
    DilemmaEditedView,
    DilemmaRecordedView,
    DraftFinalizedView,
    DraftProposedView,
    DraftRevisedView,
    DraftWithdrawnView,
    EndorsedView,
    InstructionSetView,
    ItemRemovedView,
    ParentTaskChangedView,
    ParticipantJoinedView,
    PhaseChangedView,
    RatingAnsweredView,
    RatingClosedView,
    RatingOpenedView,
    RoundClosedView,
    RoundOpenedView,
    RoundSplitRevealedView,
    SeriesCarriedView,
    SessionClosedView,
    SessionReopenedView,
    SplitRevealedView,
    StatementAddedView,
    StatementClassifiedView,
    StatementTaggedBlindView,
    StatementTaggedView,
    SummarySetView,
    TaggingSetView,
    TimerStartedView,
    TimerStoppedView,
    VoteCastView,
    VoteRetractedView,
    from_wire,
)


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


ItemT = TypeVar("ItemT", bound=_Identified)


def _upsert(items: list[ItemT], item: ItemT) -> list[ItemT]:
    """The list with `item` replacing the one with its id (in place), or appended."""
    for index, existing in enumerate(items):
        if existing.id == item.id:
            return [*items[:index], item, *items[index + 1 :]]
    return [*items, item]


def _own_draft(draft: p.DraftView, mine: p.Mine, me: str) -> p.DraftView:
    if draft.author is None and draft.id in mine.my_items:
        return msgspec.structs.replace(draft, author=me)
    return draft


def _own_statement(statement: p.StatementView, mine: p.Mine, me: str) -> p.StatementView:
    mine_tag = mine.my_tags.get(statement.id)
    author = statement.author
    if author is None and statement.id in mine.my_items:
        author = me
    return msgspec.structs.replace(statement, my_tag=mine_tag, author=author)


def _with_round(snap: p.Snapshot, current: p.RoundView | None) -> p.Snapshot:
    if current is None:
        return snap
    return msgspec.structs.replace(snap, rounds=_upsert(snap.rounds, current))


def fold(snap: p.Snapshot, event: p.WireEvent, mine: p.Mine, me: str) -> tuple[p.Snapshot, p.Mine]:
    """A client's snapshot and own fields after one public event (pure; new objects).

    `me` is the client's participant id; `mine` carries what only it knows (its votes,
    tags and authorship), which the public event cannot say. A kind this version does
    not know changes nothing: a newer server may add kinds.
    """
    replace = msgspec.structs.replace
    match from_wire(event.kind, event.data):
        case None:
            pass
        case ParticipantJoinedView(participant=who):
            snap = replace(snap, participants=_upsert(snap.participants, who))
        case DraftProposedView(draft=draft):
            snap = replace(snap, drafts=_upsert(snap.drafts, _own_draft(draft, mine, me)))
        case (
            DraftRevisedView(draft=draft, round=current)
            | DraftWithdrawnView(draft=draft, round=current)
        ):
            drafts = _upsert(snap.drafts, _own_draft(draft, mine, me))
            snap = _with_round(replace(snap, drafts=drafts), current)
            mine = _released(mine, draft.id)
        case DraftFinalizedView(draft=draft, previous=previous, reason=reason):
            drafts = _upsert(snap.drafts, _own_draft(draft, mine, me))
            if previous is not None:
                drafts = _upsert(drafts, _own_draft(previous, mine, me))
            choice = p.ChoiceView(draft.id, event.at, previous.id if previous else None, reason)
            snap = replace(snap, drafts=drafts, choices=[*snap.choices, choice])
        case VoteCastView(round=current) | VoteRetractedView(round=current):
            snap = _with_round(snap, current)
        case RoundOpenedView(round=current) | RoundClosedView(round=current):
            snap = _with_round(snap, current)
            mine = replace(mine, my_votes=[])
        case (
            StatementAddedView(statement=statement)
            | StatementTaggedView(statement=statement)
            | StatementClassifiedView(statement=statement)
            | SplitRevealedView(statement=statement)
        ):
            own = _own_statement(statement, mine, me)
            snap = replace(snap, statements=_upsert(snap.statements, own))
        case ConflictRecordedView(conflict=conflict) | ConflictUpdatedView(conflict=conflict):
            snap = replace(snap, conflicts=_upsert(snap.conflicts, conflict))
        case PhaseChangedView(phase=phase):
            snap = replace(snap, session=replace(snap.session, phase=phase))
        case TimerStartedView(timer=timer):
            snap = replace(snap, timer=timer)
        case TimerStoppedView():
            snap = replace(snap, timer=None)
        case ItemRemovedView(kind=kind, id=item_id, round=current):
            snap, mine = _fold_removal(snap, mine, kind, item_id)
            snap = _with_round(snap, current)
        case SessionClosedView():
            snap = replace(snap, session=replace(snap.session, closed=True))
        case pub.AdmissionChangedView(admit=admit):
            snap = replace(snap, session=replace(snap.session, admit=admit))
        case pub.ParticipantRemovedView(participant_id=pid, tallies=tallies, round=current):
            snap = _with_participant(snap, pid, removed=True)
            statements = [
                replace(x, tally=dict(tallies[x.id])) if x.id in tallies else x
                for x in snap.statements
            ]
            if pid == me:  # their tags and dots are gone (their client is closed anyway)
                mine = replace(mine, my_votes=[], my_tags={})
                statements = [replace(x, my_tag=None) for x in statements]
            snap = _with_round(replace(snap, statements=statements), current)
        case pub.ParticipantMutedView(participant_id=pid, muted=muted):
            snap = _with_participant(snap, pid, muted=muted)
        case pub.WritingsRemovedView() as gone:
            for draft_id in gone.drafts:
                snap, mine = _fold_removal(snap, mine, "draft", draft_id)
            for sid in gone.statements:
                snap, mine = _fold_removal(snap, mine, "statement", sid)
            for cid in gone.conflicts:
                snap, mine = _fold_removal(snap, mine, "conflict", cid)
            for conflict in gone.conflicts_noted:
                snap = replace(snap, conflicts=_upsert(snap.conflicts, conflict))
            snap = _with_round(snap, gone.round)
        case ActionAddedView(action=action) | ActionUpdatedView(action=action):
            snap = replace(snap, actions=_upsert(snap.actions, action))
        case (
            DilemmaRecordedView(conflict=conflict)
            | DilemmaEditedView(conflict=conflict)
            | ConflictFollowedView(conflict=conflict)
        ):
            snap = replace(snap, conflicts=_upsert(snap.conflicts, conflict))
        case (
            SummarySetView(follow=follow)
            | EndorsedView(follow=follow)
            | SessionReopenedView(follow=follow)
        ):
            snap = replace(snap, follow=follow)
        case SeriesCarriedView() as carried:
            snap = replace(
                snap,
                follow=carried.follow,
                drafts=[*snap.drafts, *carried.drafts],
                statements=[*snap.statements, *carried.statements],
                conflicts=[*snap.conflicts, *carried.conflicts],
                actions=[*snap.actions, *carried.actions],
            )
        case ParentTaskChangedView(parent_task=task):
            snap = replace(snap, session=replace(snap.session, parent_task=task))
        case RatingOpenedView(rating=rating) | RatingClosedView(rating=rating):
            snap = replace(snap, ratings=_upsert(snap.ratings, rating))
            # Own answers belong to the open round only (as my_votes do).
            mine = replace(mine, my_answers={} if rating.open else msgspec.UNSET)
        case RatingAnsweredView(rating=rating):
            snap = replace(snap, ratings=_upsert(snap.ratings, rating))
        case CoachWordsAddedView(kind=which, words=words):
            known = dict(snap.coach_words)
            known[which] = [*known.get(which, []), *words]
            snap = replace(snap, coach_words=known)
        case RoundSplitRevealedView(round=current):
            snap = _with_round(snap, current)
        case TaggingSetView(blind=blind, tallies=tallies):
            statements = [
                replace(x, tally=dict(tallies[x.id])) if x.id in tallies else x
                for x in snap.statements
            ]
            session = replace(snap.session, blind_tagging=blind)
            snap = replace(snap, session=session, statements=statements)
        case StatementTaggedBlindView():
            pass  # says only that someone tagged: the tagger's own tag comes with its ack
        case InstructionSetView(phase=phase, text=text):
            instructions = {k: v for k, v in snap.session.instructions.items() if k != phase}
            if text:
                instructions[phase] = text
            snap = replace(snap, session=replace(snap.session, instructions=instructions))
        case pub.MinutesTablesSetView(include=include):
            settings = replace(snap.session.settings, minutes_tables=include)
            snap = replace(snap, session=replace(snap.session, settings=settings))
        case unhandled:
            assert_never(unhandled)
    return replace(snap, my_votes=list(mine.my_votes)), mine


def _with_participant(snap: p.Snapshot, pid: str, **changes: bool) -> p.Snapshot:
    participants = [
        msgspec.structs.replace(x, **changes) if x.id == pid else x for x in snap.participants
    ]
    return msgspec.structs.replace(snap, participants=participants)


def _released(mine: p.Mine, draft_id: str) -> p.Mine:
    """Own fields after the dots on a draft were given back (revised, withdrawn, removed)."""
    if draft_id not in mine.my_votes:
        return mine
    return msgspec.structs.replace(mine, my_votes=[v for v in mine.my_votes if v != draft_id])


def _fold_removal(
    snap: p.Snapshot, mine: p.Mine, kind: p.ItemKind, item_id: str
) -> tuple[p.Snapshot, p.Mine]:
    replace = msgspec.structs.replace
    if kind == "draft":
        drafts = [
            replace(x, removed=True, text=None, final=False) if x.id == item_id else x
            for x in snap.drafts
        ]
        return replace(snap, drafts=drafts), _released(mine, item_id)
    if kind == "statement":
        statements = [
            replace(x, removed=True, text=None) if x.id == item_id else x for x in snap.statements
        ]
        return replace(snap, statements=statements), mine
    blank = p.ConflictView(item_id, None, None, [], [], "open", [], True)
    conflicts = [
        replace(
            blank,
            professions=x.professions,
            refs=x.refs,
            status=x.status,
            suggestion=x.suggestion,
        )
        if x.id == item_id
        else x
        for x in snap.conflicts
    ]
    return replace(snap, conflicts=conflicts), mine


def note_ack(mine: p.Mine, command: p.Command, item_id: str | None, per_draft: int = 1) -> p.Mine:
    """A client's own fields after the server acknowledged one of its commands.

    Call it only for an ack whose `seq` is newer than the client's last event: an ack
    for a command the client already saw counted (a re-send after resuming, whose effect
    `welcome.mine` already holds) must not count twice. `per_draft` is the open round's
    dots per draft: an acked vote beyond it is one already counted.
    """
    replace = msgspec.structs.replace
    match command:
        case p.ProposeDraft() | p.AddStatement() | p.RecordConflict() | p.RecordDilemma():
            if item_id is not None and item_id not in mine.my_items:
                return replace(mine, my_items=[*mine.my_items, item_id])
        case p.CastVote(draft_id=draft_id):
            if mine.my_votes.count(draft_id) < per_draft:
                return replace(mine, my_votes=[*mine.my_votes, draft_id])
        case p.RetractVote(draft_id=draft_id):
            return replace(mine, my_votes=_less_one(mine.my_votes, draft_id))
        case p.Rate(draft_id=draft_id, question=question, answer=answer):
            given = dict(mine.my_answers) if isinstance(mine.my_answers, dict) else {}
            if answer is None:
                given.pop(f"{draft_id}/{question}", None)
            else:
                given[f"{draft_id}/{question}"] = answer
            return replace(mine, my_answers=given)
        case p.TagStatement(statement_id=statement_id, tag=tag):
            tags = dict(mine.my_tags)
            if tag is None:
                tags.pop(statement_id, None)
            else:
                tags[statement_id] = tag
            return replace(mine, my_tags=tags)
        case _:
            pass
    return mine


def personalize(snap: p.Snapshot, mine: p.Mine, me: str) -> p.Snapshot:
    """A snapshot with the client's own fields taken from `mine` (after an ack)."""
    replace = msgspec.structs.replace
    return replace(
        snap,
        my_votes=list(mine.my_votes),
        drafts=[_own_draft(x, mine, me) for x in snap.drafts],
        statements=[_own_statement(x, mine, me) for x in snap.statements],
    )


def _less_one(votes: list[str], draft_id: str) -> list[str]:
    """`votes` without the first dot on `draft_id`: a retraction takes back one dot, the
    same one the server's state drops, so the order of `my_votes` stays the server's."""
    if draft_id not in votes:
        return list(votes)
    at = votes.index(draft_id)
    return votes[:at] + votes[at + 1 :]
