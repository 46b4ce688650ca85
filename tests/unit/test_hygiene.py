"""Text hygiene, limits and decoding as PROTOCOL.md orders them: tab to space, controls
gone (long texts keep `\\n`), NFC, trimming; limits after hygiene; malformed frames."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from server import protocol as p

C0 = [chr(c) for c in range(0x00, 0x20)]
DEL = ["\x7f"]
C1 = [chr(c) for c in range(0x80, 0xA0)]
BIDI = [
    "\u061c",
    "\u200e",
    "\u200f",
    *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2066, 0x206A)),
]
# Every control the protocol removes; tab is not here, it becomes a space first.
REMOVED = [c for c in C0 if c != "\t"] + DEL + C1 + BIDI
REMOVED_FROM_TEXT = [c for c in REMOVED if c != "\n"]

Cleaner = Callable[[str], str]
CLEANERS = [pytest.param(p.clean_line, id="line"), pytest.param(p.clean_text, id="text")]


def char_id(ch: object) -> str:
    return f"U+{ord(ch):04X}" if isinstance(ch, str) and len(ch) == 1 else str(ch)


def test_the_control_tables_are_complete() -> None:
    """The tables hold 31 C0 controls besides tab, DEL, 32 C1 controls and 12 bidi controls."""
    assert (len(REMOVED), len(BIDI)) == (31 + 1 + 32 + 12, 12)


# --- the cleaners -------------------------------------------------------------------------


@pytest.mark.parametrize("clean", CLEANERS)
def test_tab_becomes_a_space(clean: Cleaner) -> None:
    """A tab inside a text becomes one space rather than disappearing."""
    assert clean("Anne\tHansen") == "Anne Hansen"


@pytest.mark.parametrize("ch", REMOVED, ids=char_id)
def test_single_line_cleaning_removes_every_control(ch: str) -> None:
    """Every C0 (newline included), DEL, C1 and bidi control is removed from a line."""
    assert p.clean_line(f"Syge{ch}plejerske") == "Sygeplejerske"


@pytest.mark.parametrize("ch", REMOVED_FROM_TEXT, ids=char_id)
def test_long_text_cleaning_removes_every_control_but_newline(ch: str) -> None:
    """Every C0 but `\\n`, DEL, C1 and bidi control is removed from a long text."""
    assert p.clean_text(f"Vi skaber{ch} tryghed") == "Vi skaber tryghed"


def test_long_text_keeps_newlines() -> None:
    """A long text keeps its line breaks."""
    assert (
        p.clean_text("Første linje\nAnden linje\n\nTredje") == "Første linje\nAnden linje\n\nTredje"
    )


def test_long_text_turns_crlf_into_lf() -> None:
    """A carriage return is a C0 control: CRLF line ends become plain `\\n`."""
    assert p.clean_text("Første linje\r\nAnden linje") == "Første linje\nAnden linje"


def test_single_line_loses_newlines() -> None:
    """A single-line field loses its newlines without a space in their place."""
    assert p.clean_line("Social- og\nsundhedsassistent") == "Social- ogsundhedsassistent"


@pytest.mark.parametrize("clean", CLEANERS)
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Cafe\u0301", "Café"),
        ("e\u0301", "é"),
        ("A\u030arhus", "Århus"),
        ("Plejecenter Solhaven", "Plejecenter Solhaven"),
    ],
)
def test_nfc_normalisation(clean: Cleaner, raw: str, expected: str) -> None:
    """Decomposed letters are composed (NFC)."""
    assert clean(raw) == expected


@pytest.mark.parametrize("clean", CLEANERS)
def test_controls_are_removed_before_nfc(clean: Cleaner) -> None:
    """A bidi control between a letter and its accent goes first, so NFC composes them."""
    assert clean("Cafe\u200e\u0301") == "Café"


@pytest.mark.parametrize("clean", CLEANERS)
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Anne  ", "Anne"),
        ("\t Anne \t", "Anne"),
        ("\u200e Anne \x00", "Anne"),
        ("\u00a0Anne\u3000", "Anne"),
        ("Anne  Hansen", "Anne  Hansen"),
    ],
)
def test_trimming(clean: Cleaner, raw: str, expected: str) -> None:
    """Leading and trailing white space is trimmed, also once controls are gone; inner kept."""
    assert clean(raw) == expected


def test_long_text_trims_surrounding_newlines() -> None:
    """Leading and trailing newlines of a long text are white space and trimmed."""
    assert p.clean_text("\n\n  Vi skaber tryghed  \n") == "Vi skaber tryghed"


@pytest.mark.parametrize("clean", CLEANERS)
@pytest.mark.parametrize("markup", ["[bold]x[/]", "[@click=app.quit]y[/]", "[red]Lærer[/red]"])
def test_markup_is_kept_literally(clean: Cleaner, markup: str) -> None:
    """Markup is not a control character: the server keeps it as typed."""
    assert clean(markup) == markup


# --- every text field of every message -----------------------------------------------------


@dataclass(frozen=True)
class Field:
    type: str
    name: str
    limit: int
    long: bool
    required: bool

    def __str__(self) -> str:
        return f"{self.type}.{self.name}"


BASE: dict[str, dict[str, Any]] = {
    "propose_draft": {"text": "Vi skaber tryghed"},
    "revise_draft": {"draft_id": "d1", "text": "Vi skaber tryghed"},
    "add_statement": {"text": "Antal bade pr. uge"},
    "record_conflict": {"title": "Bad eller gåtur", "professions": ["Sygeplejerske"]},
    "update_conflict": {"conflict_id": "c1", "note": "Drøftet"},
    "start_timer": {"seconds": 300, "label": "Summemøde"},
    "remove_item": {"kind": "draft", "item_id": "d1", "reason": "Personfølsomt"},
    "hello": {"protocol": 1, "code": "K7QX-M2PA", "name": "Anne", "profession": "Lærer"},
}

FIELDS = [
    Field("propose_draft", "text", 500, long=True, required=True),
    Field("revise_draft", "text", 500, long=True, required=True),
    Field("add_statement", "text", 500, long=True, required=True),
    Field("record_conflict", "title", 120, long=False, required=True),
    Field("record_conflict", "description", 2000, long=True, required=False),
    Field("record_conflict", "professions", 60, long=False, required=True),
    Field("update_conflict", "note", 2000, long=True, required=True),
    Field("start_timer", "label", 60, long=False, required=False),
    Field("remove_item", "reason", 500, long=True, required=False),
    Field("hello", "name", 60, long=False, required=False),
    Field("hello", "profession", 60, long=False, required=False),
]
LONG = [f for f in FIELDS if f.long]
SINGLE = [f for f in FIELDS if not f.long]
REQUIRED = [f for f in FIELDS if f.required]
OPTIONAL = [f for f in FIELDS if not f.required]


def decode_field(field: Field, value: str) -> str | None:
    """The stored value of one field after decoding a message with `value` in it."""
    raw: dict[str, Any] = {"type": field.type, "id": "c1", **BASE[field.type]}
    raw[field.name] = [value] if field.name == "professions" else value
    frame = json.dumps(raw)
    message: Any = (
        p.decode_hello(p.parse_frame(frame))
        if field.type == "hello"
        else p.decode_command(p.parse_frame(frame))
    )
    stored: Any = getattr(message, field.name)
    result: str | None = stored[0] if field.name == "professions" else stored
    return result


def field_error(field: Field, value: str) -> str:
    with pytest.raises(p.ProtocolError) as caught:
        decode_field(field, value)
    return caught.value.code


def test_the_field_table_matches_the_protocol_limits() -> None:
    """The limits in this table are those PROTOCOL.md states, and the server's."""
    stated = {"text": 500, "title": 120, "description": 2000, "note": 2000, "label": 60}
    stated |= {"reason": 500, "name": 60, "profession": 60, "professions": 60}
    assert all(f.limit == stated[f.name] for f in FIELDS)
    assert p.LIMITS["draft"] == p.LIMITS["statement"] == 500


