"""Admission, removal and muting over real sockets (additions to v1).

Plejecenter Egebakken on the real server: Mette facilitates from her own terminal;
newcomers wait to be admitted when she switches the lobby on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed

from server.limits import JoinRate
from server.rooms import join_token
from server.store import Store
from tests.realserver import Running
from tests.server.cli import cli, started, stopped
from tests.server.peer import Peer, hello, join

NURSE = "Sygeplejerske"
ASSISTANT = "Social- og sundhedsassistent"
JOIN_ID = "Wq3m9Lx0T5r8Yc2VbN7hKgA"


async def facilitator(server: Running) -> Peer:
    return await join(
        server.url, server.code, "Mette", "Leder", role="facilitator", facilitator_key=server.key
    )


async def lobby(peer: Peer) -> list[dict[str, Any]]:
    return list((await peer.expect("lobby"))["waiting"])


async def test_without_the_lobby_a_v1_hello_is_answered_by_its_welcome(server: Running) -> None:
    """Off by default: the first frame after a hello is the welcome, as in v1."""
    _peer, answer = await hello(server.url, server.code, name="Anne", profession=NURSE)
    assert answer["type"] == "welcome"
    assert "admit" not in answer["state"]["session"]


async def test_a_newcomer_waits_until_the_facilitator_admits_them(server: Running) -> None:
    """Lobby on: `waiting`, then (admitted) the welcome to that same hello."""
    mette = await facilitator(server)
    await mette.ok("set_admission", admit=True)
    assert await lobby(mette) == []
    anne, answer = await hello(server.url, server.code, name="Anne", profession=NURSE)
    assert answer == {"type": "waiting", "id": "hello", "title": answer["title"]}
    waiting = await lobby(mette)
    assert waiting == [{"id": "w1", "name": "Anne", "profession": NURSE, "role": "participant"}]
    await mette.send({"type": "admit", "id": "m-admit", "waiting_id": "w1"})
    welcome = await anne.expect("welcome")
    assert welcome["id"] == "hello" and welcome["participant"]["name"] == "Anne"
    assert [x["name"] for x in welcome["state"]["participants"]] == ["Mette", "Anne"]
    assert await lobby(mette) == []


async def test_admit_everyone_waiting_is_one_request(server: Running) -> None:
    """`admit` without a waiting id seats everyone who waits, each welcomed."""
    mette = await facilitator(server)
    await mette.ok("set_admission", admit=True)
    people = [("Anne", NURSE), ("Bo", NURSE), ("Dina", ASSISTANT)]
    waiting = [(await hello(server.url, server.code, name=n, profession=x))[0] for n, x in people]
    await mette.send({"type": "admit", "id": "m-all"})
    for peer in waiting:
        assert (await peer.expect("welcome"))["participant"]["role"] == "participant"
    joined = [await mette.event("participant_joined") for _ in people]
    assert sorted(x["data"]["participant"]["name"] for x in joined) == ["Anne", "Bo", "Dina"]


async def test_a_newcomer_turned_away_is_told_and_closed(server: Running) -> None:
    """`reject`: `not_admitted` to the hello, close 4004; the same join id again is refused."""
    mette = await facilitator(server)
    await mette.ok("set_admission", admit=True)
    anne, _ = await hello(server.url, server.code, name="Anne", profession=NURSE, join_id=JOIN_ID)
    await lobby(mette)
    await mette.send({"type": "reject", "id": "m-no", "waiting_id": "w1"})
    error = await anne.expect("error")
    assert (error["id"], error["code"]) == ("hello", "not_admitted")
    with pytest.raises(ConnectionClosed) as closed:
        await anne.next()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4004
    _again, answer = await hello(
        server.url, server.code, name="Anne", profession=NURSE, join_id=JOIN_ID
    )
    assert answer["code"] == "not_admitted"


async def test_a_removed_participant_is_closed_and_cannot_come_back(server: Running) -> None:
    """Removal closes the connection (4003); neither the token nor the join id opens it."""
    mette = await facilitator(server)
    anne = await join(server.url, server.code, "Anne", NURSE, join_id=JOIN_ID)
    await mette.ok("remove_participant", participant_id=anne.pid, reason="Ikke en del af mødet")
    removal = await anne.event("participant_removed")
    assert removal["data"]["participant_id"] == anne.pid
    with pytest.raises(ConnectionClosed) as closed:
        await anne.next()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4003
    _by_token, answer = await hello(server.url, server.code, resume_token=anne.token)
    assert answer["code"] == "removed"
    _by_join, answer = await hello(
        server.url, server.code, name="Anne", profession=NURSE, join_id=JOIN_ID
    )
    assert answer["code"] == "removed"
    assert anne.token == join_token(server.code, JOIN_ID)


async def test_a_muted_participant_is_refused_with_muted_and_stays(server: Running) -> None:
    """A muted participant's statement is refused `muted`; their tag is still taken."""
    mette = await facilitator(server)
    anne = await join(server.url, server.code, "Anne", NURSE)
    bo = await join(server.url, server.code, "Bo", NURSE)
    await bo.ok("add_statement", text="Beboeren vælger selv, hvornår hun vil i bad")
    await mette.ok("mute_participant", participant_id=anne.pid, muted=True)
    assert await anne.refused("add_statement", text="Spam") == "muted"
    await anne.ok("tag_statement", statement_id="s1", tag="effect")


