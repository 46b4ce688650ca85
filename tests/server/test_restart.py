"""A real `kerne-server` process killed with SIGKILL loses no acknowledged change."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.server.peer import hello, join
from tests.serverprocess import ServerProcess


@pytest.fixture
async def processes(tmp_path: Path) -> AsyncIterator[list[ServerProcess]]:
    """Every server process a test starts, killed at the end whatever happened."""
    started: list[ServerProcess] = []
    yield started
    for process in started:
        if process.proc.poll() is None:
            process.kill()


async def test_acked_changes_survive_sigkill(
    tmp_path: Path, processes: list[ServerProcess]
) -> None:
    """After SIGKILL and a restart, every acked event is there and clients resume."""
    db, ready = tmp_path / "kerne.db", tmp_path / "ready.json"
    processes.append(ServerProcess(db, ready, "--title", "Skolen ved Søen: kerneopgaven"))
    info = await processes[0].info()
    url, code, key = info["url"], info["code"], info["facilitator_key"]
    mette = await join(url, code, "Mette", "Skoleleder", role="facilitator", facilitator_key=key)
    lærer = await join(url, code, "Lars", "Lærer")
    pædagog = await join(url, code, "Pia", "Pædagog")
    acks = [
        await lærer.ok("propose_draft", id="l1", text="Alle elever lærer så meget de kan"),
        await pædagog.ok("propose_draft", id="p1", text="Børn trives og lærer i fællesskab"),
        await mette.ok("open_round", id="m1", dots=2, blind=True),
        await lærer.ok("cast_vote", id="l2", draft_id="d2"),
        await pædagog.ok("cast_vote", id="p2", draft_id="d2"),
        await pædagog.ok("add_statement", id="p3", text="Antal timer med to voksne"),
        await lærer.ok("tag_statement", id="l3", statement_id="s1", tag="output"),
    ]
    last_seen = lærer.seq
    processes[0].kill()

    processes.append(ServerProcess(db, ready, "--session", code))
    url = (await processes[1].info())["url"]
    # The teacher comes back with his token and the last event he had seen.
    back, welcome = await hello(url, code, resume_token=lærer.token, last_seq=last_seen)
    assert welcome["type"] == "welcome" and welcome["state"] is None
    assert welcome["seq"] == acks[-1]["seq"]
    assert welcome["mine"]["my_votes"] == ["d2"]
    assert welcome["mine"]["my_tags"] == {"s1": "output"}
    for _ in range(welcome["seq"] - last_seen):
        await back.expect("event")
    assert [e["seq"] for e in back.events] == list(range(last_seen + 1, welcome["seq"] + 1))
    # Re-sending an acked command after the restart changes nothing.
    again = await back.ok("propose_draft", id="l1", text="Alle elever lærer så meget de kan")
    assert again == acks[0]
    # The facilitator's fresh snapshot holds every acked change.
    fac, answer = await hello(url, code, resume_token=mette.token, last_seq=0)
    state = answer["state"]
    assert [d["id"] for d in state["drafts"]] == ["d1", "d2"]
    assert state["rounds"][0]["voters"] == 2 and state["rounds"][0]["tally"] is None
    assert state["statements"][0]["tally"] == {"output": 1, "effect": 0}
    await fac.ok("close_round")
    closed = await fac.event("round_closed")
    assert closed["data"]["round"]["tally"] == {"d2": 2}


async def test_restart_resumes_every_open_session(
    tmp_path: Path, processes: list[ServerProcess]
) -> None:
    """A server started on a database rebuilds every open session it holds."""
    db, ready = tmp_path / "kerne.db", tmp_path / "ready.json"
    processes.append(ServerProcess(db, ready, "--title", "Biblioteket"))
    info = await processes[0].info()
    bib = await join(info["url"], info["code"], "Birgit", "Bibliotekar")
    await bib.ok("add_statement", text="Udlån pr. indbygger")
    processes[0].kill()
    processes.append(ServerProcess(db, ready, "--title", "Jobcentret"))
    info2 = await processes[1].info()
    assert info2["code"] != info["code"]
    _, welcome = await hello(info2["url"], info["code"], resume_token=bib.token, last_seq=0)
    assert welcome["state"]["statements"][0]["text"] == "Udlån pr. indbygger"