@pytest.mark.parametrize("field", LONG, ids=str)
def test_long_fields_keep_newlines(field: Field) -> None:
    """Drafts, statements, descriptions, notes and reasons keep `\\n`."""
    assert decode_field(field, "Første linje\nAnden linje") == "Første linje\nAnden linje"


@pytest.mark.parametrize("field", SINGLE, ids=str)
def test_single_line_fields_lose_newlines(field: Field) -> None:
    """Names, professions, titles and labels lose their newlines."""
    assert decode_field(field, "Social- og\nsundhedsassistent") == "Social- ogsundhedsassistent"


@pytest.mark.parametrize("field", FIELDS, ids=str)
def test_every_field_is_cleaned(field: Field) -> None:
    """Every text field gets the whole hygiene: tab, controls, NFC and trimming."""
    dirty = "  Cafe\u0301\tpå\u202e" + "".join(REMOVED_FROM_TEXT) + " Solhaven\x7f "
    assert decode_field(field, dirty) == "Café på Solhaven"


@pytest.mark.parametrize("field", FIELDS, ids=str)
def test_markup_is_kept_in_every_field(field: Field) -> None:
    """Markup in any field is stored literally."""
    assert decode_field(field, "[@click=app.quit]y[/]") == "[@click=app.quit]y[/]"


