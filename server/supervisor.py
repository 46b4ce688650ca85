"""`kerne-server serve --shards N`: one serving process per shard of the database.

One process holds about 1,500 participants at p99 under 100 ms on this project's 2-core
machine (docs/benchmarks.md); a process per core adds what the cores add. This process
only starts and stops the others: it binds every shard's port first (so each knows
where every other one is, `--port 0` too), places the new session asked for in its
shard (server/shards.py), starts the shards one after another, each printing its own
sessions' join lines once it listens, and ends them all when one ends or it is told to
stop. No frame passes through it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import multiprocessing
import os
import signal
import socket
import sys
from multiprocessing.connection import Connection, wait
from multiprocessing.context import SpawnProcess
from pathlib import Path
from types import FrameType

from rich.text import Text

from server import protocol as p
from server.catalog import pick_language, words
from server.cli_common import (
    SESSION_OPTIONS,
    CliError,
    console,
    db_path,
    errors,
    linked_codes,
    refuse_foreign,
)
from server.serving import (
    ShardRun,
    check_serving,
    configure_logging,
    listen_error,
    refuse_lost_options,
    serve,
    write_ready,
)
from server.shards import (
    Shard,
    ShardError,
    check_count,
    open_count,
    place,
    shard_of,
    shard_paths,
)

# How long the shards get to close their connections and the database when told to stop.
STOP_GRACE = 10.0


def makes_session(args: argparse.Namespace, open_sessions: int) -> bool:
    """Whether this start makes a session, as `serve` alone decides: never with
    `--session`; when asked for one; when no shard has an open session to serve."""
    if args.session is not None:
        return False
    asked = args.title is not None or args.from_code or args.parent_session
    return bool(asked) or open_sessions == 0


def child_args(args: argparse.Namespace, makes: bool, shows: bool) -> argparse.Namespace:
    """A shard's own options: the new session's settings only where it is made; `--admit`
    for the open sessions only where no new session takes it; no ready file (this process
    writes the one file for all of them)."""
    mine = copy.copy(args)
    mine.ready_file = None
    mine.shards = 1
    if not shows:
        mine.session = None
    if not makes:
        for name in (*SESSION_OPTIONS, "title", "from_code", "parent_session"):
            setattr(mine, name, None)
        if args.title is not None or args.from_code or args.parent_session:
            mine.admit = False
    return mine


def bind(host: str, port: int) -> socket.socket:
    """A listening socket for one shard, made here so that its port is known to all."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise listen_error(host, port, exc) from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(100)
    except OSError as exc:
        sock.close()
        raise listen_error(host, port, exc) from None
    return sock


def run_shard(
    args: argparse.Namespace,
    number: int,
    paths: list[Path],
    ports: list[int],
    sock: socket.socket,
    makes: bool,
    said: Connection,
) -> None:
    """The body of one shard's process (spawned: it imports everything afresh)."""
    configure_logging(args.log_level)
    run = ShardRun(Shard(number, paths, ports), sock, makes, said.send)
    try:
        asyncio.run(serve(args, run))
    except CliError as exc:
        errors.print(Text(f"kerne-server: {exc}", style="red"), soft_wrap=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)


class Shards:
    """The running shards, started in order and stopped together."""

    def __init__(self) -> None:
        self.processes: list[SpawnProcess] = []

    def start(self, target: tuple[object, ...], number: int) -> SpawnProcess:
        context = multiprocessing.get_context("spawn")
        process = context.Process(target=run_shard, args=target, name=f"kerne-shard{number}")
        process.start()
        self.processes.append(process)
        return process

    def stop(self) -> None:
        for process in self.processes:
            if process.is_alive() and process.pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGTERM)
        for process in self.processes:
            process.join(STOP_GRACE)
            if process.is_alive():
                process.kill()
                process.join()

    def wait_any(self) -> int:
        """Until one shard ends: its exit status (0 when it was stopped as asked)."""
        ended = wait([process.sentinel for process in self.processes])
        for process in self.processes:
            if process.sentinel in ended:
                code = process.exitcode or 0
                return 0 if code in (-signal.SIGTERM, -signal.SIGINT, 130) else abs(code)
        return 0  # pragma: no cover - wait returns only when one ended


def _placement(args: argparse.Namespace, db: Path, count: int) -> tuple[bool, int, int | None]:
    """Whether a new session is made, in which shard, and which shard holds --session."""
    shows: int | None = None
    if args.session:
        code = p.normalize_code(args.session)
        shows = shard_of(db, code) if code is not None else None
        if shows is None:
            raise CliError(f"no session {args.session!r} in {db}")
    open_sessions = sum(open_count(path) for path in shard_paths(db, count))
    makes = makes_session(args, open_sessions)
    if not makes and shows is None:
        refuse_lost_options(args)
    for code in linked_codes(args):
        if shard_of(db, code) is None:
            raise CliError(f"no session {code!r} in {db}")
    return makes, place(db, count, linked_codes(args)), shows


def run(args: argparse.Namespace) -> int:
    """Start the shards, write the ready file once all listen, wait, stop them all."""
    check_serving(args)
    db = db_path(args)
    try:
        check_count(db, args.shards)
    except ShardError as exc:
        raise CliError(str(exc)) from None
    paths = shard_paths(db, args.shards)
    for path in paths:
        refuse_foreign(path)
    makes, target, shows = _placement(args, db, args.shards)
    socks = [bind(args.host, args.port + i if args.port else 0) for i in range(args.shards)]
    ports = [int(sock.getsockname()[1]) for sock in socks]
    t = words(pick_language(getattr(args, "lang", None), os.environ))
    console.print(Text(t("startup.shards", count=args.shards)), soft_wrap=True)
    shards = Shards()
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        shards.stop()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        ready: list[dict[str, object]] = []
        for number, sock in enumerate(socks, start=1):
            said, tell = multiprocessing.get_context("spawn").Pipe(duplex=False)
            mine = child_args(args, makes and number == target, shows == number)
            target_args = (mine, number, paths, ports, sock, makes and number == target, tell)
            process = shards.start(target_args, number)
            wait([said, process.sentinel])
            if not said.poll():
                shards.stop()
                return process.exitcode or 2
            ready.append(said.recv())
            sock.close()  # the shard has its own copy now
        console.print(Text(t("startup.stop")), soft_wrap=True)
        if args.ready_file:
            write_ready(args.ready_file, ready_file(ready, makes, target, shows))
        status = shards.wait_any()
        return 0 if stopping else status
    except KeyboardInterrupt:
        return 130
    finally:
        shards.stop()
        signal.signal(signal.SIGTERM, previous)


def ready_file(
    ready: list[dict[str, object]], makes: bool, target: int, shows: int | None
) -> dict[str, object]:
    """One file for all the shards: like a single server's, for the session made or
    asked for (else the first shard's), and every shard's address and the sessions it
    serves."""
    main = {key: value for key, value in ready[(target if makes else shows or 1) - 1].items()}
    shown: list[object] = []
    for shard in ready:
        listed = shard["sessions"]
        assert isinstance(listed, list)
        shown += listed
    main.pop("served", None)
    return {
        **main,
        "pid": os.getpid(),
        "sessions": shown,
        "shards": [
            {"url": shard["url"], "sessions": shard["served"], "pid": shard["pid"]}
            for shard in ready
        ],
    }
