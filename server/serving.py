"""`kerne-server serve`: hold the database, serve its sessions, say how to join them.

Without --title a start serves what the database holds; the start-up text gives each
session's join lines for the addresses the server listens on (server/startup.py).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import json
import logging
import os
import signal
import ssl
import sys
from pathlib import Path

from rich.text import Text
from websockets.asyncio.server import Server

from server import protocol as p
from server.addresses import Address, facilitator_host, served_addresses, url
from server.announce import Announcer
from server.catalog import pick_language
from server.cli_common import (
    SESSION_OPTIONS,
    CliError,
    console,
    create_linked,
    db_path,
    errors,
    lock_database,
    open_store,
    refuse_foreign,
    session_info,
)
from server.dblock import ServerLock
from server.hub import Hub, start
from server.limits import JoinRate
from server.private import write_private
from server.rooms import start_admitting
from server.startup import Reach, Served, startup_text
from server.store import Store

log = logging.getLogger("kerne.server")


def announce_addresses(served: list[Address], announce: bool | None) -> list[str]:
    """Where to announce: the IPv4 addresses served on (the discovery client reads IPv4),
    loopback only when asked (--announce), nothing with --no-announce."""
    if announce is False:
        return []
    return [a.ip for a in served if a.version == 4 and (announce or not a.loopback)]


def _tls(cert: Path | None, key: Path | None) -> ssl.SSLContext | None:
    """A server TLS context from --tls-cert and --tls-key, or None for plain ws://."""
    if cert is None and key is None:
        return None
    if cert is None or key is None:
        raise CliError("--tls-cert and --tls-key go together")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(cert, key)
    except (OSError, ssl.SSLError) as exc:
        raise CliError(f"cannot use the TLS certificate or key: {exc}") from None
    return context


