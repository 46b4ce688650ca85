"""The room without sockets: what one session decides, and the order it says it in.

Plejecenter Egebakken: Mette facilitates; Lone (Sygeplejerske), Kim (Social- og
sundhedsassistent) and Sofie (Ergoterapeut) take part. Clients are the plain ids a hub
would give its connections; the time comes in as an argument.
"""

from __future__ import annotations

import json
from typing import Any

from server import model
from server import protocol as p
from server.room import (
    CLOSE_REPLACED,
    LENS_DELAY,
    MAX_CATCH_UP,
    PRESENCE_DELAY,
    Append,
    Close,
    Dismissal,
    ExportJob,
    Output,
    Room,
    Timer,
    slow_down,
)
from server.tokens import digest

NOW = "2026-11-28T10:15:00Z"
KEY = "Wq3m9Lx0T5r8Yc2VbN7hKg"  # the facilitator key, as `kerne-server new` prints one
NURSE = "Sygeplejerske"
ASSISTANT = "Social- og sundhedsassistent"
THERAPIST = "Ergoterapeut"
BATHS = "Beboeren vælger selv, hvornår på dagen hun vil i bad"
CARE = "Vi hjælper beboeren til at klare mest muligt selv"


def egebakken() -> Room:
    info = model.SessionInfo(
        code="K7QXM2PA",
        title="Plejecenter Egebakken: hvad er vores kerneopgave?",
        professions=[NURSE, ASSISTANT, THERAPIST],
    )
    return Room(model.new_state(info), digest(KEY))


def said(out: Output, client: int) -> list[Any]:
    """What `client` hears from one output, in order (a catch-up as its range)."""
    heard: list[Any] = []
    for send in out.sends:
        if client in send.to:
            frame = send.frame
            heard.append(json.loads(frame) if isinstance(frame, str) else frame)
    return heard


def hello(**fields: Any) -> p.Hello:
    return p.Hello(id="hello", protocol=1, code="K7QX-M2PA", **fields)


def join(
    room: Room, client: int, name: str, profession: str, role: p.Role = "participant"
) -> tuple[str, str]:
    """A new participant on `client`, committed; returns its id and resume token."""
    key = KEY if role == "facilitator" else None
    token = f"token-of-{name.lower()}"
    greeting = hello(name=name, profession=profession, role=role, facilitator_key=key)
    out = room.hello(client, greeting, None, token, NOW)
    assert isinstance(out.commit, Append)
    return str(out.commit.event.actor), token


def command(kind: str, cid: str, **fields: Any) -> str:
    return json.dumps({"type": kind, "id": cid, **fields}, ensure_ascii=False)


def test_a_repeated_command_id_gets_the_same_ack_and_no_second_event() -> None:
    """Exactly once: the same command id twice gives the same ack and one event."""
    room = egebakken()
    join(room, 1, "Lone", NURSE)
    first = room.receive(1, command("propose_draft", "lone-1", text=CARE), NOW)
    again = room.receive(1, command("propose_draft", "lone-1", text=CARE), NOW)
    assert isinstance(first.commit, Append) and again.commit is None
    assert (
        said(again, 1)
        == [said(first, 1)[0]]
        == [{"type": "ack", "id": "lone-1", "seq": 2, "item_id": "d1"}]
    )
    assert list(room.state.drafts) == ["d1"]


def test_resume_within_reach_catches_up_with_the_missed_events() -> None:
    """A resume with last_seq in range gets state null, then the events after it."""
    room = egebakken()
    lone, token = join(room, 1, "Lone", NURSE)
    kim = room.hello(2, hello(name="Kim", profession=ASSISTANT), None, "token-of-kim", NOW)
    added = room.receive(2, command("add_statement", "kim-1", text=BATHS), NOW)
    assert isinstance(kim.commit, Append) and isinstance(added.commit, Append)
    log = [kim.commit.public, added.commit.public]  # what the store holds after seq 1
    assert room.catch_up_from(1) == 1
    out = room.hello(3, hello(resume_token=token, last_seq=1), lone, "unused", NOW, log)
    welcome, missed, presence = said(out, 3)
    assert (welcome["type"], welcome["seq"], welcome["state"]) == ("welcome", 3, None)
    assert [event["seq"] for event in missed["events"]] == [2, 3]
    assert missed["events"][1]["data"]["statement"]["text"] == BATHS
    assert presence == {"type": "presence", "online": ["p1", "p2"]}
    assert out.commit is None


