"""A lean WebSocket client for load generation: many per event loop, no task per client.

It is websockets' own sans-I/O `ClientProtocol` (the same framing, the same
permessage-deflate negotiation as `websockets.asyncio.client.connect`, which the kerne
client uses) driven from a plain `asyncio.Protocol`. Each chunk read from the socket is
stamped with `time.monotonic()` once, before any parsing, so the load generator's own
work does not inflate the latencies it measures; pings are answered by the protocol.

Once open without an extension, the frames a server sends (never masked, RFC 6455 5.1)
are cut from the stream here instead (`_read_frames`): websockets' reader, a generator
per frame, cost the load workers about 60 µs a frame, so a room of 1000 joining (half a
million `participant_joined`) measured the load generator more than the server. What
is sent (masked) still goes through the protocol.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable
from typing import cast

from websockets.client import ClientProtocol
from websockets.extensions.permessage_deflate import enable_client_permessage_deflate
from websockets.frames import Frame, Opcode
from websockets.http11 import Response
from websockets.uri import parse_uri

OnText = Callable[["WsClient", bytes, float], None]


class WsClient(asyncio.Protocol):
    """One WebSocket connection; `on_text(client, payload, stamp)` sees every message."""

    def __init__(self, url: str, on_text: OnText, *, compression: bool = True) -> None:
        extensions = enable_client_permessage_deflate(None) if compression else None
        self.protocol = ClientProtocol(parse_uri(url), extensions=extensions, max_size=None)
        self.on_text = on_text
        self.transport: asyncio.Transport | None = None
        self.opened: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.closed = False
        self.index = 0  # the load worker's number for this client
        self.tag: object = None  # whatever the owner wants to keep here
        self._parts: list[bytes] = []
        self._fast = False  # reading frames here (see the module's docstring)
        self._buffer = bytearray()

    # --- asyncio.Protocol --------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # asyncio's transport, or uvloop's (the load workers' loop), which has the same
        # methods but is not registered as a subclass of asyncio.Transport.
        self.transport = cast(asyncio.Transport, transport)
        self.protocol.send_request(self.protocol.connect())
        self._flush()

    def data_received(self, data: bytes) -> None:
        stamp = time.monotonic()
        if self._fast:
            self._read_frames(data, stamp)
            return
        protocol = self.protocol
        protocol.receive_data(data)
        for event in protocol.events_received():
            if isinstance(event, Frame):
                if event.opcode is Opcode.TEXT or event.opcode is Opcode.CONT:
                    if event.fin and not self._parts:
                        self.on_text(self, bytes(event.data), stamp)
                    else:
                        self._parts.append(bytes(event.data))
                        if event.fin:
                            whole = b"".join(self._parts)
                            self._parts.clear()
                            self.on_text(self, whole, stamp)
            elif isinstance(event, Response) and not self.opened.done():
                if protocol.handshake_exc is not None:
                    self.opened.set_exception(protocol.handshake_exc)
                else:
                    self.opened.set_result(None)
                    # Nothing after the response yet (a server speaks after the hello),
                    # and no extension to undo: from here the frames are read here.
                    self._fast = not protocol.extensions and not protocol.reader.buffer
        self._flush()

    def _read_frames(self, data: bytes, stamp: float) -> None:
        """Whole frames from the stream: text to `on_text`, pings answered, a close
        answered and the connection ended; a partial frame waits for more."""
        buffer = self._buffer
        buffer += data
        start, size = 0, len(buffer)
        while size - start >= 2:
            first, length = buffer[start], buffer[start + 1] & 0x7F
            head = 2
            if length == 126:
                if size - start < 4:
                    break
                length, head = int.from_bytes(buffer[start + 2 : start + 4], "big"), 4
            elif length == 127:
                if size - start < 10:
                    break
                length, head = int.from_bytes(buffer[start + 2 : start + 10], "big"), 10
            end = start + head + length
            if end > size:
                break
            payload = bytes(buffer[start + head : end])
            start = end
            opcode = first & 0x0F
            if opcode in (Opcode.TEXT.value, Opcode.CONT.value):
                if first & 0x80 and not self._parts:
                    self.on_text(self, payload, stamp)
                else:
                    self._parts.append(payload)
                    if first & 0x80:
                        whole = b"".join(self._parts)
                        self._parts.clear()
                        self.on_text(self, whole, stamp)
            elif opcode == Opcode.PING.value:
                self.protocol.send_pong(payload)
                self._flush()
            elif opcode == Opcode.CLOSE.value:
                self.protocol.send_close()
                self._flush()
                if self.transport is not None:
                    self.transport.close()
                break
        del buffer[:start]

    def eof_received(self) -> bool | None:
        self.protocol.receive_eof()
        self._flush()
        return None

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self.transport = None
        if not self.opened.done():
            self.opened.set_exception(exc or ConnectionError("closed during the handshake"))

    # --- sending -----------------------------------------------------------------------

    def send_text(self, payload: bytes) -> None:
        if self.transport is None or self.closed:
            return
        self.protocol.send_text(payload)
        self._flush()

    def _flush(self) -> None:
        transport = self.transport
        if transport is None:
            return
        for chunk in self.protocol.data_to_send():
            if chunk:
                transport.write(chunk)
            else:
                transport.write_eof() if transport.can_write_eof() else transport.close()

    def stall(self) -> None:
        """Stop reading for good: the server's output for this client piles up."""
        if self.transport is not None:
            self.transport.pause_reading()

    def abort(self) -> None:
        if self.transport is not None:
            self.transport.abort()
        self.closed = True


async def open_client(
    url: str,
    on_text: OnText,
    *,
    compression: bool = True,
    timeout: float = 20.0,
    receive_buffer: int | None = None,
    source: str | None = None,
) -> WsClient:
    """Connect and finish the opening handshake (127.0.0.1 only, see `bench.proc`);
    `source` is the loopback address to connect from (default: the kernel's choice)."""
    loop = asyncio.get_running_loop()
    uri = parse_uri(url)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if receive_buffer is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.setblocking(False)
    client: WsClient | None = None
    try:
        if source is not None:
            sock.bind((source, 0))
        async with asyncio.timeout(timeout):
            await loop.sock_connect(sock, (uri.host, uri.port))
            _, client = await loop.create_connection(
                lambda: WsClient(url, on_text, compression=compression), sock=sock
            )
            await client.opened
    except BaseException:
        # Once a transport owns the socket, only the transport can close it (uvloop
        # ignores `sock.close()` then, and asyncio's would pull it from under it).
        if client is not None:
            client.abort()
        else:
            sock.close()
        raise
    return client
