"""Wire protocol v1: the messages, their limits and the text hygiene, all pure.

Everything a third-party client needs to speak to the server is declared here as
msgspec structs, so decoding and validation are one step and the error that comes back
names the field that was wrong. Nothing here does I/O or reads the clock.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Final, Literal, TypeVar, get_args

import msgspec
from msgspec import Meta, Struct

PROTOCOL_VERSION: Final = 1
MAX_MESSAGE_BYTES: Final = 64 * 1024

# Limits in characters, counted after hygiene.
LIMITS: Final[dict[str, int]] = {
    "name": 60,
    "profession": 60,
    "draft": 500,
    "statement": 500,
    "title": 120,
    "description": 2000,
    "note": 2000,
    "label": 60,
    "reason": 500,
    # Additions with decisions, dilemmas and the minutes a manager signs:
    "action": 500,
    "owner": 120,
    "side": 500,
    "summary": 2000,
    "endorser": 120,
    "instruction": 500,
}

ErrorCode = Literal[
    "hello_required",
    "invalid",
    "unknown_type",
    "too_long",
    "not_found",
    "forbidden",
    "invalid_state",
    "no_open_round",
    "vote_limit",
    "rate_limited",
    "session_closed",
    "unknown_session",
    "bad_facilitator_key",
    "bad_resume_token",
    "unsupported_protocol",
    # Additions to v1 (admission and moderation, docs/protocol.md section 15):
    "muted",
    "removed",
    "not_admitted",
]

Role = Literal["participant", "observer", "facilitator"]
Tag = Literal["output", "effect"]
Phase = Literal["checkin", "statements", "drafts", "voting", "conflicts", "wrapup"]
PHASES: Final[tuple[Phase, ...]] = get_args(Phase)
ConflictStatus = Literal["open", "discussed", "parked", "resolved"]
CONFLICT_STATUSES: Final[tuple[ConflictStatus, ...]] = get_args(ConflictStatus)
ItemKind = Literal["draft", "statement", "conflict"]
Level = Literal["unit", "institution", "centre", "municipality"]
# Additions to v1: decisions and next steps, dilemmas that can be followed, follow-up.
Forum = Literal["staff_meeting", "med_committee", "management_group", "level_above", "other"]
FORUMS: Final[tuple[Forum, ...]] = get_args(Forum)
ActionKind = Literal["decision", "action"]
ActionStatus = Literal["open", "doing", "done", "dropped"]
ACTION_STATUSES: Final[tuple[ActionStatus, ...]] = get_args(ActionStatus)
ConflictKind = Literal[
    "professions",
    "management_staff",
    "citizens_staff",
    "individual_community",
    "resources",
    "other",
]
CONFLICT_KINDS: Final[tuple[ConflictKind, ...]] = get_args(ConflictKind)
SummaryField = Literal["everyday", "contribution"]
IsoDate = Annotated[str, Meta(pattern=r"^\d{4}-\d{2}-\d{2}$")]
# Addition to v1: the kind of workplace a session is for (its examples on screen).
Sector = Literal["care", "school", "daycare", "jobcentre", "library", "technical"]
SECTORS: Final[tuple[Sector, ...]] = get_args(Sector)

CommandId = Annotated[str, Meta(min_length=1, max_length=64)]
# A client's secret for one join (addition to v1): 128 random bits or more, URL-safe.
JoinId = Annotated[str, Meta(min_length=22, max_length=64, pattern="^[A-Za-z0-9_-]+$")]


class ProtocolError(Exception):
    """A message that cannot be accepted; `code` is one of the protocol's error codes."""

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        retry_after: float | None = None,
        command_id: str | None = None,
        port: int | None = None,
    ) -> None:
        super().__init__(message)
        self.code: ErrorCode = code
        self.message = message
        self.retry_after = retry_after
        self.command_id = command_id  # the frame's usable `id`, to echo, when it had one
        self.port = port  # `unknown_session` from one shard: the port of the one with it


# --- text hygiene ------------------------------------------------------------------

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# The soft hyphen (U+00AD) is drawn with no width by some terminals and one by others, so
# it can shift a table's border: it goes with the controls.
_CONTROLS_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u00ad{_BIDI}]")
_CONTROLS_TEXT = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad{_BIDI}]")
# Drawn as nothing although Unicode files them as letters or symbols (fillers, the
# blank braille pattern) or as marks (the grapheme joiner, variation selectors).
_BLANK = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0100-\U000e01ef]"
)


def _invisible(ch: str) -> bool:
    """White space, a format character (zero width space, word joiner, BOM, ...) or one
    of the blanks above: nothing a reader can see."""
    return ch.isspace() or unicodedata.category(ch) in ("Cf", "Zs") or bool(_BLANK.match(ch))


def _seen(text: str) -> str:
    """Text made only of invisible characters is empty: a name nobody can see is none.
    Invisible characters between visible ones stay (see docs/protocol.md section 2)."""
    return text if not all(_invisible(ch) for ch in text) else ""


def clean_line(text: str) -> str:
    """Hygiene for single-line fields: tabs to spaces, controls and newlines gone, NFC."""
    text = _CONTROLS_LINE.sub("", text.replace("\t", " "))
    return _seen(unicodedata.normalize("NFC", text).strip())


