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
]

Role = Literal["participant", "observer", "facilitator"]
Tag = Literal["output", "effect"]
Phase = Literal["checkin", "statements", "drafts", "voting", "conflicts", "wrapup"]
PHASES: Final[tuple[Phase, ...]] = get_args(Phase)
ConflictStatus = Literal["open", "discussed", "parked", "resolved"]
CONFLICT_STATUSES: Final[tuple[ConflictStatus, ...]] = get_args(ConflictStatus)
ItemKind = Literal["draft", "statement", "conflict"]
Level = Literal["unit", "institution", "centre", "municipality"]
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
    ) -> None:
        super().__init__(message)
        self.code: ErrorCode = code
        self.message = message
        self.retry_after = retry_after
        self.command_id = command_id  # the frame's usable `id`, to echo, when it had one


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


ExportFormat = Literal["md", "html", "json", "csv"]
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


class CloseRound(Struct, frozen=True, tag="close_round", tag_field="type"):
    id: CommandId


class FinalizeDraft(Struct, frozen=True, tag="finalize_draft", tag_field="type"):
    id: CommandId
    draft_id: str


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


class SetInstruction(Struct, frozen=True, tag="set_instruction", tag_field="type"):
    """Addition to v1: the facilitator rewrites the short instruction every screen shows
    for a phase; an empty text gives the phase its default back."""

    id: CommandId
    phase: Phase
    text: str = ""


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
    | SetInstruction
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
        SetInstruction,
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
        "set_instruction",
    }
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


RequestT = TypeVar("RequestT", Lookup, Export, DismissSuggestion)


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
        case RemoveItem(reason=reason):
            return replace(
                cmd, reason=checked(reason, "reason", "reason", multiline=True, required=False)
            )
        case SetInstruction(text=text):
            return replace(
                cmd, text=checked(text, "text", "instruction", multiline=False, required=False)
            )
        case _:
            return cmd


# --- server -> client: what a viewer sees ------------------------------------------


class Settings(Struct):
    anonymous: bool = True
    k_anonymity: int = 3


class SessionView(Struct):
    code: str
    title: str
    level: str
    parent_task: str | None
    professions: list[str]
    phase: Phase
    settings: Settings
    closed: bool
    # Addition to v1: the facilitator's own instruction per phase (a phase not named
    # shows the client's default for it).
    instructions: dict[str, str] = {}
    # Addition to v1: one of SECTORS, or null (general examples); a newer server may send
    # a sector this client does not know, which it shows as null.
    sector: str | None = None


class ParticipantView(Struct):
    id: str
    name: str
    profession: str | None
    role: Role
    votes: bool


class DraftView(Struct):
    id: str
    text: str | None
    version: int
    author: str | None
    withdrawn: bool
    removed: bool
    final: bool


class RoundView(Struct):
    id: str
    number: int
    dots: int
    blind: bool
    open: bool
    voters: int
    tally: dict[str, int] | None
    by_profession: dict[str, dict[str, int]] | None


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


class TimerView(Struct):
    ends_at: str
    label: str | None


class Snapshot(Struct):
    session: SessionView
    participants: list[ParticipantView]
    drafts: list[DraftView]
    rounds: list[RoundView]
    my_votes: list[str]
    statements: list[StatementView]
    conflicts: list[ConflictView]
    timer: TimerView | None


class Mine(Struct):
    """What only this participant knows about itself; sent with every `welcome`."""

    my_votes: list[str] = []
    my_tags: dict[str, Tag] = {}
    my_items: list[str] = []


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


class Lens(Struct, tag="lens", tag_field="type"):
    """Addition to v1, facilitators only: splits, suggested conflicts and who takes
    part how much. Not an event: derived from the state whenever it changes."""

    suggestions: list[Suggestion]
    statements: dict[str, dict[str, dict[str, int]]]
    equity: Equity
    threshold: float


class Ack(Struct, tag="ack", tag_field="type"):
    id: str
    seq: int
    item_id: str | None


class Error(Struct, tag="error", tag_field="type", omit_defaults=True):
    id: str | None
    code: ErrorCode
    message: str
    retry_after: float | None = None


class Presence(Struct, tag="presence", tag_field="type"):
    online: list[str]


class Notice(Struct, tag="notice", tag_field="type"):
    code: str
    draft_id: str | None = None


_encoder = msgspec.json.Encoder()


def encode(message: Any) -> str:
    """One message as the text of one frame."""
    return _encoder.encode(message).decode()


def item_from_wire(data: Any, cls: type[Any]) -> Any:
    """A view struct from the decoded JSON of an event's `data` field."""
    return msgspec.convert(data, cls)