async def test_removing_writings_is_one_event_and_survives_a_restart(server: Running) -> None:
    """All Anne wrote goes in one event; after a restart a fresh hello shows the same."""
    mette = await facilitator(server)
    anne = await join(server.url, server.code, "Anne", NURSE)
    for n in range(3):
        await anne.ok("add_statement", text=f"Vi holder {40 + n} samtaler om ugen")
    await anne.ok("propose_draft", text="Vi leverer flest bade")
    ack = await mette.ok("remove_writings", participant_id=anne.pid, reason="Gentagelser")
    await server.restart()
    fresh = await join(server.url, server.code, "Bo", NURSE)
    state = fresh.welcome["state"]
    assert all(x["removed"] and x["text"] is None for x in state["statements"])
    assert all(x["removed"] for x in state["drafts"])
    assert fresh.welcome["seq"] == ack["seq"] + 1


async def test_a_join_after_the_first_figure_is_a_notice_to_the_facilitator(
    server: Running,
) -> None:
    """Lobby off: once someone tagged, each newcomer is named to the facilitator."""
    mette = await facilitator(server)
    anne = await join(server.url, server.code, "Anne", NURSE)
    await anne.ok("add_statement", text="Beboeren vælger selv")
    await anne.ok("tag_statement", statement_id="s1", tag="effect")
    late = await join(server.url, server.code, "Bo", NURSE)
    notice = await mette.expect("notice")
    assert notice == {"type": "notice", "code": "joined", "participant_id": late.pid}


def test_new_with_admit_makes_a_session_whose_lobby_is_on(tmp_path: Path) -> None:
    """`kerne-server new --admit`: the session's first event switches the lobby on."""
    db = tmp_path / "k.db"
    result = cli("new", "--db", str(db), "--title", "Jobcenter Nord", "--admit")
    assert result.returncode == 0, result.stderr
    code = re.search(r"join code:\s+(\S+)", result.stdout)
    assert code is not None
    store = Store(db)
    try:
        kinds = [row.event.kind for row in store.events(code.group(1).replace("-", ""))]
    finally:
        store.close()
    assert kinds == ["admission_changed"]


async def test_serve_with_admit_puts_newcomers_in_the_lobby(tmp_path: Path) -> None:
    """`kerne-server --admit` (a new session, then a restart with the same command)."""
    db = tmp_path / "k.db"
    for _start in range(2):
        proc, text = await started(db, "--admit")
        try:
            match = re.search(r"kerne-tui join (\S+) --server (ws://\S+)", text)
            assert match, text
            _peer, answer = await hello(
                match.group(2), match.group(1), name="Pernille", profession="Psykolog"
            )
            assert answer["type"] == "waiting"
        finally:
            await stopped(proc)


async def test_a_waiting_hello_said_again_is_not_a_second_join(server: Running) -> None:
    """A waiting phone that lost its connection says its hello again on a new one before
    the server noticed: same place in the lobby, and the address's join rate is not
    spent a second time (three joins: Mette, Anne once, Bent)."""
    server.hub.rooms.join_rate = JoinRate(burst=3, loopback=True)
    mette = await facilitator(server)
    await mette.ok("set_admission", admit=True)
    assert await lobby(mette) == []
    tries = []
    for _again in range(3):
        anne, answer = await hello(
            server.url, server.code, name="Anne", profession=NURSE, join_id=JOIN_ID
        )
        assert answer["type"] == "waiting", answer
        assert [x["id"] for x in await lobby(mette)] == ["w1"]
        tries.append(anne)
    bent, answer = await hello(server.url, server.code, name="Bent", profession=ASSISTANT)
    assert answer["type"] == "waiting", answer
    for peer in (*tries, bent):
        await peer.close()
