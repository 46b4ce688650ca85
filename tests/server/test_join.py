"""Joining a session: hello, welcome, roles, resume and the closed session."""

from __future__ import annotations

import asyncio
import json

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from server import protocol as p
from server.limits import JoinRate
from tests.realserver import Running
from tests.server.peer import hello, join


async def test_participant_gets_welcome_with_snapshot(server: Running) -> None:
    """A new participant gets an id, a resume token, the seq and the full snapshot."""
    anne = await join(server.url, server.code, "Anne", "Sygeplejerske")
    welcome = anne.welcome
    assert welcome["id"] == "hello" and welcome["protocol"] == 1
    assert welcome["participant"] == {
        "id": "p1",
        "name": "Anne",
        "profession": "Sygeplejerske",
        "role": "participant",
    } | {"votes": True}
    assert len(welcome["resume_token"]) >= 22
    assert welcome["seq"] == 1
    state = welcome["state"]
    assert state["session"]["code"] == p.format_code(server.code)
    assert state["session"]["phase"] == "checkin"
    assert state["session"]["settings"] == {"anonymous": True, "k_anonymity": 3}
    assert [x["name"] for x in state["participants"]] == ["Anne"]
    assert welcome["mine"] == {"my_votes": [], "my_tags": {}, "my_items": []}


@pytest.mark.parametrize("typed", ["{dashed}", "{lower}", "{spaced}"])
async def test_code_is_typed_loosely(server: Running, typed: str) -> None:
    """Join codes work in any case, with or without a dash or spaces."""
    shown = p.format_code(server.code)
    code = typed.format(dashed=shown, lower=shown.lower(), spaced=shown.replace("-", " "))
    peer = await join(server.url, code, "Bo", "Lærer")
    await peer.close()


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"code": "ZZZZ-ZZZZ", "name": "Bo", "profession": "Lærer"}, "unknown_session"),
        ({"code": "not a code", "name": "Bo", "profession": "Lærer"}, "unknown_session"),
        ({"name": "Bo", "profession": "Lærer", "protocol": 2}, "unsupported_protocol"),
        ({"name": "", "profession": "Lærer"}, "invalid"),
        ({"name": "\u202e\t", "profession": "Lærer"}, "invalid"),
        ({"name": "Bo"}, "invalid"),
        ({"name": "Bo", "profession": "Lærer", "votes": False}, "invalid"),
        ({"name": "x" * 61, "profession": "Lærer"}, "too_long"),
        ({"name": "Bo", "role": "facilitator", "facilitator_key": "guess"}, "bad_facilitator_key"),
        ({"name": "Bo", "role": "king", "profession": "Lærer"}, "invalid"),
        ({"resume_token": "not-a-token"}, "bad_resume_token"),
    ],
)
async def test_refused_hello_names_the_reason(
    server: Running, fields: dict[str, object], code: str
) -> None:
    """Every refused hello gets its documented code, and the connection stays usable."""
    fields = {"code": server.code, **fields}
    peer, answer = await hello(server.url, **fields)  # type: ignore[arg-type]
    assert answer["type"] == "error" and answer["code"] == code, answer
    assert answer["id"] == "hello"
    await peer.send(
        {
            "type": "hello",
            "id": "again",
            "protocol": 1,
            "code": server.code,
            "name": "Bo",
            "profession": "Lærer",
        }
    )
    assert (await peer.next())["type"] == "welcome"


async def test_first_message_must_be_hello(server: Running) -> None:
    """A command before hello is answered with hello_required."""
    async with connect(server.url) as ws:
        await ws.send('{"type": "propose_draft", "id": "c1", "text": "Vi lærer børn at lære"}')
        assert '"hello_required"' in str(await ws.recv())


async def test_second_hello_is_invalid_state(server: Running) -> None:
    """A connection that already joined cannot say hello again."""
    anne = await join(server.url, server.code, "Anne", "Sygeplejerske")
    await anne.send(
        {
            "type": "hello",
            "id": "h2",
            "protocol": 1,
            "code": server.code,
            "name": "Anne",
            "profession": "Sygeplejerske",
        }
    )
    error = await anne.expect("error")
    assert (error["id"], error["code"]) == ("h2", "invalid_state")


async def test_observer_is_listed_but_cannot_write(server: Running) -> None:
    """An observer is a participant in the list and in presence, and writes nothing."""
    olga = await join(server.url, server.code, "Olga", None, role="observer")
    assert olga.welcome["participant"]["role"] == "observer"
    assert olga.welcome["participant"]["votes"] is False
    presence = await olga.expect("presence")
    assert olga.pid in presence["online"]
    assert await olga.refused("add_statement", text="Antal hjemmebesøg") == "forbidden"


