"""`kerne-server`: serve sessions, add one, list them, export one.

Everything a facilitator reads here is meant for a person: the join code, the key, and
the exact line each participant types. Failures are one line and a non-zero exit.
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
import sqlite3
import ssl
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from server import export
from server import protocol as p
from server.addresses import Address, facilitator_host, served_addresses, url
from server.announce import Announcer
from server.dblock import Held, ServerLock
from server.hub import Hub, create_session, new_secret, start
from server.model import SessionInfo
from server.private import write_private
from server.startup import Reach, Served, startup_text
from server.store import Store, StoreError, check_ours, default_db_path, digest

DEFAULT_PROFESSIONS = (
    "Lærer,Pædagog,Pædagogmedhjælper,Social- og sundhedsassistent,Social- og sundhedshjælper,"
    "Sygeplejerske,Fysioterapeut,Ergoterapeut,Psykolog,Socialrådgiver,Jobkonsulent,"
    "Bibliotekar,Ingeniør,Gartner,Pedel,Sekretær,Jurist,Leder"
)
SUBCOMMANDS = ("serve", "new", "sessions", "export", "key")
DEFAULT_TITLE = "Vores kerneopgave"
LOG_LEVELS = ("debug", "info", "warning", "error")
# What `-o` names tells the format when `--format` is not given.
SUFFIX_FORMATS = {".md": "md", ".html": "html", ".htm": "html", ".json": "json", ".zip": "csv"}

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)
log = logging.getLogger("kerne.server")


class CliError(Exception):
    """A failure explained in one line for the person at the keyboard."""


def _session_options(parser: argparse.ArgumentParser, serving: bool = False) -> None:
    """What a new session is like. Left unset (None) they take their defaults; for `serve`
    --title is what asks for a new session beside the open ones."""
    title_help = "what the session is about" + (
        " (makes a new session; without it the open ones are served)" if serving else ""
    )
    parser.add_argument("--title", help=title_help)
    parser.add_argument(
        "--professions",
        help="comma-separated professions offered at join (participants may type others)",
    )
    parser.add_argument(
        "--level",
        choices=["unit", "institution", "centre", "municipality"],
        help="the organisational level whose core task is worked on (default unit)",
    )
    parser.add_argument("--parent-task", help="the core task of the level above, for reference")
    parser.add_argument(
        "--named", action="store_true", default=None, help="show who wrote what (not anonymous)"
    )
    parser.add_argument(
        "--k", type=int, help="smallest group shown on its own in splits (default 3)"
    )


# Options that describe a new session; given to `serve` without --title they would be lost.
SESSION_OPTIONS = ("professions", "level", "parent_task", "named", "k")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kerne-server", description="Run real-time workshops on a unit's core task."
    )
    sub = parser.add_subparsers(dest="command")
    serve = sub.add_parser("serve", help="serve sessions (the default)")
    serve.add_argument("--host", default="0.0.0.0", help="address to listen on")
    serve.add_argument("--port", type=int, default=8765, help="port (0: any free one)")
    serve.add_argument("--db", type=Path, help="SQLite file (default: the user data dir)")
    serve.add_argument(
        "--session", help="show this session's join lines (every open one is served)"
    )
    serve.add_argument("--ready-file", type=Path, help="write JSON once listening (for scripts)")
    serve.add_argument("--tls-cert", type=Path, help="serve wss:// with this certificate (PEM)")
    serve.add_argument("--tls-key", type=Path, help="the certificate's private key (PEM)")
    serve.add_argument(
        "--log-level", choices=LOG_LEVELS, default="info", help="what goes to standard error"
    )
    serve.add_argument(
        "--split-threshold",
        type=float,
        default=0.5,
        help="how far apart two professions' shares must be for the lens to suggest a "
        "conflict (0-1, default 0.5)",
    )
    announce = serve.add_mutually_exclusive_group()
    announce.add_argument(
        "--announce",
        action="store_const",
        const=True,
        dest="announce",
        help="announce on the local network even when serving on loopback",
    )
    announce.add_argument(
        "--no-announce",
        action="store_const",
        const=False,
        dest="announce",
        help="do not announce (participants then need --server)",
    )
    _session_options(serve, serving=True)
    new = sub.add_parser("new", help="add a session to the database and print its code")
    new.add_argument("--db", type=Path, help="SQLite file (default: the user data dir)")
    _session_options(new)
    sessions = sub.add_parser("sessions", help="list the sessions in the database")
    sessions.add_argument("--db", type=Path, help="SQLite file (default: the user data dir)")
    _export_options(sub.add_parser("export", help="write a session's minutes or data"))
    key = sub.add_parser("key", help="give an open session a new facilitator key, shown once")
    key.add_argument("code", help="the session's join code, e.g. K7QX-M2PA")
    key.add_argument("--db", type=Path, help="SQLite file (default: the user data dir)")
    return parser


def _export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", help="the session's join code, e.g. K7QX-M2PA")
    parser.add_argument("--db", type=Path, help="SQLite file (default: the user data dir)")
    parser.add_argument(
        "--format",
        choices=export.FORMATS,
        help="md (minutes, the default), html (printable minutes), json (data) or csv "
        "(tables); without it, -o's suffix decides",
    )
    parser.add_argument("--lang", choices=export.LANGS, default="da", help="minutes language")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help="file to write (default: standard output); for csv a .zip file or a folder",
    )


def _info(args: argparse.Namespace) -> SessionInfo:
    title = p.clean_line(DEFAULT_TITLE if args.title is None else args.title)
    if not title:
        raise CliError("the title is empty")
    professions: list[str] = []
    for typed in (args.professions or DEFAULT_PROFESSIONS).split(","):
        name = p.clean_line(typed)[: p.LIMITS["profession"]]
        if name and name.casefold() not in {x.casefold() for x in professions}:
            professions.append(name)  # once each: professions compare without case
    k = 3 if args.k is None else args.k
    if k < 1:
        raise CliError("--k must be at least 1")
    return SessionInfo(
        code="",
        title=title[: p.LIMITS["title"]],
        level=args.level or "unit",
        parent_task=p.clean_text(args.parent_task) if args.parent_task else None,
        professions=professions,
        anonymous=not args.named,
        k_anonymity=k,
    )


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else default_db_path()


def _open_store(path: Path, read_only: bool = False) -> Store:
    try:
        return Store(path, read_only=read_only)
    except StoreError as exc:
        raise CliError(str(exc)) from None


def _check_ours(path: Path) -> None:
    try:
        check_ours(path)
    except StoreError as exc:
        raise CliError(str(exc)) from None


def _lock(path: Path) -> ServerLock:
    """This process's hold on the database, or one line naming the server that has it."""
    try:
        return ServerLock(path)
    except Held as exc:
        raise CliError(f"{exc}; stop it first, or use another --db") from None
    except OSError as exc:
        raise CliError(f"cannot use the database {path}: {exc.strerror or exc}") from None


