"""`kerne-server serve --shards N`: one serving process per shard of the database.

One process holds 1,000-1,500 participants at p99 under 100 ms on this project's 2-core
machine (docs/benchmarks.md); a process per core adds what the cores add. This process
only starts and stops the others: it binds every shard's port first (so each knows
where every other one is, `--port 0` too), starts the shards one after another as
server/shard_plan.py decided, each printing its own sessions' join lines once it
listens, and ends them all when one ends or it is told to stop. No frame passes
through it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import signal
import socket
import sys
from multiprocessing.connection import Connection, wait
from multiprocessing.context import SpawnProcess
from types import FrameType

from rich.text import Text

from server.catalog import pick_language, words
from server.cli_common import CliError, console, db_path, errors, refuse_foreign
from server.limits import LISTEN_BACKLOG
from server.serving import (
    ShardRun,
    check_serving,
    configure_logging,
    listen_error,
    serve,
    write_ready,
)
from server.shard_plan import Plan, child_args, plan, ready_file
from server.shards import Shard, ShardError, check_count, shard_paths

# How long the shards get to close their connections and the database when told to stop.
STOP_GRACE = 10.0


def ports_for(port: int, count: int) -> list[int]:
    """Each shard's port: `--port`, `--port`+1, ... (any free one each for 0)."""
    if port and port + count - 1 > 65535:
        raise CliError(f"--port {port} leaves no room for {count} shards (ports up to 65535)")
    return [port + i if port else 0 for i in range(count)]


def bind(host: str, port: int) -> socket.socket:
    """A listening socket for one shard, made here so that its port is known to all. On
    the first address `--host` names (a single server listens on every one of them)."""
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
        sock.listen(LISTEN_BACKLOG)
    except OSError as exc:
        sock.close()
        raise listen_error(host, port, exc) from None
    return sock


def run_shard(
    args: argparse.Namespace, shard: Shard, sock: socket.socket, planned: Plan, said: Connection
) -> None:
    """The body of one shard's process (spawned: it imports everything afresh)."""
    configure_logging(args.log_level)
    makes = planned.makes and planned.target == shard.number
    run = ShardRun(shard, sock, makes, planned.lists(shard.number), said.send)
    try:
        asyncio.run(serve(args, run))
    except CliError as exc:
        errors.print(Text(f"kerne-server: {exc}", style="red"), soft_wrap=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(0)  # Ctrl+C before its loop took the signal over: stopped as asked


class Shards:
    """The running shards, started in order and stopped together. `stopping` is set by
    SIGTERM or SIGINT: the handler only tells the shards (and never waits), so the
    loop that starts or watches them finds it and ends in order."""

    def __init__(self) -> None:
        self.processes: list[SpawnProcess] = []
        self.stopping = False

    def start(self, target: tuple[object, ...], number: int) -> SpawnProcess:
        context = multiprocessing.get_context("spawn")
        process = context.Process(target=run_shard, args=target, name=f"kerne-shard{number}")
        process.start()
        self.processes.append(process)
        return process

    def told(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True
        self.signal_all()

    def signal_all(self) -> None:
        for process in self.processes:
            if process.is_alive() and process.pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGTERM)

    def stop(self) -> None:
        """Tell every shard to stop, and wait for each (killed past the grace)."""
        self.signal_all()
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
    planned = plan(args, db, args.shards)
    socks = [bind(args.host, port) for port in ports_for(args.port, args.shards)]
    ports = [int(sock.getsockname()[1]) for sock in socks]
    t = words(pick_language(getattr(args, "lang", None), os.environ))
    console.print(Text(t("startup.shards", count=args.shards)), soft_wrap=True)
    shards = Shards()
    before = {s: signal.signal(s, shards.told) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        ready: list[dict[str, object]] = []
        for number, sock in enumerate(socks, start=1):
            said, tell = multiprocessing.get_context("spawn").Pipe(duplex=False)
            shard = Shard(number, paths, ports)
            process = shards.start(
                (child_args(args, planned, number), shard, sock, planned, tell), number
            )
            wait([said, process.sentinel])
            sock.close()  # the shard has its own copy now
            if shards.stopping:
                return 0
            if not said.poll():
                return abs(process.exitcode or 2)  # it said why on standard error
            ready.append(said.recv())
        console.print(Text(t("startup.stop")), soft_wrap=True)
        if args.ready_file:
            write_ready(args.ready_file, ready_file(ready, planned))
        status = shards.wait_any()
        return 0 if shards.stopping else status
    finally:
        shards.stop()
        for signum, handler in before.items():
            signal.signal(signum, handler)
