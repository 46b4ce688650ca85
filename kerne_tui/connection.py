"""The socket, run as a Textual worker: hello, resume, reconnect, and the outbox.

Every command gets an id here and stays in the outbox until the server acks or refuses
it. After any drop the connection resumes with its token and the last seq it delivered,
then re-sends the outbox in order with the same ids: the server's exactly-once rule makes
that safe, so nothing is lost and nothing is done twice.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import random
import secrets
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import msgspec
from textual.message import Message
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from kerne_tui import messages as m
from server import protocol as p

FATAL_JOIN = frozenset(
    {
        "unknown_session",
        "session_closed",
        "bad_facilitator_key",
        "bad_resume_token",
        "unsupported_protocol",
        "invalid",
        "too_long",
        "forbidden",
        "removed",
        "not_admitted",
    }
)
# Close codes after which coming back cannot help (docs/protocol.md section 13).
CLOSE_REMOVED = 4003
CLOSE_NOT_ADMITTED = 4004


class _Batch(msgspec.Struct, tag="events", tag_field="type"):
    events: list[p.WireEvent]


Incoming = (
    p.WireEvent
    | _Batch
    | p.Welcome
    | p.Ack
    | p.Error
    | p.Presence
    | p.Notice
    | p.ExportData
    | p.Lens
    | p.Waiting
    | p.Lobby
)
_decoder = msgspec.json.Decoder(Incoming)


class _AnyError(msgspec.Struct, tag="error", tag_field="type"):
    """An error whose code this client may not know (a newer server's)."""

    id: str | None
    code: str
    message: str
    retry_after: float | None = None


_error_decoder = msgspec.json.Decoder(_AnyError)


def moved_to(url: str, error: p.Error) -> str | None:
    """Where a server run in shards says the session is: the same host, another port
    (`unknown_session` with `port`), as a URL; None for any other answer."""
    if error.code != "unknown_session" or error.port is None or not 0 < error.port < 65536:
        return None
    parts = urlsplit(url)
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    return urlunsplit(parts._replace(netloc=f"{host}:{error.port}"))


def decode(frame: str | bytes) -> Incoming | None:
    """One frame from the server, or None for a kind this client does not know.

    An error with a code from a newer server is still an error: it keeps its code, so
    that the refusal falls back to the server's own message, and the command it answers
    leaves the outbox instead of waiting for an answer that has come."""
    try:
        return _decoder.decode(frame)
    except (msgspec.ValidationError, msgspec.DecodeError):
        pass
    try:
        loose = _error_decoder.decode(frame)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None
    code: Any = loose.code  # not one of ours: refusal.py shows the message instead
    return p.Error(loose.id, code, loose.message, loose.retry_after)


def new_join_id() -> str:
    """128 random bits, URL-safe: the secret that makes a repeated hello the same join."""
    return secrets.token_urlsafe(16)


@dataclass
class Identity:
    """Who we join as; `resume_token` is filled in after the first welcome. Until then
    every hello carries the same `join_id`, so a hello whose welcome was lost, said
    again, seats the same participant rather than a second one."""

    code: str
    name: str | None = None
    profession: str | None = None
    role: p.Role = "participant"
    votes: bool = True
    facilitator_key: str | None = None
    resume_token: str | None = None
    join_id: str | None = None


def untrusted(url: str, exc: ssl.SSLCertVerificationError) -> p.Error:
    """The one line a participant reads when the server's certificate is not trusted:
    retrying cannot help, the certificate has to be given."""
    why = exc.verify_message or exc.reason or "not trusted"
    return p.Error(
        None,
        "invalid_state",
        f"the server at {url} uses a certificate this computer does not trust ({why}): "
        "ask the facilitator for the certificate file and give it with --cafile FILE "
        "(or KERNE_CAFILE=FILE)",
    )


def tls_for(url: str, cafile: str | None = None) -> ssl.SSLContext | None:
    """TLS for a wss:// URL: the system's trust store, or `cafile` (also from
    $KERNE_CAFILE) for a facilitator's self-made certificate; None for ws://."""
    if not url.startswith("wss://"):
        return None
    return ssl.create_default_context(cafile=cafile or os.environ.get("KERNE_CAFILE") or None)


class Connection:
    """One participant's link to the server, for the life of the app."""

    def __init__(
        self,
        url: str,
        identity: Identity,
        post: Callable[[Message], Any],
        on_token: Callable[[str], None] | None = None,
        cafile: str | None = None,
    ) -> None:
        self.url = url
        self.cafile = cafile
        self.identity = identity
        if identity.resume_token is None and identity.join_id is None:
            identity.join_id = new_join_id()
        self.post = post
        self.on_token = on_token
        self.outbox: dict[str, p.Command] = {}
        self.last_seq = 0
        self.ws: ClientConnection | None = None
        self._ids = itertools.count(1)
        self._prefix = secrets.token_hex(4)
        self._stopped = False
        self._moved = False  # followed a shard's pointer once: never twice (no ping-pong)

    # --- commands ------------------------------------------------------------------

    def next_id(self) -> str:
        """Unique per client run, so a restarted client never reuses an acked id."""
        return f"{self._prefix}-{next(self._ids)}"

    def send(self, command: p.Command) -> None:
        """Queue a command (its id must be fresh); it is sent now or after reconnecting."""
        self.outbox[command.id] = command
        if self.ws is not None:
            self._write(command)

    def request(self, message: p.Export | p.DismissSuggestion | p.Admit | p.Reject) -> bool:
        """Send a request that is not a command (no outbox): only while connected."""
        if self.ws is None:
            return False
        task = asyncio.ensure_future(self.ws.send(p.encode(message)))
        task.add_done_callback(_ignore_closed)
        return True

    def _write(self, command: p.Command) -> None:
        ws = self.ws
        if ws is None:
            return
        task = asyncio.ensure_future(ws.send(p.encode(command)))
        task.add_done_callback(_ignore_closed)

    # --- the worker ----------------------------------------------------------------

    async def run(self) -> None:
        """Connect, join, read; on any drop wait with backoff and resume. Never raises."""
        attempt = 0
        while not self._stopped:
            self.post(m.LinkChanged("connecting" if attempt == 0 else "reconnecting", attempt))
            try:
                tls = tls_for(self.url, self.cafile)
                async with connect(self.url, open_timeout=5, max_size=2**24, ssl=tls) as ws:
                    if await self._join(ws):
                        attempt = 0
                        await self._read(ws)
                    elif self._stopped:
                        return
            except ssl.SSLCertVerificationError as exc:
                self._stopped = True
                self.post(m.JoinRefused(untrusted(self.url, exc)))
                self.post(m.LinkChanged("stopped", reason="untrusted_certificate"))
                return
            except (OSError, ConnectionClosed, InvalidHandshake, TimeoutError) as exc:
                if isinstance(exc, ConnectionClosed) and exc.rcvd and exc.rcvd.code == 4000:
                    # This participant joined again elsewhere (another window, another
                    # laptop): coming back here would only push that one out in turn.
                    self._stopped = True
                    self.post(m.LinkChanged("stopped", reason="replaced"))
                    return
                if (
                    isinstance(exc, ConnectionClosed)
                    and exc.rcvd
                    and exc.rcvd.code
                    in (
                        CLOSE_REMOVED,
                        CLOSE_NOT_ADMITTED,
                    )
                ):
                    # The facilitator's decision: a retry would be refused the same way.
                    self._stopped = True
                    reason = "removed" if exc.rcvd.code == CLOSE_REMOVED else "not_admitted"
                    self.post(m.LinkChanged("stopped", reason=reason))
                    return
                # Any other close resumes from `last_seq`, 4001 too (the server cut us
                # for falling too far behind): it sends what we missed, or a snapshot.
                reason = str(exc) or type(exc).__name__
                if attempt == 0 and self.identity.resume_token is None and self.last_seq == 0:
                    # Never got in: most likely a wrong address. Say so, keep trying.
                    reason = "cannot_connect"
                self.ws = None
                attempt += 1
                delay = min(10.0, 0.5 * 2 ** min(attempt, 5)) * random.uniform(0.8, 1.2)
                self.post(m.LinkChanged("reconnecting", attempt, round(delay, 1), reason))
                await asyncio.sleep(delay)
            except InvalidURI as exc:
                self.post(m.LinkChanged("stopped", reason=str(exc)))
                return
            finally:
                self.ws = None

    def resync(self) -> None:
        """Start again from a full snapshot: what we hold could not be folded."""
        self.last_seq = 0
        if self.ws is not None:
            task = asyncio.ensure_future(self.ws.close(1000, "resync"))
            task.add_done_callback(_ignore_closed)

    def stop(self) -> None:
        self._stopped = True
        if self.ws is not None:
            task = asyncio.ensure_future(self.ws.close())
            task.add_done_callback(_ignore_closed)

    async def _join(self, ws: ClientConnection) -> bool:
        """Say hello (or resume) until welcomed; False if the server refused for good."""
        identity = self.identity
        while True:
            hello = p.Hello(
                id=self.next_id(),
                protocol=p.PROTOCOL_VERSION,
                code=identity.code,
                name=identity.name,
                profession=identity.profession,
                role=identity.role,
                votes=identity.votes,
                facilitator_key=identity.facilitator_key,
                resume_token=identity.resume_token,
                last_seq=self.last_seq if identity.resume_token else 0,
                join_id=None if identity.resume_token else identity.join_id,
            )
            await ws.send(p.encode(hello))
            answer = await self._answer(ws)
            if isinstance(answer, p.Welcome):
                break
            if isinstance(answer, p.Error) and answer.code == "rate_limited":
                await asyncio.sleep(answer.retry_after or 1.0)
                continue
            there = moved_to(self.url, answer) if isinstance(answer, p.Error) else None
            if there is not None and not self._moved:
                self.url, self._moved = there, True
                return False  # `run` connects again at once, to the shard with the session
            if (
                isinstance(answer, p.Error)
                and answer.id is not None
                and (answer.code in FATAL_JOIN)
            ):
                self._stopped = True
                self.post(m.JoinRefused(answer))
                self.post(m.LinkChanged("stopped", reason=answer.code))
                return False
            # Anything else (the server's own trouble, an answer to something older):
            # wait a moment, then say hello again.
            await asyncio.sleep(1.0)
        if answer.resume_token and answer.resume_token != identity.resume_token:
            identity.resume_token = answer.resume_token
            identity.join_id = None  # spent: from now on the token says who we are
            if self.on_token is not None:
                self.on_token(answer.resume_token)
        if answer.state is not None:
            self.last_seq = answer.seq
        self.ws = ws
        self.post(m.Welcomed(answer))
        self.post(m.LinkChanged("online"))
        for command in list(self.outbox.values()):
            self._write(command)
        return True

    async def _answer(self, ws: ClientConnection) -> Incoming:
        """The answer to a hello. `waiting` (the session admits newcomers) is not one: it
        is shown, and the welcome or the refusal comes when the facilitator decides, with
        no time limit (the connection's pings keep it alive meanwhile)."""
        limit: float | None = 10
        while True:
            async with asyncio.timeout(limit):
                frame = await ws.recv()
            answer = decode(frame)
            if answer is None:
                raise OSError("the server did not answer as a kerne server does")
            if not isinstance(answer, p.Waiting):
                return answer
            limit = None
            self.post(m.Waiting(answer))

    async def _read(self, ws: ClientConnection) -> None:
        async for frame in ws:
            message = decode(frame)
            if message is None:
                continue  # a message type from a newer server: not ours to understand
            if isinstance(message, _Batch):
                if not self._deliver(ws, message.events):
                    return
            elif isinstance(message, p.WireEvent):
                if not self._deliver(ws, [message]):
                    return
            elif isinstance(message, p.Ack):
                command = self.outbox.pop(message.id, None)
                if command is not None:
                    self.post(m.Acked(command, message))
            elif isinstance(message, p.Error):
                self._refused(message)
            elif isinstance(message, p.Presence):
                self.post(m.PresenceChanged(message.online))
            elif isinstance(message, p.Notice):
                self.post(m.Noticed(message))
            elif isinstance(message, p.ExportData):
                self.post(m.ExportReady(message))
            elif isinstance(message, p.Lens):
                self.post(m.LensUpdated(message))
            elif isinstance(message, p.Lobby):
                self.post(m.LobbyChanged(message))

    def _refused(self, error: p.Error) -> None:
        command = self.outbox.get(error.id or "")
        if error.code == "rate_limited" and command is not None:
            # Judged afresh when sent again with the same id; keep it and retry, unless
            # an answer came meanwhile (a resume re-sends the outbox too).
            def retry() -> None:
                if command.id in self.outbox:
                    self._write(command)

            asyncio.get_running_loop().call_later(error.retry_after or 1.0, retry)
            return
        if command is not None:
            del self.outbox[command.id]
        self.post(m.Refused(command, error))

    def _deliver(self, ws: ClientConnection, events: list[p.WireEvent]) -> bool:
        """Pass on events in order; a gap means we missed something: resume."""
        fresh: list[p.WireEvent] = []
        for event in events:
            if event.seq <= self.last_seq:
                continue
            if event.seq != self.last_seq + 1:
                task = asyncio.ensure_future(ws.close(1000, "gap: resuming"))
                task.add_done_callback(_ignore_closed)
                if fresh:
                    self.post(m.EventsReceived(fresh))
                return False
            self.last_seq = event.seq
            fresh.append(event)
        if fresh:
            self.post(m.EventsReceived(fresh))
        return True


def _ignore_closed(task: asyncio.Future[Any]) -> None:
    if not task.cancelled():
        exc = task.exception()
        if exc is not None and not isinstance(exc, ConnectionClosed | OSError):
            raise exc


async def lookup(
    url: str, code: str, timeout: float = 5.0, cafile: str | None = None, follow: bool = True
) -> p.SessionInfo | p.Error:
    """Ask a server what session a code opens, before joining (for the join screen).
    A certificate that is not trusted is answered as a refusal, in one line. A server run
    in shards that points to another of its ports is asked there (once)."""
    tls = tls_for(url, cafile)
    try:
        async with asyncio.timeout(timeout), connect(url, open_timeout=timeout, ssl=tls) as ws:
            await ws.send(p.encode(p.Lookup("lookup", p.PROTOCOL_VERSION, code)))
            answer = msgspec.json.decode(await ws.recv(), type=p.SessionInfo | p.Error)
    except ssl.SSLCertVerificationError as exc:
        return untrusted(url, exc)
    there = moved_to(url, answer) if isinstance(answer, p.Error) else None
    if there is None or not follow:
        return answer
    return await lookup(there, code, timeout, cafile, follow=False)