@pytest.mark.parametrize("field", FIELDS, ids=str)
def test_text_at_the_limit_is_accepted(field: Field) -> None:
    """A text of exactly the limit is accepted."""
    text = "ø" * field.limit
    assert decode_field(field, text) == text


@pytest.mark.parametrize("field", FIELDS, ids=str)
def test_text_over_the_limit_is_too_long(field: Field) -> None:
    """One character over the limit is too_long."""
    assert field_error(field, "ø" * (field.limit + 1)) == "too_long"


@pytest.mark.parametrize("field", FIELDS, ids=str)
def test_limit_is_counted_after_trimming(field: Field) -> None:
    """Surrounding spaces do not count against the limit."""
    text = "ø" * field.limit
    assert decode_field(field, f"   {text}\t ") == text


@pytest.mark.parametrize("field", FIELDS, ids=str)
def test_limit_is_counted_after_nfc(field: Field) -> None:
    """Decomposed letters count once composed: the limit in é's, not in code points."""
    assert decode_field(field, "e\u0301" * field.limit) == "é" * field.limit


@pytest.mark.parametrize("field", FIELDS, ids=str)
def test_limit_is_counted_after_removing_controls(field: Field) -> None:
    """Removed controls do not count against the limit."""
    text = "ø" * field.limit
    assert decode_field(field, "\u200e" * 10 + text + "\x00" * 10) == text


def test_draft_of_501_characters_is_too_long() -> None:
    """A draft of 501 characters is too_long; 500 with surrounding spaces is accepted."""
    draft = Field("propose_draft", "text", 500, long=True, required=True)
    assert field_error(draft, "a" * 501) == "too_long"
    assert decode_field(draft, "  " + "a" * 500 + "  ") == "a" * 500


EMPTY_AFTER_HYGIENE = ["", "   ", "\t\n", "\u200e\u202e\x00", " \x7f\u0085 "]


@pytest.mark.parametrize("empty", EMPTY_AFTER_HYGIENE, ids=repr)
@pytest.mark.parametrize("field", REQUIRED, ids=str)
def test_required_field_empty_after_hygiene_is_invalid(field: Field, empty: str) -> None:
    """A required text that is empty once cleaned is invalid."""
    assert field_error(field, empty) == "invalid"


@pytest.mark.parametrize("empty", EMPTY_AFTER_HYGIENE, ids=repr)
@pytest.mark.parametrize("field", OPTIONAL, ids=str)
def test_optional_field_may_be_empty_after_hygiene(field: Field, empty: str) -> None:
    """Description and reason may be empty; an empty label, name or profession is absent."""
    expected = "" if field.name in ("description", "reason") else None
    assert decode_field(field, empty) == expected


# --- frames and commands ----------------------------------------------------------------------


def decode(frame: str | bytes) -> p.Command:
    return p.decode_command(p.parse_frame(frame))


def cmd(type_: str, **fields: Any) -> str:
    return json.dumps({"type": type_, **fields})


