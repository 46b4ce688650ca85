"""Shared test configuration: every async test runs under a deadline."""

from __future__ import annotations

import asyncio
import functools
import inspect
import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.realserver import Running, run_server

# Multicast DNS from tests stays on loopback: this machine's other interfaces are not
# ours to send to. Child processes (servers, clients) inherit it.
os.environ["KERNE_MDNS_INTERFACES"] = "127.0.0.1"

TEST_DEADLINE = 20.0  # seconds; generous for a loaded 2-core machine, but never a hang


def _with_deadline(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        async with asyncio.timeout(TEST_DEADLINE):
            return await fn(*args, **kwargs)

    return wrapper


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A protocol bug shows up as a wait that never ends; turn that into a failure."""
    for item in items:
        fn = getattr(item, "obj", None)
        if fn is not None and inspect.iscoroutinefunction(fn):
            item.obj = _with_deadline(fn)  # type: ignore[attr-defined]


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[Running]:
    """A real hub and store on 127.0.0.1, port 0, with a fresh database per test: server
    tests speak the wire protocol to it, client tests drive the real app against it."""
    running = await run_server(tmp_path)
    try:
        yield running
    finally:
        await running.stop()