def _create(store: Store, info: SessionInfo) -> tuple[str, str]:
    try:
        return create_session(store, info)
    except sqlite3.Error as exc:
        raise CliError(f"cannot write the database {store.path}: {exc}") from None


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
            raise CliError(f"no session {args.session!r} in {_db_path(args)}")
        others = len([c for c in open_codes if c != code])
        return [Served(code, live.state.info.title)], others
    if args.title is not None or not open_codes:
        info = _info(args)
        code, key = _create(store, info)
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
    shown = []
    for code in open_codes:
        shown.append(Served(code, hub.sessions[code].state.info.title))
    return shown, 0


def _configure_logging(level: str) -> None:
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


async def _serve(args: argparse.Namespace) -> None:
    if not 0.0 < args.split_threshold <= 1.0:
        raise CliError("--split-threshold must be above 0 and at most 1")
    tls = _tls(args.tls_cert, args.tls_key)
    scheme = "wss" if tls else "ws"
    _more_open_files()
    path = _db_path(args)
    _check_ours(path)  # another program's file gets no lock file beside it either
    lock = _lock(path)
    try:
        await _serve_locked(args, path, lock, tls, scheme)
    finally:
        lock.release()


async def _serve_locked(
    args: argparse.Namespace, path: Path, lock: ServerLock, tls: ssl.SSLContext | None, scheme: str
) -> None:
    store = _open_store(path)
    try:
        hub = Hub(store, threshold=args.split_threshold)
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
        lock.say(url(scheme, served[0].ip if served else mine, port))
        log.info(
            "listening on %s port %d for %d session(s), database %s",
            ", ".join(listening),
            port,
            len(hub.sessions),
            path,
        )
        if args.ready_file:
            _write_ready(args.ready_file, scheme, mine, port, shown)
        announcer = await _start_announcer(
            port, announce_addresses(served, args.announce), tls is not None
        )
        reach = Reach(scheme, port, served, mine, announcer is not None)
        for line in startup_text(shown, reach, others):
            console.print(line, soft_wrap=True)
        await _until_stopped(server, announcer)
    finally:
        store.close()