def clean_text(text: str) -> str:
    """Hygiene for long texts: as `clean_line`, but `\\n` survives (CR does not)."""
    text = _CONTROLS_TEXT.sub("", text.replace("\t", " "))
    return _seen(unicodedata.normalize("NFC", text).strip())


def checked(text: str, field: str, limit: str, *, multiline: bool, required: bool) -> str:
    """Clean a text field and enforce its limit; the result is what gets stored."""
    cleaned = clean_text(text) if multiline else clean_line(text)
    if len(cleaned) > LIMITS[limit]:
        raise ProtocolError("too_long", f"{field} is longer than {LIMITS[limit]} characters")
    if required and not cleaned:
        raise ProtocolError("invalid", f"{field} is empty")
    return cleaned


# --- join codes --------------------------------------------------------------------

CROCKFORD: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_STRIP = re.compile(r"[\s\-]")
SUGGESTION_ID = re.compile(r"split-(statement-s|round-r)[0-9a-z-]{1,40}")
MAX_CONFLICT_PROFESSIONS = 20
MAX_CONFLICT_REFS = 20


def normalize_code(typed: str) -> str | None:
    """A typed join code as the 8 canonical characters, or None if it cannot be one."""
    code = _CODE_STRIP.sub("", typed).upper()
    if len(code) != 8 or any(ch not in CROCKFORD for ch in code):
        return None
    return code


def format_code(code: str) -> str:
    """`K7QXM2PA` as people read it: `K7QX-M2PA`."""
    return f"{code[:4]}-{code[4:]}"


# --- client -> server --------------------------------------------------------------


class Hello(Struct, frozen=True, tag="hello", tag_field="type"):
    id: CommandId
    protocol: int
    code: str
    name: str | None = None
    profession: str | None = None
    role: Role = "participant"
    votes: bool = True
    facilitator_key: str | None = None
    resume_token: str | None = None
    last_seq: int = 0
    # Addition to v1: the same hello sent again with the same join id (its welcome was
    # lost) is answered with the same participant instead of a second one.
    join_id: JoinId | None = None


class DismissSuggestion(Struct, frozen=True, tag="dismiss_suggestion", tag_field="type"):
    """Addition to v1: the facilitator sets a lens suggestion aside (remembered, and
    never told to anyone else)."""

    id: CommandId
    suggestion_id: Annotated[str, Meta(max_length=64)]


class Lookup(Struct, frozen=True, tag="lookup", tag_field="type"):
    """Addition to v1: before hello, ask what session a code opens (for a join screen)."""

    id: CommandId
    protocol: int
    code: str


ExportFormat = Literal["md", "html", "json", "csv", "xlsx"]  # xlsx: an addition to v1
EXPORT_FORMATS: Final[tuple[ExportFormat, ...]] = get_args(ExportFormat)


class Export(Struct, frozen=True, tag="export", tag_field="type"):
    """Addition to v1: a facilitator asks for the session's minutes or data as a file."""

    id: CommandId
    format: ExportFormat = "md"
    lang: Literal["da", "en"] = "da"


class Ref(Struct, frozen=True):
    kind: Literal["draft", "statement"]
    id: str


class ProposeDraft(Struct, frozen=True, tag="propose_draft", tag_field="type"):
    id: CommandId
    text: str


class ReviseDraft(Struct, frozen=True, tag="revise_draft", tag_field="type"):
    id: CommandId
    draft_id: str
    text: str


class WithdrawDraft(Struct, frozen=True, tag="withdraw_draft", tag_field="type"):
    id: CommandId
    draft_id: str


class CastVote(Struct, frozen=True, tag="cast_vote", tag_field="type"):
    id: CommandId
    draft_id: str


class RetractVote(Struct, frozen=True, tag="retract_vote", tag_field="type"):
    id: CommandId
    draft_id: str


class AddStatement(Struct, frozen=True, tag="add_statement", tag_field="type"):
    id: CommandId
    text: str


class TagStatement(Struct, frozen=True, tag="tag_statement", tag_field="type"):
    id: CommandId
    statement_id: str
    tag: Tag | None


class RecordConflict(Struct, frozen=True, tag="record_conflict", tag_field="type"):
    id: CommandId
    title: str
    professions: list[str]
    description: str = ""
    refs: list[Ref] = []
    # Addition to v1: the lens suggestion this conflict accepts (its evidence is in
    # `description`); the suggestion then stops being offered.
    suggestion: str | None = None


class RevealSplit(Struct, frozen=True, tag="reveal_split", tag_field="type"):
    """Addition to v1: the facilitator shows everyone how professions tagged a statement
    (figures fixed now, under the k-rule)."""

    id: CommandId
    statement_id: str


class UpdateConflict(Struct, frozen=True, tag="update_conflict", tag_field="type"):
    id: CommandId
    conflict_id: str
    status: ConflictStatus | None = None
    note: str | None = None


class SetPhase(Struct, frozen=True, tag="set_phase", tag_field="type"):
    id: CommandId
    phase: Phase


MAX_TIMER_SECONDS: Final = 2 * 60 * 60


class StartTimer(Struct, frozen=True, tag="start_timer", tag_field="type"):
    id: CommandId
    seconds: Annotated[int, Meta(ge=1, le=MAX_TIMER_SECONDS)]
    label: str | None = None


