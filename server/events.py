"""The facts a session is made of: one typed struct per kind of event, as stored.

An event's `data` is internal: it may name voters and taggers, so only `views` decides
what others see of it (`server.public_events`). The JSON of each struct is the `data`
column of the store, byte for byte what the untyped dicts of earlier versions wrote: no
tag key inside, the same keys in the same order, and a default for every key that was
added later (old rows lack it). The kind lives beside the data (`KIND`), as the store and
the wire keep it. Every `match` over `EventData` ends in `assert_never`, so a kind added
here and forgotten anywhere is a `mypy --strict` error, not a silent gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Final, get_args

import msgspec
from msgspec import Struct

from server import protocol as p


class NewParticipant(Struct, frozen=True):
    """A participant as they joined; the name is internal (anonymous sessions)."""

    id: str
    name: str
    profession: str | None
    role: p.Role
    votes: bool


class ParticipantJoined(Struct, frozen=True):
    KIND: ClassVar[str] = "participant_joined"
    participant: NewParticipant


class DraftProposed(Struct, frozen=True):
    KIND: ClassVar[str] = "draft_proposed"
    draft_id: str
    text: str


class DraftRevised(Struct, frozen=True):
    KIND: ClassVar[str] = "draft_revised"
    draft_id: str
    text: str
    released: list[str]  # voters whose dots on it in the open round were given back


class DraftWithdrawn(Struct, frozen=True):
    KIND: ClassVar[str] = "draft_withdrawn"
    draft_id: str
    released: list[str]


class VoteCast(Struct, frozen=True):
    KIND: ClassVar[str] = "vote_cast"
    round_id: str
    draft_id: str


class VoteRetracted(Struct, frozen=True):
    KIND: ClassVar[str] = "vote_retracted"
    round_id: str
    draft_id: str


class StatementAdded(Struct, frozen=True):
    KIND: ClassVar[str] = "statement_added"
    statement_id: str
    text: str


class StatementTagged(Struct, frozen=True):
    KIND: ClassVar[str] = "statement_tagged"
    statement_id: str
    tag: p.Tag | None


class ConflictRecorded(Struct, frozen=True):
    KIND: ClassVar[str] = "conflict_recorded"
    conflict_id: str
    title: str
    description: str
    professions: list[str]
    refs: list[p.Ref]
    suggestion: str | None = None  # added with the lens: older rows have no such key


class ConflictUpdated(Struct, frozen=True):
    KIND: ClassVar[str] = "conflict_updated"
    conflict_id: str
    status: p.ConflictStatus | None
    note: str | None


class PhaseChanged(Struct, frozen=True):
    KIND: ClassVar[str] = "phase_changed"
    phase: p.Phase
    previous: p.Phase


class TimerStarted(Struct, frozen=True):
    KIND: ClassVar[str] = "timer_started"
    ends_at: str
    label: str | None


class TimerStopped(Struct, frozen=True):
    KIND: ClassVar[str] = "timer_stopped"


class RoundOpened(Struct, frozen=True, omit_defaults=True):
    KIND: ClassVar[str] = "round_opened"
    round_id: str
    dots: int
    blind: bool
    # Added later, stored only when not 1, so rows of v1 rounds keep their bytes.
    per_draft: int = 1
    hold_split: bool = False  # added later too, stored only when true


class RoundSplitRevealed(Struct, frozen=True):
    """A held round's split shown to everyone: the figure fixed at its close."""

    KIND: ClassVar[str] = "round_split_revealed"
    round_id: str


class TaggingSet(Struct, frozen=True):
    """Tagging became blind (the tallies everyone sees stay as they are now) or open
    again (every tally is shown as it is)."""

    KIND: ClassVar[str] = "tagging_set"
    blind: bool


class StatementTaggedBlind(Struct, frozen=True):
    """A tag given while tagging is blind: stored as any tag, told to others without the
    statement (as a blind round's dot is told without the draft)."""

    KIND: ClassVar[str] = "statement_tagged_blind"
    statement_id: str
    tag: p.Tag | None


class RoundClosed(Struct, frozen=True):
    KIND: ClassVar[str] = "round_closed"
    round_id: str


