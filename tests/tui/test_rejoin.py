"""A join whose welcome is lost on the way: the client says the same hello again, with
the same join id, and is the same participant, not a second one."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from pathlib import Path

from websockets.asyncio.client import connect

from kerne_tui.app import KerneApp
from kerne_tui.profile import Memory
from tests.realserver import Running
from tests.server.peer import join
from tests.tui.drive import client, joined, until


class LossyLink:
    """A TCP relay to the real server that drops its first connection at the first
    WebSocket frame the server sends (the welcome): the network failed right then."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.connections = 0
        self.dropped = asyncio.Event()
        self.server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"ws://127.0.0.1:{self.server.sockets[0].getsockname()[1]}"

    async def start(self) -> None:
        self.server = await asyncio.start_server(self.relay, "127.0.0.1", 0)

    async def relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        lossy = self.connections == 1
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)

        def drop() -> None:
            writer.transport.abort()
            up_writer.transport.abort()
            self.dropped.set()

        async def down() -> None:
            """Server to client: on the lossy connection, the upgrade passes and the
            connection dies at the first byte after it."""
            head, upgraded = b"", False
            while data := await up_reader.read(65536):
                if lossy and upgraded:
                    return drop()
                if lossy:
                    head += data
                    end = head.find(b"\r\n\r\n") + 4
                    if end < 4:
                        continue
                    upgraded, data = True, head[:end]
                    if len(head) > end:
                        writer.write(data)
                        return drop()
                writer.write(data)
                await writer.drain()
            writer.close()

        async def up() -> None:
            while data := await reader.read(65536):
                up_writer.write(data)
                await up_writer.drain()
            up_writer.close()

        await asyncio.gather(up(), down(), return_exceptions=True)

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()


@contextlib.asynccontextmanager
async def lossy_link(server: Running) -> AsyncIterator[LossyLink]:
    link = LossyLink(server.port)
    await link.start()
    try:
        yield link
    finally:
        await link.stop()


def via(app: KerneApp, url: str) -> KerneApp:
    app.options.server = url
    return app


async def test_a_lost_welcome_does_not_make_a_second_participant(
    server: Running, tmp_path: Path
) -> None:
    """The welcome to Anne's first hello never arrives; her client reconnects and says
    the same hello again: she is one participant, and joined."""
    async with lossy_link(server) as link:
        anne = via(client(server, tmp_path / "anne", "Anne", "Sygeplejerske"), link.url)
        async with anne.run_test(size=(120, 40)) as a:
            await until(a, lambda: joined(anne))
            assert link.dropped.is_set() and link.connections == 2
            state = server.hub.sessions[server.code].state
            assert [who.name for who in state.participants.values()] == ["Anne"]
            assert anne.view is not None and anne.view.me.id == "p1"
        memory = Memory.load(tmp_path / "anne")
        assert memory.tokens[anne.token_key]
        assert not memory.joins  # spent once welcomed


async def test_a_join_under_way_when_the_client_stopped_is_finished_by_the_next_run(
    server: Running, tmp_path: Path
) -> None:
    """Anne's laptop saved the join id before the first hello, then the client died
    before the welcome: started again, it is Anne, not a second Anne."""
    home = tmp_path / "anne"
    anne = client(server, home, "Anne", "Sygeplejerske")
    join_id = "r7Kq2Wx9Lm4Tb8Vn1Hc5Za"
    memory = Memory.load(home)
    memory.joins[anne.token_key] = join_id
    memory.save()
    mette = await join(
        server.url, server.code, "Mette", "Leder", role="facilitator", facilitator_key=server.key
    )
    async with connect(server.url) as first:
        frame = {"type": "hello", "id": "h-1", "protocol": 1, "code": server.code}
        frame |= {"name": "Anne", "profession": "Sygeplejerske", "join_id": join_id}
        await first.send(json.dumps(frame))
    seated = await mette.event("participant_joined")  # then the client died, unwelcomed
    anne = client(server, home, "Anne", "Sygeplejerske")
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(anne))
        assert anne.view is not None and anne.view.me.id == seated["actor"]
        state = server.hub.sessions[server.code].state
        assert [who.name for who in state.participants.values()] == ["Mette", "Anne"]