class StopTimer(Struct, frozen=True, tag="stop_timer", tag_field="type"):
    id: CommandId


MIN_DOTS: Final = 1
MAX_DOTS: Final = 10


class OpenRound(Struct, frozen=True, tag="open_round", tag_field="type"):
    id: CommandId
    dots: Annotated[int, Meta(ge=MIN_DOTS, le=MAX_DOTS)]
    blind: bool
    # Addition to v1: how many of one voter's dots may go on one draft (never more than
    # `dots`). A v1 client sends none and gets the v1 rule, one dot per draft.
    per_draft: Annotated[int, Meta(ge=MIN_DOTS, le=MAX_DOTS)] = 1
    # Addition to v1: the per-profession split is fixed at the close as always, but shown
    # to participants only when the facilitator reveals it (`reveal_round_split`), so a
    # group learns how it voted by profession when the room is ready to talk about it.
    hold_split: bool = False


class RevealRoundSplit(Struct, frozen=True, tag="reveal_round_split", tag_field="type"):
    """Addition to v1: show everyone a closed round's held per-profession split, the
    figure fixed at its close (never made again: see the k-rule)."""

    id: CommandId
    round_id: Annotated[str, Meta(max_length=64)]


class SetTagging(Struct, frozen=True, tag="set_tagging", tag_field="type"):
    """Addition to v1: make tagging blind (tallies stay as they were until revealed) or
    switch it back, which reveals the tallies of every tag given meanwhile."""

    id: CommandId
    blind: bool


class CloseRound(Struct, frozen=True, tag="close_round", tag_field="type"):
    id: CommandId


class FinalizeDraft(Struct, frozen=True, tag="finalize_draft", tag_field="type"):
    id: CommandId
    draft_id: str
    # Addition to v1: why this draft, said when it is not the best supported or was never
    # voted on; kept in the history and the minutes. A v1 client sends none.
    reason: str | None = None


class ClassifyStatement(Struct, frozen=True, tag="classify_statement", tag_field="type"):
    id: CommandId
    statement_id: str
    tag: Tag | None


class RemoveItem(Struct, frozen=True, tag="remove_item", tag_field="type"):
    id: CommandId
    kind: ItemKind
    item_id: str
    reason: str = ""


class CloseSession(Struct, frozen=True, tag="close_session", tag_field="type"):
    id: CommandId


# --- additions to v1: admission and moderation (docs/protocol.md section 15) ---------


class SetAdmission(Struct, frozen=True, tag="set_admission", tag_field="type"):
    """The facilitator switches the lobby on (newcomers wait to be admitted) or off."""

    id: CommandId
    admit: bool


class RemoveParticipant(Struct, frozen=True, tag="remove_participant", tag_field="type"):
    """The facilitator removes a participant: out of every figure, disconnected, and
    their token no longer opens the session."""

    id: CommandId
    participant_id: Annotated[str, Meta(max_length=64)]
    reason: str = ""


class MuteParticipant(Struct, frozen=True, tag="mute_participant", tag_field="type"):
    """The facilitator stops (or lets again) a participant writing text."""

    id: CommandId
    participant_id: Annotated[str, Meta(max_length=64)]
    muted: bool = True


class RemoveWritings(Struct, frozen=True, tag="remove_writings", tag_field="type"):
    """The facilitator removes everything one participant wrote, in one event: their
    drafts, statements, conflicts and notes."""

    id: CommandId
    participant_id: Annotated[str, Meta(max_length=64)]
    reason: str = ""


class Admit(Struct, frozen=True, tag="admit", tag_field="type"):
    """A request, not a command: seat someone waiting (`waiting_id`), or everyone
    waiting now when it is null."""

    id: CommandId
    waiting_id: Annotated[str, Meta(max_length=64)] | None = None


class Reject(Struct, frozen=True, tag="reject", tag_field="type"):
    """A request, not a command: turn someone waiting away."""

    id: CommandId
    waiting_id: Annotated[str, Meta(max_length=64)]


# --- additions to v1: decisions, dilemmas, follow-up -----------------------------------


class AddAction(Struct, frozen=True, tag="add_action", tag_field="type"):
    """A decision or a next step: what, who, by when, in which forum. The facilitator at
    any time; anyone during wrap-up."""

    id: CommandId
    what: str
    kind: ActionKind = "action"
    who: str = ""
    due: IsoDate | None = None
    forum: Forum | None = None


class UpdateAction(Struct, frozen=True, tag="update_action", tag_field="type"):
    """A new status, a note, or a changed owner, date or forum (None: left as it is)."""

    id: CommandId
    action_id: str
    status: ActionStatus | None = None
    note: str | None = None
    who: str | None = None
    due: IsoDate | None = None
    forum: Forum | None = None


class RecordDilemma(Struct, frozen=True, tag="record_dilemma", tag_field="type"):
    """A conflict or dilemma of any kind: professions are optional, and it may hold two
    sides ("on one hand / on the other")."""

    id: CommandId
    title: str
    kind: ConflictKind = "other"
    description: str = ""
    side_a: str = ""
    side_b: str = ""
    professions: list[str] = []


