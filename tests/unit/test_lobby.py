"""The admission lobby and removal in the room, without sockets (additions to v1).

Plejecenter Egebakken admits newcomers: Mette facilitates; newcomers wait outside the
session, in no figure, until she admits them or turns them away.
"""

from __future__ import annotations

import copy
from typing import Any

from server import protocol as p
from server import views
from server.room import CLOSE_NOT_ADMITTED, CLOSE_REMOVED, Append, Close, Output, Room, Timer
from tests.unit.test_room import ASSISTANT, NOW, NURSE, THERAPIST, command, egebakken, hello, said
from tests.unit.test_room import join as join_now


def admitting() -> tuple[Room, str]:
    """Egebakken with Mette online (client 1) and the lobby switched on."""
    room = egebakken()
    mette, _ = join_now(room, 1, "Mette", "Leder", "facilitator")
    out = room.receive(1, command("set_admission", "m-1", admit=True), NOW)
    assert isinstance(out.commit, Append)
    return room, mette


def wait(room: Room, client: int, name: str, profession: str) -> Output:
    greeting = hello(name=name, profession=profession, join_id=f"join-of-{name}".ljust(22, "x"))
    return room.hello(client, greeting, None, f"token-of-{name.lower()}", NOW)


def lobby_of(out: Output, client: int) -> list[dict[str, Any]]:
    frames = [x for x in said(out, client) if x["type"] == "lobby"]
    return list(frames[-1]["waiting"]) if frames else []


def test_with_admission_off_a_hello_is_welcomed_as_in_v1() -> None:
    """Off by default: the first answer to a newcomer's hello is its welcome."""
    room = egebakken()
    out = room.hello(2, hello(name="Lone", profession=NURSE), None, "token-of-lone", NOW)
    assert isinstance(out.commit, Append)
    assert said(out, 2)[0]["type"] == "welcome"


def test_a_newcomer_waits_outside_the_session_and_the_facilitator_sees_them() -> None:
    """With the lobby on, a hello gets `waiting`: no event, no participant, no snapshot;
    the facilitator gets the waiting list with name and profession."""
    room, _ = admitting()
    seq = room.state.seq
    out = wait(room, 2, "Lone", NURSE)
    assert out.commit is None and room.state.seq == seq
    assert said(out, 2) == [
        {"type": "waiting", "id": "hello", "title": room.state.info.title},
    ]
    assert lobby_of(out, 1) == [
        {"id": "w1", "name": "Lone", "profession": NURSE, "role": "participant"}
    ]
    assert [x.name for x in room.state.participants.values()] == ["Mette"]


def test_a_waiting_newcomer_can_do_nothing_in_the_session() -> None:
    """Any frame from the lobby is refused and changes nothing."""
    room, _ = admitting()
    wait(room, 2, "Lone", NURSE)
    out = room.receive(2, command("add_statement", "l-1", text="Beboeren vælger selv"), NOW)
    assert said(out, 2) == [
        {
            "type": "error",
            "id": "l-1",
            "code": "invalid_state",
            "message": "you are waiting to be admitted",
        }
    ]
    assert out.commit is None and not room.state.statements


def test_admitting_one_seats_them_with_a_welcome_to_their_waiting_hello() -> None:
    """Admit: an ordinary `participant_joined`, their hello's welcome, the list shrinks."""
    room, _ = admitting()
    wait(room, 2, "Lone", NURSE)
    wait(room, 3, "Kim", ASSISTANT)
    out = room.receive(1, command("admit", "m-2", waiting_id="w2"), NOW)
    assert isinstance(out.commit, Append) and out.commit.token_hash is not None
    assert out.commit.event.kind == "participant_joined"
    welcome = said(out, 3)[0]
    assert (welcome["type"], welcome["id"], welcome["participant"]["name"]) == (
        "welcome",
        "hello",
        "Kim",
    )
    assert [x["name"] for x in lobby_of(out, 1)] == ["Lone"]
    assert said(out, 2) == []


