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
import os
import signal
import socket
import sqlite3
import ssl
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from server import export
from server import protocol as p
from server.announce import Announcer
from server.hub import Hub, create_session, start
from server.model import SessionInfo
from server.store import Store, StoreError, default_db_path

DEFAULT_PROFESSIONS = (
    "Lærer,Pædagog,Pædagogmedhjælper,Social- og sundhedsassistent,Social- og sundhedshjælper,"
    "Sygeplejerske,Fysioterapeut,Ergoterapeut,Psykolog,Socialrådgiver,Jobkonsulent,"
    "Bibliotekar,Ingeniør,Gartner,Pedel,Sekretær,Jurist,Leder"
)
SUBCOMMANDS = ("serve", "new", "sessions", "export")
# What `-o` names tells the format when `--format` is not given.
SUFFIX_FORMATS = {".md": "md", ".html": "html", ".htm": "html", ".json": "json", ".zip": "csv"}

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)


class CliError(Exception):
    """A failure explained in one line for the person at the keyboard."""


def _session_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title", default="Vores kerneopgave", help="what the session is about")
    parser.add_argument(
        "--professions",
        default=DEFAULT_PROFESSIONS,
        help="comma-separated professions offered at join (participants may type others)",
    )
    parser.add_argument(
        "--level",
        choices=["unit", "institution", "centre", "municipality"],
        default="unit",
        help="the organisational level whose core task is worked on",
    )
    parser.add_argument("--parent-task", help="the core task of the level above, for reference")
    parser.add_argument("--named", action="store_true", help="show who wrote what (not anonymous)")
    parser.add_argument(
        "--k", type=int, default=3, help="smallest group shown on its own in splits (default 3)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kerne-server", description="Run real-time workshops on a unit's core task."
    )
    sub = parser.add_subparsers(dest="command")
    serve = sub.add_parser("serve", help="serve sessions (the default)")
    serve.add_argument("--host", default="0.0.0.0", help="address to listen on")
    serve.add_argument("--port", type=int, default=8765, help="port (0: any free one)")
    serve.add_argument("--db", type=Path, help="SQLite file (default: the user data dir)")
    serve.add_argument("--session", help="reopen this session instead of creating one")
    serve.add_argument("--ready-file", type=Path, help="write JSON once listening (for scripts)")
    serve.add_argument("--tls-cert", type=Path, help="serve wss:// with this certificate (PEM)")
    serve.add_argument("--tls-key", type=Path, help="the certificate's private key (PEM)")
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
    _session_options(serve)
    new = sub.add_parser("new", help="add a session to the database and print its code")
    new.add_argument("--db", type=Path, help="SQLite file (default: the user data dir)")
    _session_options(new)
    sessions = sub.add_parser("sessions", help="list the sessions in the database")
    sessions.add_argument("--db", type=Path, help="SQLite file (default: the user data dir)")
    _export_options(sub.add_parser("export", help="write a session's minutes or data"))
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
    title = p.clean_line(args.title)
    if not title:
        raise CliError("the title is empty")
    professions: list[str] = []
    for typed in args.professions.split(","):
        name = p.clean_line(typed)[: p.LIMITS["profession"]]
        if name and name.casefold() not in {x.casefold() for x in professions}:
            professions.append(name)  # once each: professions compare without case
    if args.k < 1:
        raise CliError("--k must be at least 1")
    return SessionInfo(
        code="",
        title=title[: p.LIMITS["title"]],
        level=args.level,
        parent_task=p.clean_text(args.parent_task) if args.parent_task else None,
        professions=professions,
        anonymous=not args.named,
        k_anonymity=args.k,
    )