class DraftFinalized(Struct, frozen=True, omit_defaults=True):
    KIND: ClassVar[str] = "draft_finalized"
    draft_id: str
    previous: str | None  # the draft that stopped being final
    reason: str | None = None  # added with careful choosing: older rows have no such key


class StatementClassified(Struct, frozen=True):
    KIND: ClassVar[str] = "statement_classified"
    statement_id: str
    tag: p.Tag | None


class SplitRevealed(Struct, frozen=True):
    KIND: ClassVar[str] = "split_revealed"
    statement_id: str
    split: dict[str, dict[str, int]]  # fixed at the reveal, under the k-rule


class ItemRemoved(Struct, frozen=True):
    KIND: ClassVar[str] = "item_removed"
    kind: p.ItemKind
    id: str
    reason: str
    released: list[str]


class SessionClosed(Struct, frozen=True):
    KIND: ClassVar[str] = "session_closed"


# --- admission and moderation (additions to v1) ------------------------------------


class AdmissionChanged(Struct, frozen=True):
    KIND: ClassVar[str] = "admission_changed"
    admit: bool


class ParticipantRemoved(Struct, frozen=True):
    KIND: ClassVar[str] = "participant_removed"
    participant_id: str
    reason: str
    untagged: list[str]  # statements whose live tally lost their tag
    dots: bool  # whether their dots left the open round


class ParticipantMuted(Struct, frozen=True):
    KIND: ClassVar[str] = "participant_muted"
    participant_id: str
    muted: bool


class WritingsRemoved(Struct, frozen=True):
    KIND: ClassVar[str] = "writings_removed"
    participant_id: str
    reason: str
    drafts: list[str]
    statements: list[str]
    conflicts: list[str]
    noted: list[str]  # conflicts (of others) that lose this participant's notes
    released: list[str]  # voters whose dots on the drafts in the open round were given back


# --- additions: decisions, dilemmas that can be followed, follow-up after the close ----


class ActionAdded(Struct, frozen=True):
    KIND: ClassVar[str] = "action_added"
    action_id: str
    kind: p.ActionKind
    what: str
    who: str
    due: str | None
    forum: p.Forum | None


class ActionUpdated(Struct, frozen=True):
    KIND: ClassVar[str] = "action_updated"
    action_id: str
    status: p.ActionStatus | None
    note: str | None
    who: str | None
    due: str | None
    forum: p.Forum | None


class DilemmaRecorded(Struct, frozen=True):
    KIND: ClassVar[str] = "dilemma_recorded"
    conflict_id: str
    title: str
    kind: p.ConflictKind
    description: str
    side_a: str
    side_b: str
    professions: list[str]


class DilemmaEdited(Struct, frozen=True):
    KIND: ClassVar[str] = "dilemma_edited"
    conflict_id: str
    title: str | None
    description: str | None
    kind: p.ConflictKind | None
    side_a: str | None
    side_b: str | None
    professions: list[str] | None


class ConflictFollowed(Struct, frozen=True):
    KIND: ClassVar[str] = "conflict_followed"
    conflict_id: str
    owner: str | None
    forum: p.Forum | None
    due: str | None
    above: bool | None


class SummarySet(Struct, frozen=True):
    KIND: ClassVar[str] = "summary_set"
    field: p.SummaryField
    text: str


class Endorsed(Struct, frozen=True):
    KIND: ClassVar[str] = "endorsed"
    by: str
    on: str


class SessionReopened(Struct, frozen=True):
    KIND: ClassVar[str] = "session_reopened"


# --- additions: a series of sessions, and the chain of levels -------------------------


class CarriedVersion(Struct, frozen=True):
    text: str
    at: str


class CarriedStatement(Struct, frozen=True):
    statement_id: str
    text: str
    agreed: p.Tag


class CarriedConflict(Struct, frozen=True):
    conflict_id: str
    title: str
    description: str
    kind: p.ConflictKind | None
    side_a: str
    side_b: str
    professions: list[str]
    status: p.ConflictStatus
    owner: str
    forum: p.Forum | None
    due: str | None
    above: bool
    notes: list[str]


class CarriedAction(Struct, frozen=True):
    action_id: str
    kind: p.ActionKind
    what: str
    who: str
    due: str | None
    forum: p.Forum | None
    status: p.ActionStatus
    notes: list[str]