BAD_FRAMES: list[tuple[str, str | bytes, str]] = [
    ("binary", b'{"type": "propose_draft", "id": "c1", "text": "Hej"}', "invalid"),
    ("not JSON", "Vi skaber tryghed", "invalid"),
    ("cut JSON", '{"type": "propose_draft", "id": "c1"', "invalid"),
    ("lone surrogate", '{"type": "propose_draft", "id": "c1", "text": "x\\ud800y"}', "invalid"),
    ("array", '[{"type": "propose_draft"}]', "invalid"),
    ("number", "42", "invalid"),
    ("string", '"propose_draft"', "invalid"),
    ("null", "null", "invalid"),
    ("missing type", '{"id": "c1", "text": "Hej"}', "invalid"),
    ("type not a string", '{"type": 5, "id": "c1"}', "invalid"),
    ("type null", '{"type": null, "id": "c1"}', "invalid"),
    ("unknown type", cmd("cast_votes", id="c1", draft_id="d1"), "unknown_type"),
    ("empty type", cmd("", id="c1"), "unknown_type"),
    ("second hello", cmd("hello", id="c2", protocol=1, code="K7QXM2PA"), "invalid_state"),
    ("missing id", cmd("propose_draft", text="Hej"), "invalid"),
    ("empty id", cmd("propose_draft", id="", text="Hej"), "invalid"),
    ("id of 65", cmd("propose_draft", id="x" * 65, text="Hej"), "invalid"),
    ("id a number", cmd("propose_draft", id=7, text="Hej"), "invalid"),
    ("id null", cmd("propose_draft", id=None, text="Hej"), "invalid"),
    ("missing text", cmd("propose_draft", id="c1"), "invalid"),
    ("text a number", cmd("propose_draft", id="c1", text=5), "invalid"),
    ("text a list", cmd("add_statement", id="c1", text=["Hej"]), "invalid"),
    ("draft_id a number", cmd("cast_vote", id="c1", draft_id=1), "invalid"),
    ("missing draft_id", cmd("retract_vote", id="c1"), "invalid"),
    ("dots a string", cmd("open_round", id="c1", dots="3", blind=False), "invalid"),
    ("dots a float", cmd("open_round", id="c1", dots=2.5, blind=False), "invalid"),
    ("dots 0", cmd("open_round", id="c1", dots=0, blind=False), "invalid"),
    ("dots 11", cmd("open_round", id="c1", dots=11, blind=False), "invalid"),
    ("blind a string", cmd("open_round", id="c1", dots=3, blind="yes"), "invalid"),
    ("blind a number", cmd("open_round", id="c1", dots=3, blind=1), "invalid"),
    ("missing blind", cmd("open_round", id="c1", dots=3), "invalid"),
    ("seconds true", cmd("start_timer", id="c1", seconds=True), "invalid"),
    ("seconds a string", cmd("start_timer", id="c1", seconds="60"), "invalid"),
    ("seconds 0", cmd("start_timer", id="c1", seconds=0), "invalid"),
    ("seconds 7201", cmd("start_timer", id="c1", seconds=7201), "invalid"),
    ("seconds negative", cmd("start_timer", id="c1", seconds=-5), "invalid"),
    ("label a number", cmd("start_timer", id="c1", seconds=60, label=3), "invalid"),
    ("unknown tag", cmd("tag_statement", id="c1", statement_id="s1", tag="ydelse"), "invalid"),
    ("missing tag", cmd("tag_statement", id="c1", statement_id="s1"), "invalid"),
    ("classify unknown", cmd("classify_statement", id="c1", statement_id="s1", tag="x"), "invalid"),
    ("unknown phase", cmd("set_phase", id="c1", phase="frokost"), "invalid"),
    ("unknown status", cmd("update_conflict", id="c1", conflict_id="c1", status="done"), "invalid"),
    ("neither status nor note", cmd("update_conflict", id="c1", conflict_id="c1"), "invalid"),
    (
        "status and note null",
        cmd("update_conflict", id="c1", conflict_id="c1", status=None, note=None),
        "invalid",
    ),
    ("empty professions", cmd("record_conflict", id="c1", title="Bad", professions=[]), "invalid"),
    (
        "professions a string",
        cmd("record_conflict", id="c1", title="Bad", professions="Lærer"),
        "invalid",
    ),
    (
        "profession a number",
        cmd("record_conflict", id="c1", title="Bad", professions=[3]),
        "invalid",
    ),
    ("missing professions", cmd("record_conflict", id="c1", title="Bad"), "invalid"),
    (
        "ref to a conflict",
        cmd(
            "record_conflict",
            id="c1",
            title="Bad",
            professions=["Lærer"],
            refs=[{"kind": "conflict", "id": "c1"}],
        ),
        "invalid",
    ),
    (
        "ref without id",
        cmd(
            "record_conflict", id="c1", title="Bad", professions=["Lærer"], refs=[{"kind": "draft"}]
        ),
        "invalid",
    ),
    ("unknown item kind", cmd("remove_item", id="c1", kind="round", item_id="r1"), "invalid"),
    (
        "reason null",
        cmd("remove_item", id="c1", kind="draft", item_id="d1", reason=None),
        "invalid",
    ),
]