class EditDilemma(Struct, frozen=True, tag="edit_dilemma", tag_field="type"):
    """A conflict's title, text, kind, sides or professions changed (None: left as it is);
    the earlier wording is kept in the log and the minutes."""

    id: CommandId
    conflict_id: str
    title: str | None = None
    description: str | None = None
    kind: ConflictKind | None = None
    side_a: str | None = None
    side_b: str | None = None
    professions: list[str] | None = None


class FollowConflict(Struct, frozen=True, tag="follow_conflict", tag_field="type"):
    """Who follows a conflict up, where, by when, and whether it goes to the level above."""

    id: CommandId
    conflict_id: str
    owner: str | None = None
    forum: Forum | None = None
    due: IsoDate | None = None
    above: bool | None = None


class SetSummary(Struct, frozen=True, tag="set_summary", tag_field="type"):
    """The facilitator writes what the core task means in everyday work, or how this unit
    contributes to the level above ("" clears it)."""

    id: CommandId
    field: SummaryField
    text: str


class Endorse(Struct, frozen=True, tag="endorse", tag_field="type"):
    """Management's endorsement of the minutes: by whom, and on which day."""

    id: CommandId
    by: str
    on: IsoDate | None = None


class ReopenForFollowUp(Struct, frozen=True, tag="reopen_for_follow_up", tag_field="type"):
    """A closed session opened again for follow-up only: statuses and notes of conflicts
    and actions; everything decided, voted and tagged stays as it was."""

    id: CommandId


# --- rating rounds (addition to v1): acceptance and criteria ---------------------------

RatingKind = Literal["acceptance", "criteria"]
# The consent question on five steps (gradients of agreement): can we see our
# contribution in it, can we live with it? Only the last step cannot live with it.
Acceptance = Literal["full", "support", "reservations", "doubts", "cannot"]
ACCEPTANCE_SCALE: Final[tuple[Acceptance, ...]] = get_args(Acceptance)
ACCEPTANCE_QUESTION: Final = "live"
# The method's criteria for a good core task (DOMAIN.md), each judged yes/partly/no.
Criterion = Literal["value", "long_term", "shared", "connects", "short", "everyday"]
CRITERIA: Final[tuple[Criterion, ...]] = get_args(Criterion)
Judgement = Literal["yes", "partly", "no"]
JUDGEMENTS: Final[tuple[Judgement, ...]] = get_args(Judgement)
MAX_RATED_DRAFTS: Final = 10
RatingWord = Annotated[str, Meta(min_length=1, max_length=20)]


def rating_questions(kind: RatingKind) -> tuple[str, ...]:
    """What a rating round asks about each draft."""
    return (ACCEPTANCE_QUESTION,) if kind == "acceptance" else CRITERIA


def rating_answers(kind: RatingKind) -> tuple[str, ...]:
    """The answers a rating round's questions take, best first."""
    return ACCEPTANCE_SCALE if kind == "acceptance" else JUDGEMENTS


class OpenRating(Struct, frozen=True, tag="open_rating", tag_field="type"):
    """Addition to v1: the facilitator asks everyone who votes to rate some drafts,
    on acceptance or against the criteria; blind (answers hidden) unless said."""

    id: CommandId
    kind: RatingKind
    draft_ids: Annotated[list[str], Meta(min_length=1, max_length=MAX_RATED_DRAFTS)]
    blind: bool = True


class Rate(Struct, frozen=True, tag="rate", tag_field="type"):
    """Addition to v1: one answer in the open rating round (null takes it back)."""

    id: CommandId
    draft_id: str
    question: RatingWord
    answer: RatingWord | None


class CloseRating(Struct, frozen=True, tag="close_rating", tag_field="type"):
    """Addition to v1: close the rating round; its figures are fixed and shown."""

    id: CommandId


CoachList = Literal["output", "beneficiary"]
MAX_COACH_WORDS: Final = 20  # per command
MAX_SESSION_COACH_WORDS: Final = 200
CoachWord = Annotated[str, Meta(max_length=40)]


class AddCoachWords(Struct, frozen=True, tag="add_coach_words", tag_field="type"):
    """Addition to v1: the facilitator teaches the formulation coach this session's own
    words: output words ("udlån", "plejeplan") or whom the value is for ("dagplejebørn")."""

    id: CommandId
    kind: CoachList
    words: Annotated[list[CoachWord], Meta(min_length=1, max_length=MAX_COACH_WORDS)]


class SetInstruction(Struct, frozen=True, tag="set_instruction", tag_field="type"):
    """Addition to v1: the facilitator rewrites the short instruction every screen shows
    for a phase; an empty text gives the phase its default back."""

    id: CommandId
    phase: Phase
    text: str = ""


class SetMinutesTables(Struct, frozen=True, tag="set_minutes_tables", tag_field="type"):
    """Addition to v1: the facilitator decides whether the minutes carry the tables per
    profession (a small group's figures can shame it in a paper sent upward). Until set,
    an anonymous session leaves them out and a named one puts them in."""

    id: CommandId
    include: bool