class SeriesCarried(Struct, frozen=True):
    """The first event of a session that follows up an earlier one: what it carries over
    (the chosen core task with its versions, agreed statements, open conflicts and open
    actions); no votes, no tags, no names."""

    KIND: ClassVar[str] = "series_carried"
    follows: str  # the earlier session's code
    title: str
    held_on: str  # the earlier session's first moment, ISO UTC
    draft_id: str | None
    versions: list[CarriedVersion]  # the chosen core task's wording, oldest first
    chosen_at: str | None
    statements: list[CarriedStatement]
    conflicts: list[CarriedConflict]
    actions: list[CarriedAction]


class ParentTaskChanged(Struct, frozen=True):
    """The session on the level above chose (or dropped) a core task: this one's task
    above follows it."""

    KIND: ClassVar[str] = "parent_task_changed"
    task: str | None


class RatingOpened(Struct, frozen=True):
    KIND: ClassVar[str] = "rating_opened"
    rating_id: str
    kind: p.RatingKind
    draft_ids: list[str]
    blind: bool


class RatingAnswered(Struct, frozen=True):
    KIND: ClassVar[str] = "rating_answered"
    rating_id: str
    draft_id: str
    question: str
    answer: str | None


class RatingClosed(Struct, frozen=True):
    KIND: ClassVar[str] = "rating_closed"
    rating_id: str


class CoachWordsAdded(Struct, frozen=True):
    KIND: ClassVar[str] = "coach_words_added"
    kind: p.CoachList
    words: list[str]


class InstructionSet(Struct, frozen=True):
    """Addition to v1: the facilitator's own instruction for a phase ("" = the default)."""

    KIND: ClassVar[str] = "instruction_set"
    phase: p.Phase
    text: str


class MinutesTablesSet(Struct, frozen=True):
    """Addition to v1: whether the minutes carry the tables per profession, as the
    facilitator decided."""

    KIND: ClassVar[str] = "minutes_tables_set"
    include: bool


EventData = (
    ParticipantJoined
    | DraftProposed
    | DraftRevised
    | DraftWithdrawn
    | VoteCast
    | VoteRetracted
    | StatementAdded
    | StatementTagged
    | ConflictRecorded
    | ConflictUpdated
    | PhaseChanged
    | TimerStarted
    | TimerStopped
    | RoundOpened
    | RoundClosed
    | DraftFinalized
    | StatementClassified
    | SplitRevealed
    | ItemRemoved
    | AdmissionChanged
    | ParticipantRemoved
    | ParticipantMuted
    | WritingsRemoved
    | ActionAdded
    | ActionUpdated
    | DilemmaRecorded
    | DilemmaEdited
    | ConflictFollowed
    | SummarySet
    | Endorsed
    | SessionReopened
    | SeriesCarried
    | ParentTaskChanged
    | RatingOpened
    | RatingAnswered
    | RatingClosed
    | CoachWordsAdded
    | InstructionSet
    | MinutesTablesSet
    | RoundSplitRevealed
    | TaggingSet
    | StatementTaggedBlind
    | SessionClosed
)

KIND_TYPES: Final[dict[str, type[EventData]]] = {cls.KIND: cls for cls in get_args(EventData)}


@dataclass(frozen=True)
class Event:
    """A fact about the session. `actor` is always the real participant; views decide
    what others may see of it."""

    actor: str | None
    data: EventData
    at: str

    @property
    def kind(self) -> str:
        """The kind's name, as the store's `kind` column and the wire's `kind` say it."""
        return self.data.KIND


_encoder = msgspec.json.Encoder()
_decoders: Final = {kind: msgspec.json.Decoder(cls) for kind, cls in KIND_TYPES.items()}


def encode_data(data: EventData) -> str:
    """The text of the store's `data` column."""
    return _encoder.encode(data).decode()


def decode_data(kind: str, text: str) -> EventData:
    """A stored `data` column read back as its kind's struct."""
    decoder = _decoders.get(kind)
    if decoder is None:
        raise ValueError(f"unknown event kind {kind!r}")
    data: EventData = decoder.decode(text)
    return data
