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


class RoundOpened(Struct, frozen=True):
    KIND: ClassVar[str] = "round_opened"
    round_id: str
    dots: int
    blind: bool


class RoundClosed(Struct, frozen=True):
    KIND: ClassVar[str] = "round_closed"
    round_id: str


class DraftFinalized(Struct, frozen=True):
    KIND: ClassVar[str] = "draft_finalized"
    draft_id: str
    previous: str | None  # the draft that stopped being final


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


class InstructionSet(Struct, frozen=True):
    """Addition to v1: the facilitator's own instruction for a phase ("" = the default)."""

    KIND: ClassVar[str] = "instruction_set"
    phase: p.Phase
    text: str


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
    | InstructionSet
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