Command = (
    ProposeDraft
    | ReviseDraft
    | WithdrawDraft
    | CastVote
    | RetractVote
    | AddStatement
    | TagStatement
    | RecordConflict
    | UpdateConflict
    | SetPhase
    | StartTimer
    | StopTimer
    | OpenRound
    | CloseRound
    | FinalizeDraft
    | ClassifyStatement
    | RemoveItem
    | CloseSession
    | RevealSplit
    | SetAdmission
    | RemoveParticipant
    | MuteParticipant
    | RemoveWritings
    | AddAction
    | UpdateAction
    | RecordDilemma
    | EditDilemma
    | FollowConflict
    | SetSummary
    | Endorse
    | ReopenForFollowUp
    | OpenRating
    | Rate
    | CloseRating
    | AddCoachWords
    | SetInstruction
    | SetMinutesTables
    | RevealRoundSplit
    | SetTagging
)

COMMAND_TYPES: Final[dict[str, type[Any]]] = {
    str(cls.__struct_config__.tag): cls
    for cls in (
        ProposeDraft,
        ReviseDraft,
        WithdrawDraft,
        CastVote,
        RetractVote,
        AddStatement,
        TagStatement,
        RecordConflict,
        UpdateConflict,
        SetPhase,
        StartTimer,
        StopTimer,
        OpenRound,
        CloseRound,
        FinalizeDraft,
        ClassifyStatement,
        RemoveItem,
        CloseSession,
        RevealSplit,
        SetAdmission,
        RemoveParticipant,
        MuteParticipant,
        RemoveWritings,
        AddAction,
        UpdateAction,
        RecordDilemma,
        EditDilemma,
        FollowConflict,
        SetSummary,
        Endorse,
        ReopenForFollowUp,
        OpenRating,
        Rate,
        CloseRating,
        AddCoachWords,
        SetInstruction,
        SetMinutesTables,
        RevealRoundSplit,
        SetTagging,
    )
}

FACILITATOR_ONLY: Final[frozenset[str]] = frozenset(
    {
        "set_phase",
        "start_timer",
        "stop_timer",
        "open_round",
        "close_round",
        "finalize_draft",
        "classify_statement",
        "remove_item",
        "close_session",
        "reveal_split",
        "set_admission",
        "remove_participant",
        "mute_participant",
        "remove_writings",
        "set_summary",
        "endorse",
        "reopen_for_follow_up",
        "open_rating",
        "close_rating",
        "add_coach_words",
        "set_instruction",
        "set_minutes_tables",
        "reveal_round_split",
        "set_tagging",
    }
)
# What a session reopened for follow-up accepts: statuses, notes and owners of conflicts
# and actions, and management's endorsement of the minutes (which comes after the
# meeting, when a manager has read them). Nothing that was decided, voted or tagged
# changes after the close.
FOLLOW_UP_COMMANDS: Final[frozenset[str]] = frozenset(
    {"update_conflict", "follow_conflict", "update_action", "endorse"}
)


def peek_id(raw: Any) -> str | None:
    """The `id` of a decoded frame, if it has a usable one: errors echo it back."""
    if isinstance(raw, dict):
        value = raw.get("id")
        if isinstance(value, str) and 1 <= len(value) <= 64:
            return value
    return None


def parse_frame(frame: str | bytes) -> dict[str, Any]:
    """A text frame as a JSON object with a string `type`, or `invalid`."""
    if isinstance(frame, bytes):
        raise ProtocolError("invalid", "binary frames are not accepted; send UTF-8 JSON text")
    try:
        raw = msgspec.json.decode(frame)
    except msgspec.DecodeError as exc:
        raise ProtocolError("invalid", f"not JSON: {exc}") from None
    except RecursionError:
        # A few kilobytes of "[[[[..." nest deeper than any message of ours.
        raise ProtocolError("invalid", "JSON nested too deeply") from None
    if not isinstance(raw, dict):
        raise ProtocolError("invalid", "a message must be a JSON object")
    if not isinstance(raw.get("type"), str):
        raise ProtocolError(
            "invalid", "a message needs a string field `type`", command_id=peek_id(raw)
        )
    return raw


def _convert(raw: dict[str, Any], cls: type[Any]) -> Any:
    try:
        return msgspec.convert(raw, cls)
    except msgspec.ValidationError as exc:
        raise ProtocolError("invalid", str(exc)) from None


_IGNORED_ON_RESUME = ("name", "profession", "role", "votes", "facilitator_key", "join_id")


def decode_hello(raw: dict[str, Any]) -> Hello:
    """A validated, cleaned `hello` (its text fields went through hygiene).

    A resume keeps the participant as it was, so the fields it ignores are not judged.
    """
    if isinstance(raw.get("resume_token"), str) and raw["resume_token"]:
        raw = {k: v for k, v in raw.items() if k not in _IGNORED_ON_RESUME}
    hello: Hello = _convert(raw, Hello)
    name = profession = None
    if hello.name is not None:
        name = checked(hello.name, "name", "name", multiline=False, required=False) or None
    if hello.profession is not None:
        profession = (
            checked(hello.profession, "profession", "profession", multiline=False, required=False)
            or None
        )
    return msgspec.structs.replace(hello, name=name, profession=profession)


RequestT = TypeVar("RequestT", Lookup, Export, DismissSuggestion, Admit, Reject)


def decode_request(raw: dict[str, Any], cls: type[RequestT]) -> RequestT:
    """A validated request that is not a command (lookup, export, dismissal)."""
    request: RequestT = _convert(raw, cls)
    return request


