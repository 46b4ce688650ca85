"""The real server, in this process, on 127.0.0.1 port 0 with a temporary database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from server.hub import Hub, create_session, start
from server.model import SessionInfo
from server.store import Store


@dataclass
class Running:
    url: str
    code: str
    key: str
    hub: Hub
    db: Path

    def new_session(
        self, title: str = "Jobcenter Nord: vores kerneopgave", **kw: object
    ) -> tuple[str, str]:
        """Another session on the same server (as `kerne-server new` would add)."""
        info = SessionInfo(code="", title=title, **kw)  # type: ignore[arg-type]
        return create_session(self.hub.store, info)


def nursing_home() -> SessionInfo:
    return SessionInfo(
        code="",
        title="Plejecenter Egebakken: hvad er vores kerneopgave?",
        level="institution",
        parent_task="Ældre borgere lever et værdigt og selvstændigt liv",
        professions=["Sygeplejerske", "Social- og sundhedsassistent", "Ergoterapeut"],
    )


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[Running]:
    """A real hub and store, so every test speaks the wire protocol to the real thing;
    a fresh database per test keeps tests independent."""
    store = Store(tmp_path / "kerne.db")
    hub = Hub(store)
    code, key = create_session(store, nursing_home())
    ws_server = await start(hub, "127.0.0.1", 0)
    port = next(iter(ws_server.sockets)).getsockname()[1]
    try:
        yield Running(f"ws://127.0.0.1:{port}", code, key, hub, tmp_path / "kerne.db")
    finally:
        ws_server.close()
        await ws_server.wait_closed()
        store.close()