def _open_store(path: Path | None) -> Store:
    try:
        return Store(path or default_db_path())
    except StoreError as exc:
        raise CliError(str(exc)) from None


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses that others in the room could reach."""
    found: list[str] = []
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            address = str(info[4][0])
            if not address.startswith("127.") and address not in found:
                found.append(address)
    return found


WILDCARD = ("0.0.0.0", "::", "")


def announce_addresses(host: str, announce: bool | None) -> list[str]:
    """Where to announce: the LAN addresses served on, loopback only when asked, never
    with --no-announce (announce False)."""
    if announce is False:
        return []
    if host in WILDCARD:
        return lan_addresses()
    if host == "localhost" or host.startswith("127."):
        return ["127.0.0.1"] if announce else []
    return [host]


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


def _print_welcome(
    code: str,
    key: str | None,
    host: str,
    port: int,
    title: str,
    announced: bool,
    scheme: str = "ws",
) -> None:
    shown = p.format_code(code)
    hosts = [*lan_addresses(), "localhost"] if host in WILDCARD else [host]
    console.print(Text.assemble(("kerne ", "bold"), "session ", (title, "bold")))
    console.print(Text.assemble("  join code:        ", (shown, "bold green")))
    if key:
        console.print(Text.assemble("  facilitator key:  ", (key, "bold yellow")))
    console.print("  participants type:")
    if announced:
        console.print(Text(f"    kerne-tui join {shown}"), soft_wrap=True)
        console.print("  or, if that does not find the session:")
    for name in hosts:
        console.print(
            Text(f"    kerne-tui join {shown} --server {scheme}://{name}:{port}"), soft_wrap=True
        )
    if key:
        console.print("  you, the facilitator, type:")
        console.print(
            Text(
                f"    kerne-tui join {shown} --server {scheme}://{hosts[-1]}:{port} "
                f"--facilitator {key}"
            ),
            soft_wrap=True,
        )
    console.print("  Ctrl+C stops the server; the session is kept and can be reopened.")


def _more_open_files() -> None:
    """A room is many sockets: raise the soft limit of open files to the hard one (often
    1024 on a desktop, 256 on macOS, which would leave no room for a kick-off day)."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
        if soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


async def _serve(args: argparse.Namespace) -> None:
    if not 0.0 < args.split_threshold <= 1.0:
        raise CliError("--split-threshold must be above 0 and at most 1")
    _more_open_files()
    store = _open_store(args.db)
    hub = Hub(store, threshold=args.split_threshold)
    key: str | None = None
    if args.session:
        code = p.normalize_code(args.session)
        if code is None or store.session(code) is None:
            raise CliError(f"no session {args.session!r} in {args.db or default_db_path()}")
        live = hub.load(code)
        assert live is not None  # the store has it: checked just above
        title = live.state.info.title
    else:
        info = _info(args)
        code, key = create_session(store, info)
        title = info.title
    hub.load_open_sessions()
    tls = _tls(args.tls_cert, args.tls_key)
    scheme = "wss" if tls else "ws"
    try:
        server = await start(hub, args.host, args.port, ssl=tls)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise CliError(f"port {args.port} is already in use; try --port 0 or another") from None
        raise CliError(f"cannot listen on {args.host}:{args.port}: {exc.strerror}") from None
    port = next(iter(server.sockets)).getsockname()[1]
    url_host = "127.0.0.1" if args.host in ("0.0.0.0", "::", "") else args.host
    if args.ready_file:
        args.ready_file.write_text(
            json.dumps(
                {
                    "url": f"{scheme}://{url_host}:{port}",
                    "code": p.format_code(code),
                    "facilitator_key": key,
                    "pid": os.getpid(),
                }
            )
        )
    announcer = await _start_announcer(port, announce_addresses(args.host, args.announce))
    _print_welcome(code, key, args.host, port, title, announcer is not None, scheme)
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
        store.close()


async def _start_announcer(port: int, addresses: list[str]) -> Announcer | None:
    """Announce on the local network; a network that refuses multicast costs a warning."""
    if not addresses:
        return None
    announcer = Announcer(port, addresses)
    try:
        await announcer.start()
    except OSError as exc:
        errors.print(Text(f"kerne-server: not announced on the network ({exc})"), soft_wrap=True)
        return None
    return announcer


def _new(args: argparse.Namespace) -> None:
    store = _open_store(args.db)
    info = _info(args)
    code, key = create_session(store, info)
    console.print(Text.assemble("join code:        ", (p.format_code(code), "bold green")))
    console.print(Text.assemble("facilitator key:  ", (key, "bold yellow")))


def _sessions(args: argparse.Namespace) -> None:
    store = _open_store(args.db)
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
    console.print(table)


def _export_format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = args.output.suffix.lower() if args.output else ""
    return SUFFIX_FORMATS.get(suffix, "md")


def _read_log(args: argparse.Namespace) -> export.SessionLog:
    """The session's log, read beside a running server (WAL) or after it stopped."""
    path = args.db or default_db_path()
    if not path.is_file():
        # Opening a missing file would create an empty database: say so instead.
        raise CliError(f"no database at {path}")
    code = p.normalize_code(args.code)
    store = _open_store(path)
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
        elif args.command == "sessions":
            _sessions(args)
        elif args.command == "export":
            _export(args)
        else:
            asyncio.run(_serve(args))
    except CliError as exc:
        errors.print(Text(f"kerne-server: {exc}", style="red"), soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
