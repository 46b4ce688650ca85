"""`kerne-server serve`: hold the database, serve its sessions, say how to join them.

Without --title a start serves what the database holds; the start-up text gives each
session's join lines for the addresses the server listens on (server/startup.py).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import gc
import json
import logging
import multiprocessing
import os
import signal
import socket
import ssl
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.text import Text
from websockets.asyncio.server import Server

from server import protocol as p
from server.addresses import Address, facilitator_host, served_addresses, url
from server.announce import Announcer
from server.catalog import pick_language
from server.cli_common import (
    CliError,
    asks_new_session,
    console,
    create_linked,
    db_path,
    errors,
    lock_database,
    open_store,
    refuse_foreign,
    refuse_lost_options,
    session_info,
)
from server.dblock import ServerLock
from server.hub import Hub, start
from server.limits import JoinRate
from server.private import write_private
from server.rooms import start_admitting
from server.shards import Shard, ShardError, check_count
from server.startup import Reach, Served, startup_text
from server.store import Store

log = logging.getLogger("kerne.server")
FIRST_GENERATION = 10_000  # allocations between the collector's youngest passes (700)


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


@dataclass
class ShardRun:
    """What a process that serves one shard gets from the one that started it
    (server/supervisor.py): which shard, the socket bound for it, whether the new session
    asked for is made here, whether it prints its open sessions' join lines (not when
    `--session` names one another shard holds: that one alone is printed, as by a single
    server), and where to say that it is listening (and what it shows)."""

    shard: Shard
    sock: socket.socket
    makes: bool
    lists: bool = True
    ready: Callable[[dict[str, object]], None] = field(default=lambda said: None)


def _to_serve(
    args: argparse.Namespace, store: Store, hub: Hub, run: ShardRun | None = None
) -> tuple[list[Served], int]:
    """The sessions whose join lines are printed, the one asked for last, and how many
    other open sessions are served without being printed.

    Without --title a restart serves what the database holds: a second, empty session
    beside the real one (with a new code nobody has) is the last thing a room needs.
    A shard's process makes a session only when its supervisor placed it there.
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
    if run is not None and not run.lists:
        return [], len(open_codes)
    if run is not None and not run.makes:
        return _as_they_are(args, store, hub, open_codes), 0
    if asks_new_session(args) or not open_codes:
        info = session_info(args)
        code, key = create_linked(store, info, args, admit=args.admit)
        hub.load(code)
        return [Served(code, info.title, key)], len(open_codes)
    refuse_lost_options(args)
    return _as_they_are(args, store, hub, open_codes), 0


def _settle_the_collector() -> None:
    """The sessions just loaded live as long as the server: `gc.freeze` keeps the cyclic
    collector from walking them again, and a larger first generation lets it run less
    often under a burst of joins (its full passes were 0.2-0.3 s of 1000 joins' ~2 s of
    CPU; after, about 0.1 s). Done here, not in the hub, so a test's process keeps its
    own collector as it was."""
    gc.freeze()
    _, second, third = gc.get_threshold()
    gc.set_threshold(FIRST_GENERATION, second, third)


def _as_they_are(
    args: argparse.Namespace, store: Store, hub: Hub, open_codes: list[str]
) -> list[Served]:
    """The open sessions, served as they are (with their lobby switched on by --admit)."""
    if args.admit:
        for code in open_codes:
            if not hub.sessions[code].state.admit:
                start_admitting(store, hub.sessions[code].state)
    return [Served(code, hub.sessions[code].state.info.title) for code in open_codes]


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


def check_serving(args: argparse.Namespace) -> None:
    """The options of `serve` that no start can use, refused before anything is opened."""
    if not 0.0 < args.split_threshold <= 1.0:
        raise CliError("--split-threshold must be above 0 and at most 1")
    if not 0.0 <= args.join_rate < float("inf"):
        raise CliError("--join-rate must be a number of participants a minute, 0 or more")


async def serve(args: argparse.Namespace, run: ShardRun | None = None) -> None:
    """Serve the database (or, as `run` says, one shard of it) until stopped."""
    check_serving(args)
    tls = _tls(args.tls_cert, args.tls_key)
    scheme = "wss" if tls else "ws"
    _more_open_files()
    if run is not None:
        path = run.shard.paths[run.shard.number - 1]
    else:
        path = db_path(args)
        try:
            check_count(path, 1)
        except ShardError as exc:
            raise CliError(str(exc)) from None
    refuse_foreign(path)  # another program's file gets no lock file beside it either
    lock = lock_database(path)
    try:
        await _serve_locked(args, path, lock, tls, scheme, run)
    finally:
        lock.release()