def test_admit_everyone_seats_each_waiting_newcomer_one_commit_at_a_time() -> None:
    """ "Admit everyone waiting" is one request; the room seats the rest one by one."""
    room, _ = admitting()
    for client, (name, profession) in enumerate(
        [("Lone", NURSE), ("Kim", ASSISTANT), ("Sofie", THERAPIST)], start=2
    ):
        wait(room, client, name, profession)
    out = room.receive(1, command("admit", "m-2"), NOW)
    seated = [out]
    while Timer("admit", 0.0) in seated[-1].timers:
        seated.append(room.due("admit"))
    assert all(isinstance(x.commit, Append) for x in seated)
    assert [x.name for x in room.state.participants.values()] == ["Mette", "Lone", "Kim", "Sofie"]
    assert lobby_of(seated[-1], 1) == []


def test_turning_away_tells_the_newcomer_closes_them_and_refuses_their_hello_again() -> None:
    """Reject: `not_admitted` to their hello, close 4004; the same join again is refused."""
    room, _ = admitting()
    wait(room, 2, "Lone", NURSE)
    out = room.receive(1, command("reject", "m-2", waiting_id="w1"), NOW)
    error = said(out, 2)[0]
    assert (error["type"], error["id"], error["code"]) == ("error", "hello", "not_admitted")
    assert Close(2, CLOSE_NOT_ADMITTED, "not admitted") in out.closes
    assert lobby_of(out, 1) == []
    try:
        wait(room, 3, "Lone", NURSE)
    except p.ProtocolError as exc:
        assert exc.code == "not_admitted"
    else:
        raise AssertionError("a newcomer turned away was queued again")


def test_the_same_hello_said_again_keeps_its_place_in_the_lobby() -> None:
    """A client that lost its `waiting` says its hello again: one entry, the new socket."""
    room, _ = admitting()
    wait(room, 2, "Lone", NURSE)
    out = wait(room, 3, "Lone", NURSE)
    assert [x["id"] for x in lobby_of(out, 1)] == ["w1"]
    assert room.lobby.waiting["w1"].client == 3


def test_a_newcomer_who_leaves_the_lobby_leaves_the_list() -> None:
    """A waiting connection that ends is no longer shown to the facilitator."""
    room, _ = admitting()
    wait(room, 2, "Lone", NURSE)
    assert lobby_of(room.leave(2), 1) == []


def test_closing_the_session_answers_everyone_still_waiting() -> None:
    """Close: each waiting hello gets `session_closed` and its socket closes (4004)."""
    room, _ = admitting()
    wait(room, 2, "Lone", NURSE)
    wait(room, 3, "Bent", ASSISTANT)
    out = room.receive(1, command("close_session", "m-9"), NOW)
    for client in (2, 3):
        error = said(out, client)[0]
        assert (error["type"], error["id"], error["code"]) == ("error", "hello", "session_closed")
        assert Close(client, CLOSE_NOT_ADMITTED, "closed") in out.closes
    assert not room.lobby.waiting and lobby_of(out, 1) == []


def test_only_the_facilitator_admits() -> None:
    """A participant's `admit` is refused `forbidden`."""
    room, _ = admitting()
    room.receive(1, command("set_admission", "m-2", admit=False), NOW)
    join_now(room, 2, "Lone", NURSE)
    room.receive(1, command("set_admission", "m-3", admit=True), NOW)
    wait(room, 3, "Kim", ASSISTANT)
    out = room.receive(2, command("admit", "l-1", waiting_id="w1"), NOW)
    assert said(out, 2)[0]["code"] == "forbidden"


