"""After a flush of many large frames (a room joining: welcomes of up to 100 KB each) the
server asks the C library to give their memory back, as it does when output was freed."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import pytest

from server import budget as b
from server.hub import Hub
from server.store import Store


def spawn(work: Coroutine[Any, Any, None]) -> None:
    """The budget's way to start a close; nothing is cut here."""
    asyncio.get_running_loop().create_task(work)


@pytest.mark.skipif(b._malloc_trim is None, reason="no glibc malloc_trim on this system")
async def test_a_flush_of_welcomes_gives_their_memory_back_soon() -> None:
    """Two megabytes of frames in one flush: a trim follows; a few hundred bytes: none."""
    budget = b.Budget(spawn)
    budget.frames_made(300)
    assert not budget.trim_due
    budget.frames_made(2 * 1024 * 1024)
    assert budget.trim_due
    async with asyncio.timeout(5):
        while budget.trim_due:
            await asyncio.sleep(0.01)
    assert budget.last_trim > float("-inf")


@pytest.mark.skipif(b._malloc_trim is None, reason="no glibc malloc_trim on this system")
async def test_the_hub_tells_the_budget_what_a_flush_made(tmp_path: Path) -> None:
    """A flush that wrote an export of two megabytes to a care home's facilitator is
    followed by a trim; one that wrote an ack is not."""
    store = Store(tmp_path / "kerne.db")
    try:
        hub = Hub(store)
        hub.tell(1, '{"type":"ack","id":"c1","seq":7}')
        hub.flush()
        assert not hub.budget.trim_due
        hub.tell(1, '{"type":"export","data":"' + "x" * 2 * 1024 * 1024 + '"}')
        hub.flush()
        assert hub.budget.trim_due
    finally:
        store.close()
