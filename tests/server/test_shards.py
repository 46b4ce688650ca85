"""`kerne-server serve --shards N`: one process per shard of the database, each session
served by exactly one of them, and every way in (a hello, a lookup, a phone's page)
finds the right one from any shard's port. Real processes, real sockets."""

from __future__ import annotations

import asyncio
import http.client
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from kerne_tui import messages as m
from kerne_tui.connection import Connection, Identity, lookup
from server import protocol as p
from tests.server.cli import cli
from tests.server.peer import hello, join
from tests.serverprocess import ServerProcess


@pytest.fixture
async def split(tmp_path: Path) -> AsyncIterator[tuple[ServerProcess, dict[str, Any]]]:
    """A database with a nursing home's session (made before it was split), served in two
    shards with a school's session made at the start: the new one goes to the emptier
    shard, so the two sessions are served by different processes."""
    db = tmp_path / "k.db"
    made = cli("new", "--db", str(db), "--title", "Plejecenter Solbakken")
    assert made.returncode == 0, made.stderr
    server = ServerProcess(
        db, tmp_path / "ready.json", "--shards", "2", "--title", "Skolen ved Søen"
    )
    try:
        yield server, await server.info()
    finally:
        server.stop()


def _shard(info: dict[str, Any], number: int) -> tuple[str, str]:
    """The URL of shard `number` (from 1) and its one session's code."""
    shard = info["shards"][number - 1]
    assert len(shard["sessions"]) == 1, info
    return shard["url"], shard["sessions"][0]


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


async def test_each_shard_serves_its_own_session(
    split: tuple[ServerProcess, dict[str, Any]],
) -> None:
    """The nursing home is in the first shard, the new school session in the second."""
    _, info = split
    (care_url, care), (school_url, school) = _shard(info, 1), _shard(info, 2)
    assert care_url != school_url and info["code"] == school
    nurse = await join(care_url, care, "Mette", "Sygeplejerske")
    teacher = await join(school_url, school, "Lars", "Lærer")
    assert nurse.welcome["state"]["session"]["title"] == "Plejecenter Solbakken"
    assert teacher.welcome["state"]["session"]["title"] == "Skolen ved Søen"
    await nurse.close()
    await teacher.close()


async def test_a_hello_at_the_other_shard_is_told_its_port(
    split: tuple[ServerProcess, dict[str, Any]],
) -> None:
    """Still `unknown_session` (a v1 client and discovery ask the next server), with the
    port of the shard that has the session."""
    _, info = split
    (care_url, _), (school_url, school) = _shard(info, 1), _shard(info, 2)
    peer, answer = await hello(care_url, school, name="Lars", profession="Lærer")
    assert answer["type"] == "error" and answer["code"] == "unknown_session"
    assert answer["port"] == _port(school_url)
    await peer.close()


async def test_a_code_no_shard_has_gets_no_port(
    split: tuple[ServerProcess, dict[str, Any]],
) -> None:
    """A guessed code is answered exactly as by one process: nothing points anywhere."""
    _, info = split
    care_url, _ = _shard(info, 1)
    peer, answer = await hello(care_url, "ZZZZZZZZ", name="Ukendt", profession="Pedel")
    assert answer["code"] == "unknown_session" and "port" not in answer
    await peer.close()


async def test_the_terminal_client_finds_the_session_from_any_shard(
    split: tuple[ServerProcess, dict[str, Any]],
) -> None:
    """`kerne-tui join CODE --server <first shard>` looks the school session up there and
    is sent on to the second shard, which answers."""
    _, info = split
    (care_url, _), (_, school) = _shard(info, 1), _shard(info, 2)
    answer = await lookup(care_url, school)
    assert isinstance(answer, p.SessionInfo) and answer.title == "Skolen ved Søen"


async def test_the_terminal_client_joins_at_the_shard_it_was_sent_to(
    split: tuple[ServerProcess, dict[str, Any]],
) -> None:
    """A client given the first shard's address (no lookup first, as a facilitator's
    `--facilitator` line does) is told the port on its hello and is welcomed there."""
    _, info = split
    (care_url, _), (school_url, school) = _shard(info, 1), _shard(info, 2)
    said: list[object] = []
    welcomed = asyncio.Event()

    def post(message: object) -> None:
        said.append(message)
        if isinstance(message, m.Welcomed):
            welcomed.set()

    link = Connection(care_url, Identity(school, "Lars", "Lærer"), post)
    running = asyncio.create_task(link.run())
    try:
        await welcomed.wait()
        assert link.url == school_url
        assert not any(isinstance(message, m.JoinRefused) for message in said)
    finally:
        link.stop()
        await running


