"""What everyone receives of each kind of event: the typed `data` of a wire event.

One struct per kind: `views.public_data` fills them (deciding what may be seen) and the
client's `fold` and the export read them back, so the producer and the readers cannot
disagree about a shape. Fields are declared in the order the wire has always sent them,
and keys that v1 sends as `null` stay declared (msgspec sends `None` fields), so the
bytes are those of the dicts they replace. Fields that are additions to v1 have defaults:
a frame without them still decodes.

The bases say what an event carries (a draft, a statement, ...): the export blanks what
was removed by what a frame carries, so a new kind that carries a statement is blanked
by inheriting `CarriesStatement`, and one that inherits nothing is a type error there.
"""

from __future__ import annotations

from typing import Any, ClassVar, Final, get_args

import msgspec
from msgspec import Struct

from server import protocol as p

# --- what a frame may carry ---------------------------------------------------------


class CarriesParticipant(Struct, frozen=True):
    participant: p.ParticipantView


class CarriesDraft(Struct, frozen=True):
    draft: p.DraftView


class CarriesDraftInRound(CarriesDraft, frozen=True):
    # Addition to v1: the open round after the change (released dots gone), or null.
    round: p.RoundView | None = None


class CarriesRound(Struct, frozen=True):
    round: p.RoundView


class CarriesStatement(Struct, frozen=True):
    statement: p.StatementView


class CarriesConflict(Struct, frozen=True):
    conflict: p.ConflictView


# --- one struct per kind ------------------------------------------------------------


class ParticipantJoinedView(CarriesParticipant, frozen=True):
    KIND: ClassVar[str] = "participant_joined"


class DraftProposedView(CarriesDraft, frozen=True):
    KIND: ClassVar[str] = "draft_proposed"


class DraftRevisedView(CarriesDraftInRound, frozen=True):
    KIND: ClassVar[str] = "draft_revised"


class DraftWithdrawnView(CarriesDraftInRound, frozen=True):
    KIND: ClassVar[str] = "draft_withdrawn"


class DraftFinalizedView(CarriesDraft, frozen=True):
    KIND: ClassVar[str] = "draft_finalized"
    previous: p.DraftView | None = None  # the draft that stopped being final


class VoteCastView(CarriesRound, frozen=True):
    KIND: ClassVar[str] = "vote_cast"


class VoteRetractedView(CarriesRound, frozen=True):
    KIND: ClassVar[str] = "vote_retracted"


class RoundOpenedView(CarriesRound, frozen=True):
    KIND: ClassVar[str] = "round_opened"


class RoundClosedView(CarriesRound, frozen=True):
    KIND: ClassVar[str] = "round_closed"


class StatementAddedView(CarriesStatement, frozen=True):
    KIND: ClassVar[str] = "statement_added"


class StatementTaggedView(CarriesStatement, frozen=True):
    KIND: ClassVar[str] = "statement_tagged"


class StatementClassifiedView(CarriesStatement, frozen=True):
    KIND: ClassVar[str] = "statement_classified"


class SplitRevealedView(CarriesStatement, frozen=True):
    KIND: ClassVar[str] = "split_revealed"


class ConflictRecordedView(CarriesConflict, frozen=True):
    KIND: ClassVar[str] = "conflict_recorded"


class ConflictUpdatedView(CarriesConflict, frozen=True):
    KIND: ClassVar[str] = "conflict_updated"


class PhaseChangedView(Struct, frozen=True):
    KIND: ClassVar[str] = "phase_changed"
    phase: p.Phase
    previous: p.Phase


class TimerStartedView(Struct, frozen=True):
    KIND: ClassVar[str] = "timer_started"
    timer: p.TimerView


class TimerStoppedView(Struct, frozen=True):
    KIND: ClassVar[str] = "timer_stopped"


class ItemRemovedView(Struct, frozen=True):
    KIND: ClassVar[str] = "item_removed"
    kind: p.ItemKind
    id: str
    reason: str
    # Addition to v1: for a draft, the open round after its dots were released.
    round: p.RoundView | None = None


class SessionClosedView(Struct, frozen=True):
    KIND: ClassVar[str] = "session_closed"


class InstructionSetView(Struct, frozen=True):
    """Addition to v1: every screen shows this instruction for the phase from now on."""

    KIND: ClassVar[str] = "instruction_set"
    phase: p.Phase
    text: str


PublicData = (
    ParticipantJoinedView
    | DraftProposedView
    | DraftRevisedView
    | DraftWithdrawnView
    | DraftFinalizedView
    | VoteCastView
    | VoteRetractedView
    | RoundOpenedView
    | RoundClosedView
    | StatementAddedView
    | StatementTaggedView
    | StatementClassifiedView
    | SplitRevealedView
    | ConflictRecordedView
    | ConflictUpdatedView
    | PhaseChangedView
    | TimerStartedView
    | TimerStoppedView
    | ItemRemovedView
    | InstructionSetView
    | SessionClosedView
)

PUBLIC_TYPES: Final[dict[str, type[PublicData]]] = {cls.KIND: cls for cls in get_args(PublicData)}


def as_wire(data: PublicData) -> dict[str, Any]:
    """The `data` object of a wire event (the items inside stay structs to encode)."""
    return msgspec.structs.asdict(data)


def from_wire(kind: str, data: dict[str, Any]) -> PublicData | None:
    """A received event's `data` as its kind's struct, or None for a kind this version
    does not know: an older client skips what a newer server adds, it does not crash."""
    cls = PUBLIC_TYPES.get(kind)
    if cls is None:
        return None
    public: PublicData = msgspec.convert(data, cls)
    return public