def test_fakes_waiting_in_the_lobby_count_in_no_figure() -> None:
    """Hostile, k = 3: two fake therapists who would tag beside the one real therapist
    (and so lift her tag into a figure of its own) are never admitted: their tags are
    refused, they are no members, and the revealed split is the room's without them."""
    figures = []
    for fakes in (False, True):
        room, _ = admitting()
        real = [("Lone", NURSE), ("Ida", NURSE), ("Kim", ASSISTANT), ("Sofie", THERAPIST)]
        for client, (name, profession) in enumerate(real, start=2):
            wait(room, client, name, profession)
        room.receive(1, command("admit", "m-2"), NOW)
        while room.admitting:
            room.due("admit")
        fake_clients = [10, 11] if fakes else []
        for client in fake_clients:
            wait(room, client, f"Ergo {client}", THERAPIST)
        room.receive(2, command("add_statement", "s", text="Bad hver dag"), NOW)  # Lone
        for client, name in enumerate([x for x, _ in real], start=2):
            tag = "effect" if name == "Sofie" else "output"
            tagging = command("tag_statement", f"t-{name}", statement_id="s1", tag=tag)
            room.receive(client, tagging, NOW)
        for client in fake_clients:
            tagging = command("tag_statement", "fake", statement_id="s1", tag="output")
            assert said(room.receive(client, tagging, NOW), client)[0]["type"] == "error"
        room.receive(1, command("reveal_split", "m-3", statement_id="s1"), NOW)
        snap = views.snapshot(room.state, None)
        statement = snap.statements[0]
        figures.append((statement.split, statement.tally, len(snap.participants)))
        assert statement.split is not None and THERAPIST not in statement.split
    assert figures[0] == figures[1]


def test_a_removed_participant_is_closed_and_cannot_resume_with_their_token() -> None:
    """Remove: their connection closes (4003) and their token no longer opens the session."""
    room = egebakken()
    join_now(room, 1, "Mette", "Leder", "facilitator")
    lone, token = join_now(room, 2, "Lone", NURSE)
    out = room.receive(1, command("remove_participant", "m-1", participant_id=lone), NOW)
    assert isinstance(out.commit, Append)
    assert Close(2, CLOSE_REMOVED, "removed by the facilitator") in out.closes
    assert lone not in room.connections
    try:
        room.hello(3, hello(resume_token=token), lone, "unused", NOW)
    except p.ProtocolError as exc:
        assert exc.code == "removed"
    else:
        raise AssertionError("a removed participant resumed")


def test_a_join_after_figures_exist_is_a_notice_to_the_facilitator() -> None:
    """Lobby off: once a figure may exist, each newcomer is named to the facilitator."""
    room = egebakken()
    join_now(room, 1, "Mette", "Leder", "facilitator")
    join_now(room, 2, "Lone", NURSE)
    quiet = room.hello(3, hello(name="Kim", profession=ASSISTANT), None, "token-of-kim", NOW)
    assert [x for x in said(quiet, 1) if x["type"] == "notice"] == []
    room.receive(2, command("add_statement", "l-1", text="Bad hver dag"), NOW)
    room.receive(2, command("tag_statement", "l-2", statement_id="s1", tag="effect"), NOW)
    assert room.state.figures_made
    late = room.hello(4, hello(name="Sofie", profession=THERAPIST), None, "token-of-sofie", NOW)
    assert [x for x in said(late, 1) if x["type"] == "notice"] == [
        {"type": "notice", "code": "joined", "participant_id": "p4"}
    ]


def test_a_newcomer_whose_admission_was_not_stored_starts_afresh() -> None:
    """The join's commit failed: the room is rebuilt from its log, and the newcomer's
    next frame closes its connection (1011), so its client says hello anew."""
    room, _ = admitting()
    wait(room, 2, "Lone", NURSE)
    stored = copy.deepcopy(room.state)  # what the log holds: the admission is not in it
    lost = room.receive(1, command("admit", "m-2", waiting_id="w1"), NOW)
    room.rebuilt(stored, {}, set(), lost)
    assert said(lost, 2)[0]["type"] == "welcome"  # what was said is lost, not sent
    out = room.receive(2, command("add_statement", "l-1", text="Bad hver dag"), NOW)
    assert out.closes == [Close(2, 1011, "the server must reload")]