def _get(port: int, path: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", path)
    return conn.getresponse()


@pytest.mark.parametrize("page", ["j", "screen"], ids=["join page", "projector"])
async def test_a_page_at_the_other_shard_is_sent_on(
    split: tuple[ServerProcess, dict[str, Any]], page: str
) -> None:
    """A join or projector page asked of the shard without the session redirects (307)
    to the same page on the shard with it, whose page then opens its WebSocket there."""
    _, info = split
    (care_url, _), (school_url, school) = _shard(info, 1), _shard(info, 2)
    moved = await asyncio.to_thread(_get, _port(care_url), f"/{page}/{school}")
    assert moved.status == 307
    assert moved.getheader("Location") == f"http://127.0.0.1:{_port(school_url)}/{page}/{school}"


async def test_a_page_at_its_own_shard_is_served(
    split: tuple[ServerProcess, dict[str, Any]],
) -> None:
    """The shard holding the session answers its join page itself."""
    _, info = split
    care_url, care = _shard(info, 1)
    here = await asyncio.to_thread(_get, _port(care_url), f"/j/{care}")
    assert here.status == 200


async def test_codes_guessed_through_the_page_count_as_failed_joins(
    split: tuple[ServerProcess, dict[str, Any]],
) -> None:
    """The redirect is no free oracle: page requests for codes no shard has count against
    the address as failed hellos do, so its next hellos are slowed."""
    _, info = split
    care_url, _ = _shard(info, 1)
    for guess in range(12):
        page = await asyncio.to_thread(_get, _port(care_url), f"/j/ZZZZ-ZZ{guess:02d}")
        assert page.status == 200  # the page itself is served; its lookup says no
    peer, first = await hello(care_url, "ZZZZ-ZZZY", name="x", profession="y")
    answers = [first]
    for attempt in range(2):
        await peer.send(
            {"type": "hello", "id": f"g{attempt}", "protocol": 1, "code": "ZZZZ-ZZZY"}
            | {"name": "x", "profession": "y"}
        )
        answers.append(await peer.next())
    assert "rate_limited" in [answer["code"] for answer in answers]
    await peer.close()


async def test_a_session_below_goes_to_its_parents_shard(tmp_path: Path) -> None:
    """A unit's session made with --parent-session lives beside its institution's, so the
    chosen core task reaches it without crossing processes."""
    db, ready = tmp_path / "k.db", tmp_path / "ready.json"
    assert cli("new", "--db", str(db), "--title", "Hjemmeplejen Nord").returncode == 0
    first = ServerProcess(
        db, ready, "--shards", "2", "--title", "Ældreområdet", "--level", "centre"
    )
    parent = (await first.info())["code"]
    assert first.stop() == 0
    second = ServerProcess(
        db, ready, "--shards", "2", "--parent-session", parent, "--title", "Team Øst"
    )
    try:
        info: dict[str, Any] = dict(await second.info())
        holding = [s["sessions"] for s in info["shards"] if info["code"] in s["sessions"]]
        assert holding and parent in holding[0]
    finally:
        second.stop()


async def test_the_commands_read_every_shard(
    split: tuple[ServerProcess, dict[str, Any]], tmp_path: Path
) -> None:
    """`sessions` lists both shards' sessions, `export` finds the one in the second."""
    _, info = split
    _, school = _shard(info, 2)
    db = str(tmp_path / "k.db")
    listed = cli("sessions", "--db", db)
    assert "Plejecenter Solbakken" in listed.stdout and "Skolen ved Søen" in listed.stdout
    minutes = cli("export", school, "--db", db)
    assert minutes.returncode == 0 and "Skolen ved Søen" in minutes.stdout


async def test_a_split_database_is_not_served_by_fewer_processes(
    split: tuple[ServerProcess, dict[str, Any]], tmp_path: Path
) -> None:
    """One process would leave the second shard's sessions unserved: refused in one line."""
    server, _ = split
    assert server.stop() == 0
    alone = cli("--db", str(tmp_path / "k.db"), "--host", "127.0.0.1", "--port", "0")
    assert alone.returncode == 2 and "--shards 2" in alone.stderr, alone.stderr


async def test_stopping_the_server_stops_every_shard(
    split: tuple[ServerProcess, dict[str, Any]],
) -> None:
    """SIGTERM to the process started: it exits 0 once no shard listens any more."""
    server, info = split
    assert server.stop() == 0
    for shard in info["shards"]:
        with pytest.raises(OSError):
            await asyncio.wait_for(asyncio.open_connection("127.0.0.1", _port(shard["url"])), 2)


async def _ended(pid: int) -> None:
    """Until process `pid` is gone (polled; the test's deadline bounds it)."""
    while Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid):
        await asyncio.sleep(0.05)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return ""


