"""The real server, in the test's process, on 127.0.0.1 with a temporary database.

Shared by server tests (which speak the wire protocol) and client tests (which drive
the real app against it). It is the production hub and store, nothing stubbed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from websockets.asyncio.server import Server

from server.hub import Hub, create_session, start
from server.model import SessionInfo
from server.store import Store


def nursing_home() -> SessionInfo:
    return SessionInfo(
        code="",
        title="Plejecenter Egebakken: hvad er vores kerneopgave?",
        level="institution",
        parent_task="Ældre borgere lever et værdigt og selvstændigt liv",
        professions=["Sygeplejerske", "Social- og sundhedsassistent", "Ergoterapeut"],
    )


@dataclass
class Running:
    url: str
    code: str
    key: str
    hub: Hub
    db: Path
    port: int
    listener: Server

    def new_session(self, title: str = "Jobcenter Nord: vores kerneopgave") -> tuple[str, str]:
        """Another session on the same server (as `kerne-server new` would add)."""
        return create_session(self.hub.store, SessionInfo(code="", title=title))

    async def stop(self) -> None:
        self.listener.close()
        await self.listener.wait_closed()
        self.hub.store.close()

    async def restart(self) -> None:
        """Stop and start again on the same port and file: what a crash and restart do."""
        await self.stop()
        self.hub = Hub(Store(self.db))
        self.hub.load_open_sessions()
        self.listener = await start(self.hub, "127.0.0.1", self.port)


async def run_server(tmp_path: Path, info: SessionInfo | None = None) -> Running:
    db = tmp_path / "kerne.db"
    store = Store(db)
    hub = Hub(store)
    code, key = create_session(store, info or nursing_home())
    listener = await start(hub, "127.0.0.1", 0)
    port = next(iter(listener.sockets)).getsockname()[1]
    return Running(f"ws://127.0.0.1:{port}", code, key, hub, db, port, listener)
