"""`kerne-tui join CODE` finds its server on the local network (multicast DNS on the
loopback interface here, which is where tests may send multicast)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kerne_tui.discovery import browse, find_session
from server import protocol as p
from server.announce import Announcer
from server.model import SessionInfo
from tests.realserver import Running, run_server
from tests.tui.drive import client, joined, until


@pytest.fixture
async def library(tmp_path: Path) -> AsyncIterator[Running]:
    """A second server in the room, a library's, that does not hold the test's code."""
    info = SessionInfo(code="", title="Biblioteket: hvad er vores kerneopgave?")
    running = await run_server(tmp_path / "library", info)
    try:
        yield running
    finally:
        await running.stop()


@pytest.fixture
async def announced(server: Running, library: Running) -> AsyncIterator[list[Announcer]]:
    """Both servers announce themselves, as `kerne-server --announce` does."""
    announcers = [Announcer(s.port, ["127.0.0.1"]) for s in (library, server)]
    for announcer in announcers:
        await announcer.start()
    try:
        yield announcers
    finally:
        for announcer in announcers:
            await announcer.stop()


async def test_browse_finds_both_servers(announced: list[Announcer]) -> None:
    """Both announcing servers are found, with their addresses."""
    found = await browse()
    names = {f.name for f in found}
    assert {a.name for a in announced} <= names
    assert all(f.url.startswith("ws://127.0.0.1:") and f.local for f in found)


async def test_code_picks_the_server_that_holds_it(
    server: Running, announced: list[Announcer]
) -> None:
    """Trying the code on each server finds the one whose session it is."""
    result = await find_session(server.code, await browse())
    assert isinstance(result, tuple)
    url, info = result
    assert url == server.url and info.title.startswith("Plejecenter Egebakken")


async def test_announcement_carries_no_code_or_title(
    server: Running, library: Running, announced: list[Announcer]
) -> None:
    """The records say kerne, protocol and a server name: never a code or a title."""
    found = [f for f in await browse() if f.name in {a.name for a in announced}]
    assert len(found) == 2
    for record in found:
        assert {key for key, _ in record.properties} == {"protocol", "server"}
        text = repr(record)
        for running in (server, library):
            for secret in (running.code, p.format_code(running.code), running.key):
                assert secret not in text
        assert "Plejecenter" not in text and "Biblioteket" not in text


async def test_client_joins_by_code_alone(
    server: Running, announced: list[Announcer], tmp_path: Path
) -> None:
    """With no --server, the app finds the right server and joins the session."""
    app = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    app.options.server = None
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: joined(app), timeout=15)
        assert app.options.server == server.url


async def test_no_server_in_reach_fails_fast_and_clearly(server: Running, tmp_path: Path) -> None:
    """Nobody announcing: the app says what to ask the facilitator for, in a few seconds."""
    app = client(server, tmp_path / "anne", "Anne", "Sygeplejerske", lang="da")
    app.options.server = None
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: not app.is_running, timeout=10)
    assert app.return_code == 2
