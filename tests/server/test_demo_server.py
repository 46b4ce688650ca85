"""`kerne-tui demo` starts the real server, never a `server.py` that happens to lie in the
folder the demo was started from (a downloads folder, another project)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from kerne_tui.demo import start_server, stop_server
from tests.server.peer import join


async def test_demo_server_ignores_a_server_py_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a hostile server.py in the current folder, the demo still runs kerne's server."""
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    ran = tmp_path / "ran.txt"
    (downloads / "server.py").write_text(f"open({str(ran)!r}, 'w').write('ran')\n")
    monkeypatch.chdir(downloads)
    demo = tmp_path / "demo"
    demo.mkdir()
    process, info = await asyncio.to_thread(start_server, demo / "demo.db", demo / "ready.json")
    try:
        peer = await join(info["url"], info["code"], "Anne", "Sygeplejerske")
        assert peer.welcome["state"]["session"]["title"].startswith("Plejecenter Solbakken")
    finally:
        stop_server(process)
    assert not ran.exists()