def decode_command(raw: dict[str, Any]) -> Command:
    """A validated command with every text field cleaned and within its limit."""
    kind = raw["type"]
    cls = COMMAND_TYPES.get(kind)
    if cls is None:
        if kind in ("hello", "lookup"):
            raise ProtocolError("invalid_state", "this connection has already said hello")
        raise ProtocolError("unknown_type", f"unknown message type {kind!r}")
    if peek_id(raw) is None:
        raise ProtocolError("invalid", "a command needs an `id`: a string of 1 to 64 characters")
    cmd: Command = _convert(raw, cls)
    return _clean(cmd)


def _clean(cmd: Command) -> Command:
    replace = msgspec.structs.replace
    match cmd:
        case ProposeDraft(text=text) | ReviseDraft(text=text):
            return replace(cmd, text=checked(text, "text", "draft", multiline=True, required=True))
        case AddStatement(text=text):
            return replace(
                cmd, text=checked(text, "text", "statement", multiline=True, required=True)
            )
        case RecordConflict():
            if not cmd.professions:
                raise ProtocolError("invalid", "a conflict names at least one profession")
            if len(cmd.professions) > MAX_CONFLICT_PROFESSIONS:
                raise ProtocolError("too_long", "a conflict names at most 20 professions")
            if len(cmd.refs) > MAX_CONFLICT_REFS:
                raise ProtocolError("too_long", "a conflict refers to at most 20 items")
            if cmd.suggestion is not None and not SUGGESTION_ID.fullmatch(cmd.suggestion):
                raise ProtocolError("invalid", "suggestion is not a lens suggestion id")
            professions = [
                checked(p, "professions", "profession", multiline=False, required=True)
                for p in cmd.professions
            ]
            return replace(
                cmd,
                title=checked(cmd.title, "title", "title", multiline=False, required=True),
                description=checked(
                    cmd.description, "description", "description", multiline=True, required=False
                ),
                professions=professions,
            )
        case UpdateConflict(note=note):
            if cmd.status is None and note is None:
                raise ProtocolError("invalid", "update_conflict needs a `status` or a `note`")
            if note is not None:
                note = checked(note, "note", "note", multiline=True, required=True)
            return replace(cmd, note=note)
        case StartTimer(label=label):
            if label is not None:
                label = checked(label, "label", "label", multiline=False, required=False) or None
            return replace(cmd, label=label)
        case AddCoachWords(words=words):
            cleaned = [clean_line(w).casefold() for w in words]
            kept = list(dict.fromkeys(w for w in cleaned if w))
            if not kept:
                raise ProtocolError("invalid", "words holds no word")
            return replace(cmd, words=kept)
        case FinalizeDraft(reason=reason) if reason is not None:
            reason = checked(reason, "reason", "reason", multiline=False, required=False) or None
            return replace(cmd, reason=reason)
        case RemoveItem(reason=reason) | RemoveParticipant(reason=reason):
            return replace(
                cmd, reason=checked(reason, "reason", "reason", multiline=True, required=False)
            )
        case RemoveWritings(reason=reason):
            return replace(
                cmd, reason=checked(reason, "reason", "reason", multiline=True, required=False)
            )
        case (
            AddAction()
            | UpdateAction()
            | RecordDilemma()
            | EditDilemma()
            | FollowConflict()
            | SetSummary()
            | Endorse()
        ):
            return _clean_follow(cmd)
        case SetInstruction(text=text):
            return replace(
                cmd, text=checked(text, "text", "instruction", multiline=False, required=False)
            )
        case _:
            return cmd


FollowFields = (
    AddAction | UpdateAction | RecordDilemma | EditDilemma | FollowConflict | SetSummary | Endorse
)


def _optional(text: str | None, field: str, limit: str, *, multiline: bool) -> str | None:
    if text is None:
        return None
    return checked(text, field, limit, multiline=multiline, required=False)


def _professions(names: list[str]) -> list[str]:
    if len(names) > MAX_CONFLICT_PROFESSIONS:
        raise ProtocolError("too_long", "a conflict names at most 20 professions")
    return [checked(x, "professions", "profession", multiline=False, required=True) for x in names]


def _clean_follow(cmd: FollowFields) -> Command:
    """Hygiene for the follow-up commands: every text cleaned and within its limit."""
    replace = msgspec.structs.replace
    if isinstance(cmd, AddAction):
        what = checked(cmd.what, "what", "action", multiline=True, required=True)
        return replace(
            cmd, what=what, who=checked(cmd.who, "who", "owner", multiline=False, required=False)
        )
    if isinstance(cmd, UpdateAction):
        if all(x is None for x in (cmd.status, cmd.note, cmd.who, cmd.due, cmd.forum)):
            raise ProtocolError("invalid", "update_action needs something to change")
        note = (
            None
            if cmd.note is None
            else checked(cmd.note, "note", "note", multiline=True, required=True)
        )
        return replace(cmd, note=note, who=_optional(cmd.who, "who", "owner", multiline=False))
    if isinstance(cmd, RecordDilemma):
        return replace(
            cmd,
            title=checked(cmd.title, "title", "title", multiline=False, required=True),
            description=checked(
                cmd.description, "description", "description", multiline=True, required=False
            ),
            side_a=checked(cmd.side_a, "side_a", "side", multiline=True, required=False),
            side_b=checked(cmd.side_b, "side_b", "side", multiline=True, required=False),
            professions=_professions(cmd.professions),
        )
    if isinstance(cmd, EditDilemma):
        title = (
            None
            if cmd.title is None
            else checked(cmd.title, "title", "title", multiline=False, required=True)
        )
        return replace(
            cmd,
            title=title,
            description=_optional(cmd.description, "description", "description", multiline=True),
            side_a=_optional(cmd.side_a, "side_a", "side", multiline=True),
            side_b=_optional(cmd.side_b, "side_b", "side", multiline=True),
            professions=None if cmd.professions is None else _professions(cmd.professions),
        )
    if isinstance(cmd, FollowConflict):
        if all(x is None for x in (cmd.owner, cmd.forum, cmd.due, cmd.above)):
            raise ProtocolError("invalid", "follow_conflict needs something to set")
        return replace(cmd, owner=_optional(cmd.owner, "owner", "owner", multiline=False))
    if isinstance(cmd, SetSummary):
        return replace(
            cmd, text=checked(cmd.text, "text", "summary", multiline=True, required=False)
        )
    return replace(cmd, by=checked(cmd.by, "by", "endorser", multiline=False, required=True))