def test_resume_too_far_behind_gets_a_snapshot_instead() -> None:
    """A resume more than MAX_CATCH_UP events behind gets the snapshot, no events."""
    room = egebakken()
    lone, token = join(room, 1, "Lone", NURSE)
    for n in range(MAX_CATCH_UP + 1):
        room.receive(1, command("add_statement", f"lone-{n}", text=f"Udsagn {n}"), NOW)
    assert room.catch_up_from(1) is None
    out = room.hello(2, hello(resume_token=token, last_seq=1), lone, "unused", NOW, None)
    welcome, presence = said(out, 2)
    assert welcome["seq"] == MAX_CATCH_UP + 2
    assert len(welcome["state"]["statements"]) == MAX_CATCH_UP + 1
    assert presence["type"] == "presence"


def test_a_burst_of_joins_costs_one_presence_round() -> None:
    """Many joins ask for one presence timer; when it fires, everyone hears one list."""
    room = egebakken()
    timers: list[Timer] = []
    for client, (name, profession) in enumerate(
        [("Lone", NURSE), ("Kim", ASSISTANT), ("Sofie", THERAPIST), ("Bo", NURSE)], start=1
    ):
        greeting = hello(name=name, profession=profession)
        timers += room.hello(client, greeting, None, f"token-{client}", NOW).timers
    assert timers == [Timer("presence", PRESENCE_DELAY)]
    round_ = room.due("presence")
    assert [send.to for send in round_.sends] == [(1, 2, 3, 4)]
    assert said(round_, 4) == [{"type": "presence", "online": ["p1", "p2", "p3", "p4"]}]


def test_a_visitor_to_a_closed_session_is_welcomed_unrecorded() -> None:
    """An observer looking at a closed session gets v1, read-only, and no event."""
    room = egebakken()
    join(room, 1, "Mette", "Leder", role="facilitator")
    room.receive(1, command("close_session", "mette-1"), NOW)
    out = room.hello(2, hello(name="Tilsynet", role="observer"), None, "unused", NOW)
    (welcome,) = said(out, 2)
    assert welcome["participant"]["id"] == "v1" and welcome["resume_token"] is None
    assert out.commit is None and room.state.seq == 2
    refused = room.receive(2, command("add_statement", "v-1", text=BATHS), NOW)
    assert said(refused, 2)[0]["code"] == "session_closed"


def test_a_newer_connection_replaces_the_older_and_its_queue_is_not_done() -> None:
    """A resume on a new connection closes the older (4000); what it still sends is
    not executed."""
    room = egebakken()
    lone, token = join(room, 1, "Lone", NURSE)
    out = room.hello(2, hello(resume_token=token, last_seq=1), lone, "unused", NOW)
    assert out.closes == [Close(1, CLOSE_REPLACED, "replaced by a newer connection")]
    queued = room.receive(1, command("propose_draft", "lone-1", text=CARE), NOW)
    assert queued == Output() and not room.state.drafts
    assert room.leave(1) == Output() and room.connections == {lone: 2}


def test_the_lens_is_timed_for_facilitators_only_and_coalesced() -> None:
    """Without a facilitator online no lens is timed; with one, a burst asks once."""
    room = egebakken()
    join(room, 1, "Lone", NURSE)
    alone = room.receive(1, command("add_statement", "lone-1", text=BATHS), NOW)
    assert alone.timers == []
    join(room, 2, "Mette", "Leder", role="facilitator")
    burst = [
        room.receive(1, command("tag_statement", "lone-2", statement_id="s1", tag="effect"), NOW),
        room.receive(2, command("tag_statement", "mette-1", statement_id="s1", tag="output"), NOW),
    ]
    assert [out.timers for out in burst] == [[], []]  # Mette's join already asked for it
    lens = room.due("lens")
    assert [send.to for send in lens.sends] == [(2,)]
    assert said(lens, 2)[0]["type"] == "lens"
    assert room.due("lens") == Output()  # unchanged since: not sent again