async def _listen(
    args: argparse.Namespace, hub: Hub, tls: ssl.SSLContext | None, run: ShardRun | None
) -> Server:
    if run is not None:  # bound by the supervisor, so every shard knows every port
        return await start(hub, None, None, sock=run.sock, ssl=tls)
    try:
        return await start(hub, args.host, args.port, ssl=tls)
    except OSError as exc:
        raise listen_error(args.host, args.port, exc) from None


def listen_error(host: str, port: int, exc: OSError) -> CliError:
    if exc.errno == errno.EADDRINUSE:
        return CliError(f"port {port} is already in use; try --port 0 or another")
    return CliError(f"cannot listen on {host}:{port}: {exc.strerror}")


def _in_shard(hub: Hub, run: ShardRun) -> None:
    """Codes this shard lacks: a hello is told the port of the shard that has the code,
    a phone's page request is sent on there."""
    hub.rooms.elsewhere = run.shard.elsewhere
    hub.pages.moved = lambda code, address: hub.rooms.pointer(code, address, time.monotonic())


async def _serve_locked(
    args: argparse.Namespace,
    path: Path,
    lock: ServerLock,
    tls: ssl.SSLContext | None,
    scheme: str,
    run: ShardRun | None = None,
) -> None:
    store = open_store(path)
    try:
        hub = Hub(store, threshold=args.split_threshold)
        hub.rooms.join_rate = JoinRate(
            args.join_rate, 2 * args.join_rate, loopback=args.join_rate_loopback
        )
        if run is not None:
            _in_shard(hub, run)
        shown, others = _to_serve(args, store, hub, run)
        _settle_the_collector()
        server = await _listen(args, hub, tls, run)
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
        where = url(scheme, _loopback(listening, mine), port)
        if args.ready_file and run is None:
            _write_ready(args.ready_file, where, shown)
        announcer = await _start_announcer(
            port, announce_addresses(served, args.announce), tls is not None
        )
        reach = Reach(scheme, port, served, mine, announcer is not None)
        lang = pick_language(getattr(args, "lang", None), os.environ)
        shard = None
        if run is not None:
            shard = (run.shard.number, len(run.shard.paths), path.name)
        for line in startup_text(shown, reach, others, lang, shard):
            console.print(line, soft_wrap=True)
        if run is not None:
            served_codes = [p.format_code(code) for code in hub.sessions]
            run.ready({**ready_data(where, shown), "served": served_codes})
        await _until_stopped(server, announcer, orphan_watch=run is not None)
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


def ready_data(where: str, shown: list[Served]) -> dict[str, object]:
    """For scripts: where the server is and the session printed last (its key only when
    just made; none when a shard serves no session yet)."""
    last = shown[-1] if shown else None
    return {
        "url": where,
        "code": p.format_code(last.code) if last else None,
        "facilitator_key": last.key if last else None,
        "pid": os.getpid(),
        "sessions": [p.format_code(s.code) for s in shown],
    }


def _write_ready(ready: Path, where: str, shown: list[Served]) -> None:
    write_ready(ready, ready_data(where, shown))


def write_ready(ready: Path, data: dict[str, object]) -> None:
    """The file holds a facilitator key: it is private, and written whole."""
    try:
        write_private(ready, json.dumps(data).encode())
    except OSError as exc:
        raise CliError(f"cannot write {ready}: {exc.strerror or exc}") from None


async def _until_stopped(
    server: Server, announcer: Announcer | None, orphan_watch: bool = False
) -> None:
    """Serve until SIGINT or SIGTERM (or, for a shard, until its supervisor is gone)."""
    loop = asyncio.get_running_loop()
    stop = loop.create_future()

    def stopping() -> None:
        # Ctrl+C in a terminal reaches every shard, and its supervisor then says SIGTERM.
        if not stop.done():
            stop.set_result(None)

    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stopping)
    # A shard whose supervisor died without a word (SIGKILL) would serve on with nobody
    # to stop it: the supervisor's sentinel becomes readable the moment it is gone.
    parent = multiprocessing.parent_process() if orphan_watch else None
    watched = parent.sentinel if parent is not None else None
    if watched is not None:
        loop.add_reader(watched, stopping)
    try:
        async with server:
            await stop
    finally:
        if watched is not None:
            loop.remove_reader(watched)
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