@pytest.mark.parametrize(
    ("frame", "code"), [pytest.param(f, c, id=name) for name, f, c in BAD_FRAMES]
)
def test_bad_frames_are_refused(frame: str | bytes, code: str) -> None:
    """A malformed frame or command is answered with the protocol's error code."""
    with pytest.raises(p.ProtocolError) as caught:
        decode(frame)
    assert caught.value.code == code


def test_deeply_nested_array_is_invalid() -> None:
    """A deeply nested JSON array (a non-object, 10 KB) is answered with invalid."""
    frame = "[" * 5000 + "]" * 5000
    with pytest.raises(p.ProtocolError) as caught:
        p.parse_frame(frame)
    assert caught.value.code == "invalid"


def test_command_with_deeply_nested_extra_field_is_not_a_crash() -> None:
    """A command whose unknown extra field nests deeply is decoded or refused, never a crash."""
    nested = "[" * 5000 + "]" * 5000
    frame = '{"type": "propose_draft", "id": "c1", "text": "Hej", "extra": ' + nested + "}"
    try:
        decode(frame)
    except p.ProtocolError as exc:
        assert exc.code == "invalid"


GOOD_FRAMES: list[tuple[str, str, p.Command]] = [
    ("id of 64", cmd("close_session", id="x" * 64), p.CloseSession("x" * 64)),
    ("id of 1", cmd("close_round", id="a"), p.CloseRound("a")),
    ("seconds 1", cmd("start_timer", id="c1", seconds=1), p.StartTimer("c1", 1, None)),
    ("seconds 7200", cmd("start_timer", id="c1", seconds=7200), p.StartTimer("c1", 7200, None)),
    ("dots 1", cmd("open_round", id="c1", dots=1, blind=True), p.OpenRound("c1", 1, True)),
    ("dots 10", cmd("open_round", id="c1", dots=10, blind=False), p.OpenRound("c1", 10, False)),
    (
        "tag null",
        cmd("tag_statement", id="c1", statement_id="s1", tag=None),
        p.TagStatement("c1", "s1", None),
    ),
    (
        "status only",
        cmd("update_conflict", id="c1", conflict_id="c2", status="parked"),
        p.UpdateConflict("c1", "c2", "parked", None),
    ),
    (
        "note only",
        cmd("update_conflict", id="c1", conflict_id="c2", note="Tages op igen"),
        p.UpdateConflict("c1", "c2", None, "Tages op igen"),
    ),
    (
        "conflict with refs",
        cmd(
            "record_conflict",
            id="c1",
            title="Forældresamarbejde eller tid med børnene",
            professions=["Lærer", "Pædagog"],
            refs=[{"kind": "draft", "id": "d2"}, {"kind": "statement", "id": "s1"}],
        ),
        p.RecordConflict(
            "c1",
            "Forældresamarbejde eller tid med børnene",
            ["Lærer", "Pædagog"],
            "",
            [p.Ref("draft", "d2"), p.Ref("statement", "s1")],
        ),
    ),
    (
        "unknown extra field",
        cmd("propose_draft", id="c1", text="Alle børn trives", colour="grøn"),
        p.ProposeDraft("c1", "Alle børn trives"),
    ),
    (
        "remove without reason",
        cmd("remove_item", id="c1", kind="statement", item_id="s3"),
        p.RemoveItem("c1", "statement", "s3", ""),
    ),
]