async def test_facilitator_may_join_without_voting(server: Running) -> None:
    """A facilitator with the key may say votes: false and still writes."""
    mette = await join(
        server.url,
        server.code,
        "Mette",
        "Leder",
        role="facilitator",
        facilitator_key=server.key,
        votes=False,
    )
    assert mette.welcome["participant"]["role"] == "facilitator"
    await mette.ok("propose_draft", text="Beboerne lever et godt liv")
    await mette.ok("open_round", dots=2, blind=False)
    assert await mette.refused("cast_vote", draft_id="d1") == "forbidden"


async def test_others_see_a_newcomer_join(server: Running) -> None:
    """Everyone already there gets participant_joined and new presence."""
    anne = await join(server.url, server.code, "Anne", "Sygeplejerske")
    await join(server.url, server.code, "Dina", "Social- og sundhedsassistent")
    event = await anne.event("participant_joined")
    assert event["actor"] == "p2" and event["seq"] == 2
    assert event["data"]["participant"]["name"] == "Dina"
    presence = await anne.expect("presence", online=["p1", "p2"])
    assert presence["online"] == ["p1", "p2"]


async def test_resume_with_last_seq_sends_missed_events(server: Running) -> None:
    """A participant who was away gets state null and exactly the events it missed."""
    anne = await join(server.url, server.code, "Anne", "Sygeplejerske")
    token, seen = anne.token, anne.seq
    await anne.ok("propose_draft", text="Vi skaber tryghed i hverdagen")
    await anne.close()
    bo = await join(server.url, server.code, "Bo", "Sygeplejerske")
    await bo.ok("add_statement", text="Antal bade pr. uge")
    back, answer = await hello(server.url, server.code, resume_token=token, last_seq=seen)
    assert answer["type"] == "welcome" and answer["state"] is None
    assert answer["participant"]["id"] == "p1" and answer["resume_token"] == token
    assert answer["mine"]["my_items"] == ["d1"]
    kinds = [(await back.expect("event"))["kind"] for _ in range(3)]
    assert kinds == ["draft_proposed", "participant_joined", "statement_added"]
    assert [e["seq"] for e in back.events] == [2, 3, 4] and answer["seq"] == 4


async def test_resume_without_last_seq_gets_snapshot_and_no_duplicate(server: Running) -> None:
    """Resuming with last_seq 0 gives a full snapshot; no second participant appears."""
    anne = await join(server.url, server.code, "Anne", "Sygeplejerske")
    await anne.close()
    _back, answer = await hello(
        server.url, server.code, resume_token=anne.token, last_seq=0, name="Someone else"
    )
    assert answer["state"] is not None
    assert [x["name"] for x in answer["state"]["participants"]] == ["Anne"]


async def test_newer_connection_replaces_older_with_4000(server: Running) -> None:
    """The same participant on a second connection closes the first with code 4000."""
    anne = await join(server.url, server.code, "Anne", "Sygeplejerske")
    await join(server.url, server.code, "Anne", resume_token=anne.token, last_seq=0)
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            await anne.next()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4000


async def test_closed_session_admits_only_readers(server: Running) -> None:
    """After close_session: new participants are refused; resumes, facilitators and
    observers are welcomed read-only, without any new event."""
    anne = await join(server.url, server.code, "Anne", "Sygeplejerske")
    mette = await join(
        server.url, server.code, "Mette", "Leder", role="facilitator", facilitator_key=server.key
    )
    await mette.ok("close_session")
    seq = (await anne.event("session_closed"))["seq"]
    _, answer = await hello(server.url, server.code, name="Bo", profession="Lærer")
    assert answer["code"] == "session_closed"
    olga = await join(server.url, server.code, "Olga", None, role="observer")
    assert olga.welcome["seq"] == seq and olga.welcome["state"]["session"]["closed"]
    key = await join(
        server.url, server.code, "Mette", "Leder", role="facilitator", facilitator_key=server.key
    )
    assert await key.refused("set_phase", phase="wrapup") == "session_closed"
    back = await join(server.url, server.code, "x", resume_token=anne.token, last_seq=seq)
    assert await back.refused("add_statement", text="For sent") == "session_closed"
    assert server.hub.sessions[server.code].state.seq == seq


async def test_failed_joins_slow_an_address_down(server: Running) -> None:
    """After 10 failed joins in a minute, hellos from that address get rate_limited."""
    peer, _ = await hello(server.url, "ZZZZ-ZZZZ", name="x", profession="y")
    answers = []
    for attempt in range(12):
        await peer.send(
            {
                "type": "hello",
                "id": f"g{attempt}",
                "protocol": 1,
                "code": "ZZZZ-ZZZY",
                "name": "x",
                "profession": "y",
            }
        )
        answers.append(await peer.next())
    codes = [a["code"] for a in answers]
    assert "rate_limited" in codes
    limited = next(a for a in answers if a["code"] == "rate_limited")
    assert 0 < limited["retry_after"] <= 1
    await asyncio.sleep(0)