async def test_a_shard_outlives_no_killed_supervisor(
    split: tuple[ServerProcess, dict[str, Any]], tmp_path: Path
) -> None:
    """After SIGKILL of the process started, each shard notices at once and stops, so a
    restart on the same database is not refused by their locks."""
    server, info = split
    server.kill()
    for shard in info["shards"]:
        await _ended(int(shard["pid"]))
    again = ServerProcess(tmp_path / "k.db", tmp_path / "again.json", "--shards", "2")
    try:
        restarted: dict[str, Any] = dict(await again.info())
        assert sorted(restarted["sessions"]) == sorted(info["sessions"])
    finally:
        again.stop()


async def test_sigterm_during_the_start_stops_everything_cleanly(tmp_path: Path) -> None:
    """Told to stop while its shards are still starting: exit 0, no ready file, and
    nothing left holding the database."""
    db, ready = tmp_path / "k.db", tmp_path / "ready.json"
    assert cli("new", "--db", str(db), "--title", "Hjemmeplejen Syd").returncode == 0
    starting = ServerProcess(db, ready, "--shards", "2")
    while not (tmp_path / "k.db.lock").exists():  # the first shard has started
        await asyncio.sleep(0.01)
    assert await asyncio.to_thread(starting.stop) == 0
    assert not ready.exists()
    again = ServerProcess(db, ready, "--shards", "2")
    try:
        await again.info()
    finally:
        again.stop()


async def test_admit_with_session_switches_only_that_sessions_lobby(
    split: tuple[ServerProcess, dict[str, Any]], tmp_path: Path
) -> None:
    """`--session CODE --admit` switches the lobby of that session on, as one server
    does, and leaves the other shard's sessions as they were."""
    server, info = split
    (care_url, care), (school_url, school) = _shard(info, 1), _shard(info, 2)
    assert server.stop() == 0
    again = ServerProcess(
        tmp_path / "k.db", tmp_path / "again.json", "--shards", "2", "--session", school, "--admit"
    )
    try:
        shown: dict[str, Any] = dict(await again.info())
        school_url, care_url = shown["shards"][1]["url"], shown["shards"][0]["url"]
        _, waiting = await hello(school_url, school, name="Lars", profession="Lærer")
        assert waiting["type"] == "waiting"
        nurse = await join(care_url, care, "Mette", "Sygeplejerske")
        await nurse.close()
    finally:
        again.stop()


async def test_session_names_the_one_to_show_whichever_shard_holds_it(
    split: tuple[ServerProcess, dict[str, Any]], tmp_path: Path
) -> None:
    """`--session CODE` with shards: nothing new is made, and the ready file points at the
    shard that holds the school's session."""
    server, info = split
    (_, care), (_, school) = _shard(info, 1), _shard(info, 2)
    assert server.stop() == 0
    again = ServerProcess(
        tmp_path / "k.db", tmp_path / "again.json", "--shards", "2", "--session", school
    )
    try:
        shown: dict[str, Any] = dict(await again.info())
        assert shown["code"] == school and shown["url"] == shown["shards"][1]["url"]
        assert sorted(shown["shards"][0]["sessions"] + shown["shards"][1]["sessions"]) == sorted(
            [care, school]
        )
    finally:
        again.stop()
