"""`kerne-server --announce` and `--no-announce`, as real processes."""

from __future__ import annotations

import asyncio
from pathlib import Path

from kerne_tui.discovery import browse, find_session
from tests.server.cli import started, stopped
from tests.server.peer import join


async def serve(tmp_path: Path, *flags: str) -> tuple[asyncio.subprocess.Process, str, str]:
    """Start the server on loopback; returns it, the code and what it printed."""
    proc, text = await started(tmp_path / "k.db", "--title", "Hjemmeplejen Øst", *flags)
    code = next(line.split()[-1] for line in text.splitlines() if "join code:" in line)
    return proc, code, text


async def test_announced_server_is_joined_by_code_alone(tmp_path: Path) -> None:
    """With --announce the start-up text offers the short line, and it works."""
    proc, code, text = await serve(tmp_path, "--announce")
    try:
        assert f"kerne-tui join {code}\n" in text
        assert "--server ws://" in text  # the fallback line is still there
        found = await find_session(code, await browse())
        assert isinstance(found, tuple)
        peer = await join(found[0], code, "Helle", "Social- og sundhedshjælper")
        assert peer.welcome["state"]["session"]["title"] == "Hjemmeplejen Øst"
    finally:
        await stopped(proc)


async def test_no_announce_announces_nothing(tmp_path: Path) -> None:
    """With --no-announce nothing is on the network and only the --server line is shown."""
    proc, code, text = await serve(tmp_path, "--no-announce")
    try:
        assert f"kerne-tui join {code}\n" not in text
        assert await find_session(code, await browse()) is None
    finally:
        await stopped(proc)