async def test_lookup_before_hello_names_the_session(server: Running) -> None:
    """A join screen may ask what a code opens before saying hello; nothing is recorded."""
    async with connect(server.url) as ws:
        code = p.format_code(server.code).lower()
        await ws.send(f'{{"type": "lookup", "id": "l1", "protocol": 1, "code": "{code}"}}')
        info = json.loads(await ws.recv())
        assert info["type"] == "session_info" and info["id"] == "l1"
        assert info["title"] == "Plejecenter Egebakken: hvad er vores kerneopgave?"
        assert info["professions"][0] == "Sygeplejerske" and info["closed"] is False
        await ws.send('{"type": "lookup", "id": "l2", "protocol": 1, "code": "ZZZZ-ZZZZ"}')
        assert json.loads(await ws.recv())["code"] == "unknown_session"
    assert server.hub.sessions[server.code].state.seq == 0


async def test_resume_ignores_the_fields_it_does_not_use(server: Running) -> None:
    """A resume keeps the participant as it was; odd name or role fields are not judged."""
    anne = await join(server.url, server.code, "Anne", "Sygeplejerske")
    await anne.close()
    back = await join(
        server.url, server.code, "x" * 500, resume_token=anne.token, role="king", last_seq=0
    )
    assert back.welcome["participant"]["name"] == "Anne"


async def test_session_added_while_serving_can_be_joined(server: Running) -> None:
    """A session added to the database after start (`kerne-server new`) is found by code."""
    code, key = server.new_session("Jobcenter Nord: hvad skaber værdi for borgeren?")
    peer = await join(server.url, p.format_code(code), "Jonas", "Jobkonsulent")
    assert peer.welcome["state"]["session"]["title"].startswith("Jobcenter Nord")
    facilitator = await join(
        server.url, code, "Mette", "Leder", role="facilitator", facilitator_key=key
    )
    assert facilitator.welcome["participant"]["role"] == "facilitator"


async def test_a_hello_whose_welcome_was_lost_is_answered_with_the_same_participant(
    server: Running,
) -> None:
    """A hello sent again with its join id, after the welcome to the first was never
    read, seats the same participant: one participant_joined, no ghost."""
    mette = await join(
        server.url, server.code, "Mette", "Leder", role="facilitator", facilitator_key=server.key
    )
    anne = {"name": "Anne", "profession": "Sygeplejerske", "join_id": "zQ3vW8yK1sN5bT7pR2mX4c"}
    async with connect(server.url) as lost:
        first = {"type": "hello", "id": "hello-1", "protocol": 1, "code": server.code, **anne}
        await lost.send(json.dumps(first))
    await mette.event("participant_joined")  # the server seated her; she never heard it
    back, answer = await hello(server.url, server.code, **anne)
    assert answer["type"] == "welcome", answer
    assert answer["participant"]["name"] == "Anne"
    assert [x["name"] for x in answer["state"]["participants"]] == ["Mette", "Anne"]
    await mette.ok("add_statement", text="Antal beboere, der selv vælger badetid")
    assert [e["kind"] for e in mette.events].count("participant_joined") == 1
    again, resumed = await hello(server.url, server.code, resume_token=answer["resume_token"])
    assert resumed["participant"]["id"] == answer["participant"]["id"]
    await again.close()
    await back.close()


async def test_new_participants_from_one_address_are_limited_and_resumes_are_not(
    server: Running,
) -> None:
    """Past the join rate, a new participant is refused rate_limited with retry_after and
    nothing is recorded; a participant coming back with its token is never limited."""
    server.hub.rooms.join_rate = JoinRate(burst=3, loopback=True)
    staff = [
        await join(server.url, server.code, name, "Social- og sundhedsassistent")
        for name in ("Dina", "Emil", "Fatima")
    ]
    peer, answer = await hello(server.url, server.code, name="Kim", profession="Sygeplejerske")
    assert (answer["code"], answer["id"]) == ("rate_limited", "hello")
    assert answer["retry_after"] == pytest.approx(2.0, abs=0.1)
    assert len(server.hub.sessions[server.code].state.participants) == 3
    await staff[0].close()
    back = await join(server.url, server.code, "Dina", resume_token=staff[0].token)
    assert back.pid == staff[0].pid
    await peer.close()


async def test_joins_from_this_machine_are_not_limited_by_default(server: Running) -> None:
    """Loopback, where the facilitator's own terminal, tests and benchmarks connect, is
    exempt from the join rate unless the server is told otherwise."""
    for n in range(70):
        peer = await join(server.url, server.code, f"Elev {n}", "Lærer")
        await peer.close()
    assert len(server.hub.sessions[server.code].state.participants) == 70