def test_a_lens_round_follows_a_change_once_the_last_one_was_sent() -> None:
    """After a lens round, the next change asks for a new one LENS_DELAY later."""
    room = egebakken()
    join(room, 1, "Mette", "Leder", role="facilitator")
    room.due("lens")
    out = room.receive(1, command("add_statement", "mette-1", text=BATHS), NOW)
    assert out.timers == [Timer("lens", LENS_DELAY)]


def test_only_a_facilitator_may_export() -> None:
    """A participant's export is refused; the facilitator's is handed to the hub."""
    room = egebakken()
    join(room, 1, "Mette", "Leder", role="facilitator")
    join(room, 2, "Kim", ASSISTANT)
    refused = room.receive(2, command("export", "kim-1", format="md"), NOW)
    assert said(refused, 2)[0]["code"] == "forbidden" and refused.export is None
    asked = room.receive(1, command("export", "mette-1", format="html", lang="en"), NOW)
    assert asked.export == ExportJob(1, p.Export("mette-1", "html", "en"))


def test_revising_a_draft_tells_its_voters_their_dots_are_released() -> None:
    """Voters on a revised draft get a votes_released notice after the event."""
    room = egebakken()
    join(room, 1, "Mette", "Leder", role="facilitator")
    join(room, 2, "Kim", ASSISTANT)
    room.receive(1, command("propose_draft", "mette-1", text=CARE), NOW)
    room.receive(1, command("open_round", "mette-2", dots=2, blind=False), NOW)
    room.receive(2, command("cast_vote", "kim-1", draft_id="d1"), NOW)
    text = CARE + ", så længe det er muligt"
    out = room.receive(1, command("revise_draft", "mette-3", draft_id="d1", text=text), NOW)
    event, notice = said(out, 2)
    assert event["kind"] == "draft_revised"
    assert notice == {"type": "notice", "code": "votes_released", "draft_id": "d1"}


def test_a_dismissal_is_stored_by_the_hub_and_remembered_at_once() -> None:
    """A dismissal asks the hub to store it; the room's lens leaves it out from now on."""
    room = egebakken()
    join(room, 1, "Mette", "Leder", role="facilitator")
    frame = command("dismiss_suggestion", "mette-1", suggestion_id="split-statement-s1")
    out = room.receive(1, frame, NOW)
    assert out.commit == Dismissal("split-statement-s1")
    assert room.dismissed == {"split-statement-s1"}


def test_a_command_that_could_not_be_stored_is_answered_invalid_state() -> None:
    """If the hub cannot store the event, the sender hears invalid_state instead."""
    room = egebakken()
    join(room, 1, "Lone", NURSE)
    out = room.receive(1, command("propose_draft", "lone-1", text=CARE), NOW)
    assert said(Output(sends=out.lost), 1) == [
        {
            "type": "error",
            "id": "lone-1",
            "code": "invalid_state",
            "message": "the server could not store that",
        }
    ]


def test_a_join_that_could_not_be_stored_leaves_no_trace() -> None:
    """Rebuilt from the log after a lost join, the room forgets the joiner and its timer."""
    room = egebakken()
    lone = room.hello(1, hello(name="Lone", profession=NURSE), None, "token-1", NOW)
    room.due("presence")
    kim = room.hello(2, hello(name="Kim", profession=ASSISTANT), None, "token-2", NOW)
    assert isinstance(lone.commit, Append) and kim.timers
    stored = model.new_state(room.state.info)  # the log holds Lone's join only
    model.apply(stored, lone.commit.event)
    room.rebuilt(stored, {}, set(), lost=kim)
    assert room.connections == {"p1": 1} and 2 not in room.seats
    assert room.marks.presence_due is False


def test_a_frame_over_the_rate_limit_is_answered_with_its_id() -> None:
    """A refused frame's id is echoed with the wait, so it can be sent again later."""
    frame = command("add_statement", "kim-7", text=BATHS)
    assert json.loads(slow_down(frame, 0.0046)) == {
        "type": "error",
        "id": "kim-7",
        "code": "rate_limited",
        "message": "slow down",
        "retry_after": 0.005,
    }