@pytest.mark.parametrize(
    ("frame", "expected"), [pytest.param(f, c, id=name) for name, f, c in GOOD_FRAMES]
)
def test_good_frames_decode(frame: str, expected: p.Command) -> None:
    """Well-formed commands, at the edges of their ranges too, decode to their struct."""
    assert decode(frame) == expected


@pytest.mark.parametrize("type_", sorted(p.COMMAND_TYPES))
def test_every_command_type_needs_an_id(type_: str) -> None:
    """Any command without an id is invalid, before its other fields are looked at."""
    with pytest.raises(p.ProtocolError) as caught:
        decode(cmd(type_))
    assert caught.value.code == "invalid"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"type": "cast_vote", "id": "x" * 64}, "x" * 64),
        ({"type": "cast_vote", "id": "x" * 65}, None),
        ({"type": "cast_vote", "id": ""}, None),
        ({"type": "cast_vote", "id": 3}, None),
        ({"type": "cast_vote"}, None),
    ],
    ids=["64", "65", "empty", "number", "missing"],
)
def test_peek_id_returns_only_usable_ids(raw: dict[str, Any], expected: str | None) -> None:
    """An error echoes the id only when it is a string of 1 to 64 characters."""
    assert p.peek_id(raw) == expected


# --- hello ----------------------------------------------------------------------------------


def hello(**fields: Any) -> p.Hello:
    raw = {"type": "hello", "id": "h1", "protocol": 1, "code": "K7QX-M2PA", **fields}
    return p.decode_hello(p.parse_frame(json.dumps(raw)))


def test_hello_decodes_with_defaults() -> None:
    """A minimal hello is a participant who votes, with no key, token or last_seq."""
    decoded = hello(name="Anne", profession="Sygeplejerske")
    assert (decoded.role, decoded.votes, decoded.facilitator_key, decoded.resume_token) == (
        "participant",
        True,
        None,
        None,
    )
    assert decoded.last_seq == 0


@pytest.mark.parametrize(
    "fields",
    [
        {"id": None},
        {"id": "x" * 65},
        {"role": "admin"},
        {"votes": "no"},
        {"protocol": "1"},
        {"name": 5},
        {"last_seq": "3"},
    ],
    ids=["id null", "id 65", "role", "votes", "protocol", "name", "last_seq"],
)
def test_bad_hello_is_invalid(fields: dict[str, Any]) -> None:
    """A hello with a missing or mistyped field is invalid."""
    with pytest.raises(p.ProtocolError) as caught:
        hello(**fields)
    assert caught.value.code == "invalid"


def test_hello_without_id_is_invalid() -> None:
    """`id` is required in hello too."""
    raw = {"type": "hello", "protocol": 1, "code": "K7QX-M2PA", "name": "Anne"}
    with pytest.raises(p.ProtocolError) as caught:
        p.decode_hello(raw)
    assert caught.value.code == "invalid"


# --- join codes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["K7QX-M2PA", "k7qx m2pa", "K7QXM2PA", "k7qx-m2pa", " K7QX - M2PA ", "K7\tQX M2\nPA"]
)
def test_join_code_typed_any_way(typed: str) -> None:
    """Codes are read case-insensitively, with or without spaces and dashes."""
    assert p.normalize_code(typed) == "K7QXM2PA"


@pytest.mark.parametrize(
    "typed",
    [
        "K7QX-M2PI",
        "K7QX-M2PL",
        "K7QX-M2PO",
        "K7QX-M2PU",
        "i7qx-m2pa",
        "K7QX-M2P",
        "K7QX-M2PAA",
        "",
        "----",
        "K7QX_M2PA",
        "K7QX-M2PÅ",
    ],
)
def test_join_code_rejected(typed: str) -> None:
    """Codes with I, L, O, U, other characters or a wrong length are no code."""
    assert p.normalize_code(typed) is None


def test_join_code_is_shown_with_a_dash() -> None:
    """The canonical code is shown as two groups of four."""
    assert p.format_code("K7QXM2PA") == "K7QX-M2PA"
