"""One participant flooding within the rate limit is a nuisance, not an outage: the
terminal keeps answering keys and follows the facilitator while statements pour in.

The real server runs in its own process, as at a workshop, and the flood comes from its
own thread, so neither slows down when the app is busy (which would hide the lag).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from textual.widgets import TabbedContent
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection
from websockets.sync.client import connect as connect_sync

from kerne_tui.app import KerneApp, make_app, options_from
from tests.server.peer import Peer, join
from tests.serverprocess import ServerProcess
from tests.tui.drive import joined, until

SEEDED = 1000  # statements already there when the app joins: a long day's worth
FLOOD_RATE = 25.0  # a second: under the 30 a second that is never limited
FLOOD_MOST = 400
FLOOD_BEFORE_KEY = 150  # six seconds of it
FLOOD_SECONDS = 16.0
PROMPT = 2.0  # seconds: generous on a loaded 2-core machine; the fault took 32 s


class Flooder(threading.Thread):
    """Kim, a care assistant, sending statements at 25 a second (bounded in count and
    time) on a raw websocket, reading whatever comes back so he is never cut off."""

    def __init__(self, url: str, code: str) -> None:
        super().__init__(daemon=True)
        self.url, self.code = url, code
        self.stop = threading.Event()
        self.sent = 0
        self.refused = 0

    def run(self) -> None:
        with connect_sync(self.url, max_size=None) as ws:
            hello = {"type": "hello", "id": "h", "protocol": 1, "code": self.code}
            ws.send(
                json.dumps(hello | {"name": "Kim", "profession": "Social- og sundhedsassistent"})
            )
            start = time.monotonic()
            while not self.stop.is_set() and self.sent < FLOOD_MOST:
                if time.monotonic() - start > FLOOD_SECONDS:
                    break
                text = f"Antal beboere med bad før kl. 9, opgørelse {self.sent}"
                ws.send(json.dumps({"type": "add_statement", "id": f"k{self.sent}", "text": text}))
                self.sent += 1
                self.drain(ws)
                self.stop.wait(1 / FLOOD_RATE)

    def drain(self, ws: ClientConnection) -> None:
        while True:
            try:
                frame = ws.recv(timeout=0)
            except TimeoutError:
                return
            if '"rate_limited"' in str(frame):
                self.refused += 1


@pytest.fixture
async def workshop(tmp_path: Path) -> AsyncIterator[dict[str, str]]:
    """A real server process with a session that already holds SEEDED statements."""
    process = ServerProcess(
        tmp_path / "kerne.db", tmp_path / "ready.json", "--title", "Plejecenter Egebakken"
    )
    try:
        info = await process.info()
        await seed(info["url"], info["code"])
        yield info
    finally:
        process.kill()


async def seed(url: str, code: str) -> None:
    """SEEDED statements from 20 colleagues at once, each within its burst of 60; each
    reads to the last one before it leaves (a close waits for what is still coming)."""
    last = SEEDED + 20  # the seq of the last statement: 20 joins, then the statements

    async def colleague(n: int) -> None:
        peer = await join(url, code, f"Kollega {n}", "Sygeplejerske")
        for i in range(SEEDED // 20):
            await peer.send({"type": "add_statement", "id": f"s{i}", "text": f"Udsagn {n}.{i}"})
        await peer.expect("event", seq=last)
        await peer.close()

    await asyncio.gather(*(colleague(n) for n in range(20)))


async def keep_reading(peer: Peer) -> None:
    """The facilitator's own screen reads everything, as every honest client does (one
    that stops reading is cut off by the server)."""
    with contextlib.suppress(ConnectionClosed):
        async for _frame in peer.ws:
            pass


async def within(condition: Callable[[], object], timeout: float = 15.0) -> float:
    """Seconds until `condition()` holds, looked at every 20 ms as a person would look at
    the screen. (Pilot's own pause waits for every widget's queue to drain, which under a
    flood measures the test harness, not the app.)"""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(0.02)
    return time.monotonic() - start


def phase_of(app: KerneApp) -> str | None:
    return app.view.snapshot.session.phase if app.view is not None else None


def statements(app: KerneApp) -> int:
    return len(app.view.snapshot.statements) if app.view is not None else 0


async def test_keys_and_the_facilitator_get_through_a_flood(
    workshop: dict[str, str], tmp_path: Path
) -> None:
    """While one participant floods at 25 statements a second, a key press switches the
    area within 2 s and the facilitator's phase change reaches the screen within 2 s."""
    url, code = workshop["url"], workshop["code"]
    mette: Peer = await join(
        url, code, "Mette", "Leder", role="facilitator", facilitator_key=workshop["facilitator_key"]
    )
    home = tmp_path / "anne"
    home.mkdir()
    anne = make_app(
        options_from(
            code, server=url, name="Anne", profession="Sygeplejerske", config_dir=home, env={}
        )
    )
    listening = asyncio.create_task(keep_reading(mette))
    flooder = Flooder(url, code)
    press: asyncio.Task[None] | None = None
    async with anne.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: joined(anne) and statements(anne) >= SEEDED)
        areas = anne.screen.query_one(TabbedContent)
        flooder.start()
        try:
            await within(lambda: flooder.sent >= FLOOD_BEFORE_KEY)
            press = asyncio.create_task(pilot.press("3"))
            key_took = await within(lambda: areas.active == "conflicts")
            await mette.send({"type": "set_phase", "id": "m1", "phase": "statements"})
            phase_took = await within(
                lambda: phase_of(anne) == "statements" and areas.active == "statements"
            )
            flooding = flooder.is_alive()
        finally:
            flooder.stop.set()
            await asyncio.to_thread(flooder.join)
            listening.cancel()
            if press is not None:
                await press
    assert flooding and flooder.refused == 0, "the flood ended early or was rate limited"
    assert key_took < PROMPT, f"the key took {key_took:.1f} s"
    assert phase_took < PROMPT, f"the phase change took {phase_took:.1f} s"
