"""`kerne-tui demo`'s simulated colleagues really work a session on the real server."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

from kerne_tui.demo import COLLEAGUES, Bot, start_server, stop_server
from server.store import Store


async def test_demo_colleagues_fill_a_session(tmp_path: Path) -> None:
    """In a few seconds the colleagues join, write statements and drafts, and tag."""
    process, info = await asyncio.to_thread(
        start_server, tmp_path / "demo.db", tmp_path / "ready.json"
    )
    try:
        stop = asyncio.Event()
        rng = random.Random(1)
        bots = [Bot(info["url"], info["code"], who, rng) for who in COLLEAGUES]
        running = asyncio.gather(*(bot.run(stop) for bot in bots), return_exceptions=True)
        await asyncio.sleep(6)
        stop.set()
        await asyncio.wait_for(running, 10)
    finally:
        stop_server(process)
    store = Store(tmp_path / "demo.db")
    code = store.session_codes()[0]
    kinds = [row.event.kind for row in store.events(code)]
    store.close()
    assert kinds.count("participant_joined") == len(COLLEAGUES)
    assert kinds.count("statement_added") + kinds.count("draft_proposed") >= 5
    assert "statement_tagged" in kinds
