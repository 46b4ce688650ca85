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


class CarriesAction(Struct, frozen=True):
    action: p.ActionView


class CarriesRating(Struct, frozen=True):
    rating: p.RatingView


# --- one struct per kind ------------------------------------------------------------


class ParticipantJoinedView(CarriesParticipant, frozen=True):
    KIND: ClassVar[str] = "participant_joined"


class DraftProposedView(CarriesDraft, frozen=True):
    KIND: ClassVar[str] = "draft_proposed"


class DraftRevisedView(CarriesDraftInRound, frozen=True):
    KIND: ClassVar[str] = "draft_revised"


class DraftWithdrawnView(CarriesDraftInRound, frozen=True):
    KIND: ClassVar[str] = "draft_withdrawn"


class DraftFinalizedView(CarriesDraft, frozen=True, omit_defaults=True):
    KIND: ClassVar[str] = "draft_finalized"
    previous: p.DraftView | None  # the draft that stopped being final (v1: always sent)
    reason: str | None = None  # addition to v1: why it was chosen, when it was said


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


# --- admission and moderation (additions to v1) ------------------------------------


class AdmissionChangedView(Struct, frozen=True):
    KIND: ClassVar[str] = "admission_changed"
    admit: bool


class ParticipantRemovedView(Struct, frozen=True):
    """Carries no text: the statements' new tallies and the open round without them."""

    KIND: ClassVar[str] = "participant_removed"
    participant_id: str
    reason: str
    tallies: dict[str, dict[str, int]]
    round: p.RoundView | None = None


class ParticipantMutedView(Struct, frozen=True):
    KIND: ClassVar[str] = "participant_muted"
    participant_id: str
    muted: bool


class CarriesConflicts(Struct, frozen=True):
    conflicts_noted: list[p.ConflictView]


class WritingsRemovedView(CarriesConflicts, frozen=True):
    """The ids removed (folded as `item_removed` each), the conflicts whose notes lost
    theirs, and the open round after the removed drafts' dots were given back."""

    KIND: ClassVar[str] = "writings_removed"
    participant_id: str
    reason: str
    drafts: list[str]
    statements: list[str]
    conflicts: list[str]
    round: p.RoundView | None = None


# --- additions: decisions, dilemmas that can be followed, follow-up after the close ----


class ActionAddedView(CarriesAction, frozen=True):
    KIND: ClassVar[str] = "action_added"


class ActionUpdatedView(CarriesAction, frozen=True):
    KIND: ClassVar[str] = "action_updated"


class DilemmaRecordedView(CarriesConflict, frozen=True):
    KIND: ClassVar[str] = "dilemma_recorded"


class DilemmaEditedView(CarriesConflict, frozen=True):
    KIND: ClassVar[str] = "dilemma_edited"


class ConflictFollowedView(CarriesConflict, frozen=True):
    KIND: ClassVar[str] = "conflict_followed"


class FollowChangedView(Struct, frozen=True):
    """What is kept for after the meeting, whole, after one change to it."""

    follow: p.FollowView


class SummarySetView(FollowChangedView, frozen=True):
    KIND: ClassVar[str] = "summary_set"


class EndorsedView(FollowChangedView, frozen=True):
    KIND: ClassVar[str] = "endorsed"


class SessionReopenedView(FollowChangedView, frozen=True):
    KIND: ClassVar[str] = "session_reopened"


class SeriesCarriedView(Struct, frozen=True):
    """Everything the earlier session handed over, as the new one's first event."""

    KIND: ClassVar[str] = "series_carried"
    follow: p.FollowView
    drafts: list[p.DraftView]
    statements: list[p.StatementView]
    conflicts: list[p.ConflictView]
    actions: list[p.ActionView]


class ParentTaskChangedView(Struct, frozen=True):
    KIND: ClassVar[str] = "parent_task_changed"
    parent_task: str | None


class RatingOpenedView(CarriesRating, frozen=True):
    KIND: ClassVar[str] = "rating_opened"


class RatingAnsweredView(CarriesRating, frozen=True):
    KIND: ClassVar[str] = "rating_answered"


class RatingClosedView(CarriesRating, frozen=True):
    KIND: ClassVar[str] = "rating_closed"


class CoachWordsAddedView(Struct, frozen=True):
    KIND: ClassVar[str] = "coach_words_added"
    kind: p.CoachList
    words: list[str]  # the words new to the list (casefolded), in order


class InstructionSetView(Struct, frozen=True):
    """Addition to v1: every screen shows this instruction for the phase from now on."""

    KIND: ClassVar[str] = "instruction_set"
    phase: p.Phase
    text: str


class MinutesTablesSetView(Struct, frozen=True):
    """Addition to v1: the minutes carry the tables per profession (or not) from now on."""

    KIND: ClassVar[str] = "minutes_tables_set"
    include: bool


class RoundSplitRevealedView(CarriesRound, frozen=True):
    """Addition to v1: the round with its held `by_profession` now shown."""

    KIND: ClassVar[str] = "round_split_revealed"


class TaggingSetView(Struct, frozen=True):
    """Addition to v1: tagging blind or open again. On the way back (`blind` false),
    `tallies` holds every statement's tally as it now is; going blind changes none."""

    KIND: ClassVar[str] = "tagging_set"
    blind: bool
    tallies: dict[str, dict[str, int]]


class StatementTaggedBlindView(Struct, frozen=True):
    """Addition to v1: someone tagged (or changed or cleared a tag) while tagging is
    blind. Nothing else: not which statement, not which tag."""

    KIND: ClassVar[str] = "statement_tagged_blind"


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
    | AdmissionChangedView
    | ParticipantRemovedView
    | ParticipantMutedView
    | WritingsRemovedView
    | ActionAddedView
    | ActionUpdatedView
    | DilemmaRecordedView
    | DilemmaEditedView
    | ConflictFollowedView
    | SummarySetView
    | EndorsedView
    | SessionReopenedView
    | SeriesCarriedView
    | ParentTaskChangedView
    | RatingOpenedView
    | RatingAnsweredView
    | RatingClosedView
    | CoachWordsAddedView
    | InstructionSetView
    | MinutesTablesSetView
    | RoundSplitRevealedView
    | TaggingSetView
    | StatementTaggedBlindView
    | SessionClosedView
)

PUBLIC_TYPES: Final[dict[str, type[PublicData]]] = {cls.KIND: cls for cls in get_args(PublicData)}


def as_wire(data: PublicData) -> dict[str, Any]:
    """The `data` object of a wire event (the items inside stay structs to encode).

    A kind declared with `omit_defaults` leaves out its additions to v1 while they hold
    their default, as msgspec would: a v1 session's frames stay byte for byte the same."""
    wire = msgspec.structs.asdict(data)
    if data.__struct_config__.omit_defaults:
        for spec in msgspec.structs.fields(data):
            if spec.default is not msgspec.NODEFAULT and wire[spec.name] == spec.default:
                del wire[spec.name]
    return wire


def from_wire(kind: str, data: dict[str, Any]) -> PublicData | None:
    """A received event's `data` as its kind's struct, or None for a kind this version
    does not know: an older client skips what a newer server adds, it does not crash."""
    cls = PUBLIC_TYPES.get(kind)
    if cls is None:
        return None
    public: PublicData = msgspec.convert(data, cls)
    return public