# --- server -> client: what a viewer sees ------------------------------------------


class Settings(Struct):
    anonymous: bool = True
    k_anonymity: int = 3
    # Addition to v1, sent only once the facilitator decided (`set_minutes_tables`):
    # whether the minutes carry the tables per profession. Absent: off in an anonymous
    # session, on in a named one.
    minutes_tables: bool | msgspec.UnsetType = msgspec.UNSET


class SessionView(Struct, omit_defaults=True):
    code: str
    title: str
    level: str
    parent_task: str | None
    professions: list[str]
    phase: Phase
    settings: Settings
    closed: bool
    # Addition to v1 (sent only when true): newcomers wait to be admitted.
    admit: bool = False
    # Addition to v1: the facilitator's own instruction per phase (a phase not named
    # shows the client's default for it).
    instructions: dict[str, str] = {}
    # Addition to v1: one of SECTORS, or null (general examples); a newer server may send
    # a sector this client does not know, which it shows as null.
    sector: str | None = None
    # Addition to v1 (sent only when true): tagging is blind; every statement's `tally`
    # is the figure as of the moment it went blind (a new one's: zero) until revealed.
    blind_tagging: bool = False


class ParticipantView(Struct, omit_defaults=True):
    id: str
    name: str
    profession: str | None
    role: Role
    votes: bool
    # Additions to v1, sent only when true: the facilitator removed or muted them.
    removed: bool = False
    muted: bool = False


class DraftView(Struct):
    id: str
    text: str | None
    version: int
    author: str | None
    withdrawn: bool
    removed: bool
    final: bool


class RoundView(Struct, omit_defaults=True):
    id: str
    number: int
    dots: int
    blind: bool
    open: bool
    voters: int
    tally: dict[str, int] | None
    by_profession: dict[str, dict[str, int]] | None
    # Addition to v1, sent only when not 1: dots one voter may put on one draft.
    per_draft: int = 1
    # Addition to v1, sent only when true: the split is held after the close
    # (`by_profession` null) until the facilitator reveals it.
    hold_split: bool = False


class StatementView(Struct):
    id: str
    text: str | None
    author: str | None
    tally: dict[str, int]
    my_tag: Tag | None
    agreed: Tag | None
    removed: bool
    # Addition to v1: tags per profession group once the facilitator revealed them.
    split: dict[str, dict[str, int]] | None = None


class ConflictView(Struct):
    id: str
    title: str | None
    description: str | None
    professions: list[str]
    refs: list[Ref]
    status: ConflictStatus
    notes: list[str]
    removed: bool
    # Addition to v1: the lens suggestion it came from, if any.
    suggestion: str | None = None
    # Additions to v1: what kind of dilemma it is, its two sides, and its follow-up.
    kind: ConflictKind | None = None
    side_a: str = ""
    side_b: str = ""
    owner: str = ""
    forum: Forum | None = None
    due: str | None = None
    above: bool = False
    edits: int = 0  # how often its wording was changed (the log keeps each wording)


class ChoiceView(Struct, omit_defaults=True):
    """Addition to v1: one choice of the core task, as of its date (`at`), with the draft
    it replaced and the reason given, if any. The snapshot keeps every one, in order."""

    draft_id: str
    at: str
    previous: str | None = None
    reason: str | None = None


class RatingView(Struct):
    """Addition to v1: a rating round. `tally` is draft -> question -> answer -> count
    (null while a blind round is open); `by_profession` is draft -> question -> group ->
    answer -> count, fixed at the close under the k-rule (a figure withheld is {})."""

    id: str
    number: int
    kind: RatingKind
    draft_ids: list[str]
    blind: bool
    open: bool
    answered: int
    tally: dict[str, dict[str, dict[str, int]]] | None
    by_profession: dict[str, dict[str, dict[str, dict[str, int]]]] | None


class TimerView(Struct):
    ends_at: str
    label: str | None


class ActionView(Struct):
    """Addition to v1: a decision or next step, as everyone sees it."""

    id: str
    kind: ActionKind
    what: str
    who: str
    due: str | None
    forum: Forum | None
    status: ActionStatus
    notes: list[str]


class EndorsementView(Struct):
    by: str
    on: str  # the day, YYYY-MM-DD


