"""Fixtures of the adversarial suite."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.adversarial.arena import Arena, close_all, make_arena
from tests.realserver import Running
from tests.serverprocess import ServerProcess


@pytest.fixture
async def arena(
    server: Running, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[Arena]:
    """Plejecenter Egebakken with Mette, the healthy Lone and the hostile Kim joined."""
    built = await make_arena(server, monkeypatch, caplog)
    try:
        yield built
    finally:
        await close_all(built)


@pytest.fixture
async def processes() -> AsyncIterator[list[ServerProcess]]:
    """Every `python -m server` a test starts, killed at the end whatever happened."""
    started: list[ServerProcess] = []
    yield started
    for process in started:
        process.kill()
