"""The load generator's own frame reader (bench/wsclient.py) reads what websockets
writes: every length form, messages in fragments, any cut of the stream into chunks."""

from __future__ import annotations

from collections.abc import Callable

from websockets.frames import Frame, Opcode

from bench.wsclient import WsClient


def _server_frames() -> tuple[bytes, list[bytes]]:
    """A server's stream (unmasked) and the messages it carries: lengths 0, 125, 126
    (16-bit), 65,536 (64-bit), and one message in three fragments."""
    texts = [b"", b"a" * 125, "æ".encode() * 63, b"x" * 65536]
    stream = b"".join(Frame(Opcode.TEXT, t).serialize(mask=False, extensions=[]) for t in texts)
    parts = [b'{"type":', b'"event",', b'"seq":7}']
    stream += Frame(Opcode.TEXT, parts[0], fin=False).serialize(mask=False, extensions=[])
    stream += Frame(Opcode.CONT, parts[1], fin=False).serialize(mask=False, extensions=[])
    stream += Frame(Opcode.CONT, parts[2]).serialize(mask=False, extensions=[])
    return stream, [*texts, b"".join(parts)]


def _keep(into: list[bytes]) -> Callable[[WsClient, bytes, float], None]:
    return lambda client, data, stamp: into.append(data)


async def test_frames_are_read_whatever_the_chunks() -> None:
    """Fed in chunks of 1, 7 and 4096 bytes, the same messages come out, in order."""
    stream, expected = _server_frames()
    for chunk in (1, 7, 4096):
        got: list[bytes] = []
        client = WsClient("ws://127.0.0.1:9/", _keep(got))
        client._fast = True
        for at in range(0, len(stream), chunk):
            client.data_received(stream[at : at + chunk])
        assert got == expected, chunk
        assert not client._buffer