def _more_open_files() -> None:
    """A room is many sockets: raise the soft limit of open files to the hard one (often
    1024 on a desktop, 256 on macOS, which would leave no room for a kick-off day)."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
        if soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def _to_serve(args: argparse.Namespace, store: Store, hub: Hub) -> tuple[list[Served], int]:
    """The sessions whose join lines are printed, the one asked for last, and how many
    other open sessions are served without being printed.

    Without --title a restart serves what the database holds: a second, empty session
    beside the real one (with a new code nobody has) is the last thing a room needs.
    """
    hub.load_open_sessions()
    open_codes = list(hub.sessions)
    if args.session:
        code = p.normalize_code(args.session)
        live = hub.load(code) if code is not None else None
        if code is None or live is None:
            raise CliError(f"no session {args.session!r} in {db_path(args)}")
        others = len([c for c in open_codes if c != code])
        if args.admit and not live.state.admit and not live.state.closed:
            start_admitting(store, live.state)
        return [Served(code, live.state.info.title)], others
    if args.title is not None or args.from_code or args.parent_session or not open_codes:
        # --from and --parent-session describe a new session as --title does.
        info = session_info(args)
        code, key = create_linked(store, info, args, admit=args.admit)
        hub.load(code)
        return [Served(code, info.title, key)], len(open_codes)
    given = [
        f"--{name.replace('_', '-')}" for name in SESSION_OPTIONS if getattr(args, name) is not None
    ]
    if given:
        raise CliError(
            f"{given[0]} describes a new session: add --title to make one "
            "(without it the open sessions are served as they are)"
        )
    if args.admit:
        for code in open_codes:
            if not hub.sessions[code].state.admit:
                start_admitting(store, hub.sessions[code].state)
    return [Served(code, hub.sessions[code].state.info.title) for code in open_codes], 0


def configure_logging(level: str) -> None:
    """Timestamped lines on standard error. The websockets library's own lines (one per
    connection at info) would push the join lines off the facilitator's screen: they are
    shown at debug only."""
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    if level != "debug":
        logging.getLogger("websockets").setLevel(
            max(logging.WARNING, logging.getLevelName(level.upper()))
        )


async def serve(args: argparse.Namespace) -> None:
    if not 0.0 < args.split_threshold <= 1.0:
        raise CliError("--split-threshold must be above 0 and at most 1")
    if not 0.0 <= args.join_rate < float("inf"):
        raise CliError("--join-rate must be a number of participants a minute, 0 or more")
    tls = _tls(args.tls_cert, args.tls_key)
    scheme = "wss" if tls else "ws"
    _more_open_files()
    path = db_path(args)
    refuse_foreign(path)  # another program's file gets no lock file beside it either
    lock = lock_database(path)
    try:
        await _serve_locked(args, path, lock, tls, scheme)
    finally:
        lock.release()


async def _serve_locked(
    args: argparse.Namespace, path: Path, lock: ServerLock, tls: ssl.SSLContext | None, scheme: str
) -> None:
    store = open_store(path)
    try:
        hub = Hub(store, threshold=args.split_threshold)
        hub.rooms.join_rate = JoinRate(
            args.join_rate, 2 * args.join_rate, loopback=args.join_rate_loopback
        )
        shown, others = _to_serve(args, store, hub)
        try:
            server = await start(hub, args.host, args.port, ssl=tls)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise CliError(
                    f"port {args.port} is already in use; try --port 0 or another"
                ) from None
            raise CliError(f"cannot listen on {args.host}:{args.port}: {exc.strerror}") from None
        listening = [str(sock.getsockname()[0]) for sock in server.sockets]
        port = int(next(iter(server.sockets)).getsockname()[1])
        served = served_addresses(listening)
        mine = facilitator_host(listening)
        hub.pages.secure = tls is not None
        hub.pages.base = web_base(served, "https" if tls else "http", port)
        lock.say(url(scheme, served[0].ip if served else mine, port))
        log.info(
            "listening on %s port %d for %d session(s), database %s",
            ", ".join(listening),
            port,
            len(hub.sessions),
            path,
        )
        if args.ready_file:
            _write_ready(args.ready_file, url(scheme, _loopback(listening, mine), port), shown)
        announcer = await _start_announcer(
            port, announce_addresses(served, args.announce), tls is not None
        )
        reach = Reach(scheme, port, served, mine, announcer is not None)
        lang = pick_language(getattr(args, "lang", None), os.environ)
        for line in startup_text(shown, reach, others, lang):
            console.print(line, soft_wrap=True)
        await _until_stopped(server, announcer)
    finally:
        store.close()


def web_base(served: list[Address], scheme: str, port: int) -> str | None:
    """Where the projector's QR code sends phones: the first network address served (a
    projector opened at localhost must not show phones a localhost address)."""
    network = [a for a in served if not a.loopback]
    return url(scheme, network[0].ip, port) if network else None


def _loopback(listening: list[str], mine: str) -> str:
    """An address a script on this machine reaches without resolving `localhost`: the
    loopback of the family listened on (a `::` socket takes no IPv4), else `mine`."""
    if "0.0.0.0" in listening:
        return "127.0.0.1"
    if "::" in listening:
        return "::1"
    return mine


def _write_ready(ready: Path, where: str, shown: list[Served]) -> None:
    """For scripts: where the server is and the session printed last (its key only when
    just made). The file holds a facilitator key: it is private, and written whole."""
    last = shown[-1]
    data = {
        "url": where,
        "code": p.format_code(last.code),
        "facilitator_key": last.key,
        "pid": os.getpid(),
        "sessions": [p.format_code(s.code) for s in shown],
    }
    try:
        write_private(ready, json.dumps(data).encode())
    except OSError as exc:
        raise CliError(f"cannot write {ready}: {exc.strerror or exc}") from None


async def _until_stopped(server: Server, announcer: Announcer | None) -> None:
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set_result, None)
    try:
        async with server:
            await stop
    finally:
        if announcer is not None:
            await announcer.stop()


async def _start_announcer(port: int, addresses: list[str], tls: bool) -> Announcer | None:
    """Announce on the local network; a network that refuses multicast costs a warning."""
    if not addresses:
        return None
    announcer = Announcer(port, addresses, tls=tls)
    try:
        await announcer.start()
    except OSError as exc:
        errors.print(Text(f"kerne-server: not announced on the network ({exc})"), soft_wrap=True)
        return None
    return announcer