def _write_ready(ready: Path, scheme: str, host: str, port: int, shown: list[Served]) -> None:
    """For scripts: where the server is and the session printed last (its key only when
    just made). The file holds a facilitator key: it is private, and written whole."""
    last = shown[-1]
    here = "127.0.0.1" if host == "localhost" else host.strip("[]")
    data = {
        "url": url(scheme, here, port),
        "code": p.format_code(last.code),
        "facilitator_key": last.key,
        "pid": os.getpid(),
        "sessions": [p.format_code(s.code) for s in shown],
    }
    try:
        write_private(ready, json.dumps(data).encode())
    except OSError as exc:
        raise CliError(f"cannot write {ready}: {exc.strerror or exc}") from None


async def _until_stopped(server: Any, announcer: Announcer | None) -> None:
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


def _new(args: argparse.Namespace) -> None:
    info = _info(args)
    store = _open_store(_db_path(args))
    try:
        code, key = _create(store, info)
    finally:
        store.close()
    console.print(Text.assemble("join code:        ", (p.format_code(code), "bold green")))
    console.print(Text.assemble("facilitator key:  ", (key, "bold yellow")))


def _key(args: argparse.Namespace) -> None:
    """A new facilitator key for an open session: only its hash is stored, so a lost key
    cannot be shown again, only replaced. A running server keeps the keys it loaded, so
    this refuses while one serves the database."""
    path = _db_path(args)
    if not path.is_file():
        raise CliError(f"no database at {path}")
    code = p.normalize_code(args.code)
    _check_ours(path)
    lock = _lock(path)
    try:
        store = _open_store(path)
        try:
            if code is None or store.session(code) is None:
                raise CliError(f"no session {args.code!r} in {path}")
            if store.is_closed(code):
                raise CliError(f"session {p.format_code(code)} is closed; `export` reads it")
            key = new_secret()
            store.set_key_hash(code, digest(key))
        except sqlite3.Error as exc:
            raise CliError(f"cannot write the database {path}: {exc}") from None
        finally:
            store.close()
    finally:
        lock.release()
    console.print(Text.assemble("join code:        ", (p.format_code(code), "bold green")))
    console.print(Text.assemble("facilitator key:  ", (key, "bold yellow")))
    console.print("the old key no longer works; this one is shown only now")


def _sessions(args: argparse.Namespace) -> None:
    store = _open_store(_db_path(args), read_only=True)
    table = Table(title="kerne sessions")
    for column in ("code", "title", "created", "participants", "events", "state"):
        table.add_column(column)
    for row in store.session_rows():
        table.add_row(
            p.format_code(row["code"]),
            Text(row["title"]),
            row["created_at"],
            str(row["participants"]),
            str(row["events"]),
            "closed" if row["closed"] else "open",
        )
    store.close()
    console.print(table)


def _export_format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = args.output.suffix.lower() if args.output else ""
    return SUFFIX_FORMATS.get(suffix, "md")


def _read_log(args: argparse.Namespace) -> export.SessionLog:
    """The session's log, read beside a running server (WAL) or after it stopped."""
    path = _db_path(args)
    code = p.normalize_code(args.code)
    store = _open_store(path, read_only=True)
    try:
        log = export.load_log(store, code) if code is not None else None
    except sqlite3.Error as exc:
        raise CliError(f"cannot read the database {path}: {exc}") from None
    finally:
        store.close()
    if log is None:
        raise CliError(f"no session {args.code!r} in {path}")
    return log


def _export(args: argparse.Namespace) -> None:
    fmt = _export_format(args)
    out: Path | None = args.output
    if fmt == "csv" and out is None:
        raise CliError("csv needs -o: a .zip file or a folder for the tables")
    log = _read_log(args)
    try:
        if fmt == "csv" and out is not None and out.suffix.lower() != ".zip":
            export.write_csv_folder(log, out)
        elif out is not None:
            out.write_bytes(export.render(log, fmt, args.lang))
        else:
            sys.stdout.buffer.write(export.render(log, fmt, args.lang))
            sys.stdout.buffer.flush()
            return
    except OSError as exc:
        raise CliError(f"cannot write {out or 'standard output'}: {exc.strerror or exc}") from None
    console.print(Text(f"wrote {out}"), soft_wrap=True)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help")):
        argv.insert(0, "serve")
    args = build_parser().parse_args(argv)
    try:
        if args.command == "new":
            _new(args)
        elif args.command == "key":
            _key(args)
        elif args.command == "sessions":
            _sessions(args)
        elif args.command == "export":
            _export(args)
        else:
            _configure_logging(args.log_level)
            asyncio.run(_serve(args))
    except CliError as exc:
        errors.print(Text(f"kerne-server: {exc}", style="red"), soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