class FollowView(Struct):
    """Addition to v1: what the session keeps for after the meeting."""

    everyday: str | None = None
    contribution: str | None = None
    endorsement: EndorsementView | None = None
    reopened: bool = False  # closed, then opened again for follow-up only
    follows: str | None = None  # the title of the earlier session this one follows up
    follows_on: str | None = None  # when that one was held, ISO UTC


class Snapshot(Struct, omit_defaults=True):
    session: SessionView
    participants: list[ParticipantView]
    drafts: list[DraftView]
    rounds: list[RoundView]
    my_votes: list[str]
    statements: list[StatementView]
    conflicts: list[ConflictView]
    timer: TimerView | None
    # Additions to v1: decisions and next steps, and what is kept for the follow-up.
    actions: list[ActionView] = []
    follow: FollowView = msgspec.field(default_factory=FollowView)
    # Additions to v1, left out while empty (so a v1 session's welcome is unchanged).
    choices: list[ChoiceView] = []
    ratings: list[RatingView] = []
    coach_words: dict[str, list[str]] = {}


class Mine(Struct):
    """What only this participant knows about itself; sent with every `welcome`."""

    my_votes: list[str] = []
    my_tags: dict[str, Tag] = {}
    my_items: list[str] = []
    # Addition to v1, sent only while one is open: own answers in the open rating
    # round, keyed "draft/question".
    my_answers: dict[str, str] | msgspec.UnsetType = msgspec.UNSET


class WireEvent(Struct, tag="event", tag_field="type"):
    """One event as every client receives it."""

    seq: int
    at: str
    kind: str
    actor: str | None
    data: dict[str, Any]


class Welcome(Struct, tag="welcome", tag_field="type"):
    id: str
    protocol: int
    participant: ParticipantView
    resume_token: str | None
    seq: int
    state: Snapshot | None
    mine: Mine


class SessionInfo(Struct, tag="session_info", tag_field="type"):
    """The answer to `lookup`: enough to show a join screen, nothing about who is there."""

    id: str
    code: str
    title: str
    level: str
    parent_task: str | None
    professions: list[str]
    anonymous: bool
    closed: bool


class ExportData(Struct, tag="export_data", tag_field="type"):
    """The answer to `export`: a file's name and content (text, or base64 for a zip)."""

    id: str
    format: str
    filename: str
    encoding: Literal["utf-8", "base64"]
    content: str


class SuggestionSide(Struct):
    profession: str
    members: int
    acts: int  # tags on the statement, or dots in the round, by this profession
    share: float  # of those acts: "effect" tags, or dots on the draft


class Suggestion(Struct):
    id: str
    kind: Literal["statement", "draft"]
    item_id: str
    round_id: str | None
    score: float
    sides: list[SuggestionSide]


class Equity(Struct):
    by_profession: dict[str, dict[str, int]]
    by_person: dict[str, dict[str, int]] | None


class Lens(Struct, tag="lens", tag_field="type", omit_defaults=True):
    """Addition to v1, facilitators only: splits, suggested conflicts and who takes
    part how much. Not an event: derived from the state whenever it changes."""

    suggestions: list[Suggestion]
    statements: dict[str, dict[str, dict[str, int]]]
    equity: Equity
    threshold: float
    # Closed rounds whose split is held from participants: the figure fixed at the
    # close, so that the facilitator can decide whether to reveal it (sent when any).
    held: dict[str, dict[str, dict[str, int]]] = {}
    # Tagging is blind: `statements` and the statement suggestions are left out (sent
    # only when true).
    blind_tagging: bool = False


class Ack(Struct, tag="ack", tag_field="type"):
    id: str
    seq: int
    item_id: str | None


class Error(Struct, tag="error", tag_field="type", omit_defaults=True):
    id: str | None
    code: ErrorCode
    message: str
    retry_after: float | None = None
    # With `unknown_session` from a server run in shards (`serve --shards N`): the port, on
    # the same host, of the process that holds the session. Absent everywhere else.
    port: int | None = None


class Presence(Struct, tag="presence", tag_field="type"):
    online: list[str]


class Notice(Struct, tag="notice", tag_field="type", omit_defaults=True):
    code: str
    draft_id: str | None = None
    # Addition to v1, with code `joined` (facilitators only): who joined after figures
    # began to exist.
    participant_id: str | None = None


class Waiting(Struct, tag="waiting", tag_field="type"):
    """Addition to v1: the answer to a `hello` while the session admits newcomers. The
    `welcome` (with the hello's `id`) follows when the facilitator admits them; an
    `error` `not_admitted` and close 4004 when they are turned away."""

    id: str
    title: str


class WaitingView(Struct):
    id: str
    name: str
    profession: str | None
    role: Role


class Lobby(Struct, tag="lobby", tag_field="type"):
    """Addition to v1, facilitators only: who is waiting to be admitted, oldest first.
    Sent at their welcome and whenever it changes, while the lobby is on or not empty."""

    waiting: list[WaitingView]


_encoder = msgspec.json.Encoder()


def encode(message: Any) -> str:
    """One message as the text of one frame."""
    return _encoder.encode(message).decode()


def item_from_wire(data: Any, cls: type[Any]) -> Any:
    """A view struct from the decoded JSON of an event's `data` field."""
    return msgspec.convert(data, cls)
