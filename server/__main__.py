"""`kerne-server`: serve sessions, add one, list them, export one.

Everything a facilitator reads here is meant for a person: the join code, the key, and
the exact line each participant types. Failures are one line and a non-zero exit.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from pathlib import Path

from rich.table import Table
from rich.text import Text

from server import archive, export, shards, supervisor
from server import protocol as p
from server.cli_common import (
    CliError,
    console,
    create_linked,
    db_path,
    errors,
    linked_codes,
    lock_database,
    open_store,
    refuse_foreign,
    session_info,
)
from server.hub import new_secret
from server.limits import JOINS_PER_MINUTE
from server.localzone import UnknownZone, machine_zone, named_zone
from server.serving import configure_logging, serve
from server.store import digest
from server.tree import session_tree

SUBCOMMANDS = ("serve", "new", "sessions", "export", "key")
LOG_LEVELS = ("debug", "info", "warning", "error")
# What `-o` names tells the format when `--format` is not given.
SUFFIX_FORMATS = {
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".zip": "csv",
    ".xlsx": "xlsx",
}


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
    parser.add_argument(
        "--admit",
        action="store_true",
        help="newcomers wait until the facilitator admits them (switch it off in the session)"
        + ("; given without --title, it switches the open sessions' lobby on" if serving else ""),
    )
    parser.add_argument("--place", help="where the meeting is held, for the minutes")
    parser.add_argument(
        "--facilitator", help="who runs the meeting, named in the minutes (even anonymous ones)"
    )
    parser.add_argument(
        "--from",
        dest="from_code",
        metavar="CODE",
        help="follow up that session: carry over its chosen core task, agreed statements, "
        "open conflicts and open actions (no votes, tags or names)",
    )
    parser.add_argument(
        "--parent-session",
        metavar="CODE",
        help="the session on the level above: its chosen core task is this one's task above, "
        "kept in step when it is chosen again",
    )
    parser.add_argument(
        "--sector",
        choices=list(p.SECTORS),
        help="the kind of workplace: picks the professions offered and the examples of "
        "output and effect on screen",
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
    serve.add_argument(
        "--session", help="show this session's join lines (every open one is served)"
    )
    serve.add_argument("--ready-file", type=Path, help="write JSON once listening (for scripts)")
    serve.add_argument(
        "--shards",
        type=int,
        default=1,
        metavar="N",
        help="serve in N processes (one per core), each with its own part of the database "
        "and its own port (--port, --port+1, ...); each session belongs to one",
    )
    serve.add_argument("--tls-cert", type=Path, help="serve wss:// with this certificate (PEM)")
    serve.add_argument("--tls-key", type=Path, help="the certificate's private key (PEM)")
    serve.add_argument(
        "--log-level", choices=LOG_LEVELS, default="info", help="what goes to standard error"
    )
    serve.add_argument(
        "--lang", choices=["da", "en"], help="language of the start-up text (default: locale)"
    )
    serve.add_argument(
        "--split-threshold",
        type=float,
        default=0.5,
        help="how far apart two professions' shares must be for the lens to suggest a "
        "conflict (0-1, default 0.5)",
    )
    serve.add_argument(
        "--join-rate",
        type=float,
        default=JOINS_PER_MINUTE,
        metavar="N",
        help="new participants a minute from one address, in bursts of twice that "
        f"(default {JOINS_PER_MINUTE:g}; 0: no limit); this machine is not limited",
    )
    serve.add_argument(
        "--join-rate-loopback",
        action="store_true",
        help="limit new participants from this machine too (to try the limit out)",
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
    sessions.add_argument(
        "--tree", action="store_true", help="show the chain of levels and the series"
    )
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
        help="md (minutes, the default), html (printable minutes), json (data), csv "
        "(tables) or xlsx (the tables as one spreadsheet); without it, -o's suffix decides",
    )
    parser.add_argument("--lang", choices=export.LANGS, default="da", help="minutes language")
    parser.add_argument(
        "--tz",
        help="time zone of the minutes' times, e.g. Europe/Copenhagen (default: this machine's)",
    )
    parser.add_argument(
        "--profession-tables",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="put every table per profession in the minutes and the tables (or, with "
        "--no-profession-tables, only the splits the facilitator showed the room); "
        "without either, as the facilitator set it in the session",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help="file to write (default: standard output); for csv a .zip file or a folder",
    )


def _holding(args: argparse.Namespace) -> Path:
    """The file of the database's shard that holds `args.code` (the database itself when
    it has one shard, or none holds it: the error then names it)."""
    db = db_path(args)
    code = p.normalize_code(args.code)
    number = shards.shard_of(db, code) if code is not None else None
    return shards.shard_path(db, number or 1)


def _new(args: argparse.Namespace) -> None:
    info = session_info(args)
    db = db_path(args)
    # A session goes where the one it is linked to is (server/shards.py).
    number = shards.place(db, shards.on_disk(db), linked_codes(args))
    store = open_store(shards.shard_path(db, number))
    try:
        code, key = create_linked(store, info, args, admit=args.admit)
    finally:
        store.close()
    console.print(Text.assemble("join code:        ", (p.format_code(code), "bold green")))
    console.print(Text.assemble("facilitator key:  ", (key, "bold yellow")))


def _key(args: argparse.Namespace) -> None:
    """A new facilitator key for an open session: only its hash is stored, so a lost key
    cannot be shown again, only replaced. A running server keeps the keys it loaded, so
    this refuses while one serves the database."""
    if not db_path(args).is_file():
        raise CliError(f"no database at {db_path(args)}")
    path = _holding(args)
    code = p.normalize_code(args.code)
    refuse_foreign(path)
    lock = lock_database(path)
    try:
        store = open_store(path)
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
    """Every shard's sessions (linked sessions share a shard, so each tree is whole)."""
    db = db_path(args)
    count = shards.on_disk(db)
    table = Table(title="kerne sessions")
    for column in ("code", "title", "created", "participants", "events", "state"):
        table.add_column(column)
    if count > 1:
        table.add_column("shard")
    for number, path in enumerate(shards.shard_paths(db, count), start=1):
        if number > 1 and not path.is_file():
            continue  # made by `serve --shards`, but never written to
        store = open_store(path, read_only=True)
        try:
            if args.tree:
                console.print(session_tree(store))
                continue
            for row in store.session_rows():
                table.add_row(
                    p.format_code(row["code"]),
                    Text(row["title"]),
                    row["created_at"],
                    str(row["participants"]),
                    str(row["events"]),
                    "closed" if row["closed"] else "open",
                    *([str(number)] if count > 1 else []),
                )
        finally:
            store.close()
    if not args.tree:
        console.print(table)


def _export_format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = args.output.suffix.lower() if args.output else ""
    return SUFFIX_FORMATS.get(suffix, "md")


def _read_log(args: argparse.Namespace) -> export.SessionLog:
    """The session's log, read beside a running server (WAL) or after it stopped."""
    path = _holding(args)
    code = p.normalize_code(args.code)
    store = open_store(path, read_only=True)
    try:
        log = archive.load_log(store, code) if code is not None else None
    except sqlite3.Error as exc:
        raise CliError(f"cannot read the database {path}: {exc}") from None
    finally:
        store.close()
    if log is None:
        raise CliError(f"no session {args.code!r} in {path}")
    return log


def write_csv_folder(
    log: export.SessionLog, folder: Path, options: export.MinutesOptions | None = None
) -> list[Path]:
    """The CSV tables as files in `folder` (created if needed); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in sorted(export.csv_files(log, options).items()):
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written


def _minutes_options(args: argparse.Namespace) -> export.MinutesOptions:
    try:
        tz = named_zone(args.tz) if args.tz else machine_zone()
    except UnknownZone as exc:
        raise CliError(str(exc)) from None
    return export.MinutesOptions(tz=tz, profession_tables=args.profession_tables)


def _export(args: argparse.Namespace) -> None:
    fmt = _export_format(args)
    options = _minutes_options(args)
    out: Path | None = args.output
    if fmt == "csv" and out is None:
        raise CliError("csv needs -o: a .zip file or a folder for the tables")
    log = _read_log(args)
    try:
        if fmt == "csv" and out is not None and out.suffix.lower() != ".zip":
            write_csv_folder(log, out, options)
        elif out is not None:
            out.write_bytes(export.render(log, fmt, args.lang, options))
        else:
            sys.stdout.buffer.write(export.render(log, fmt, args.lang, options))
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
        elif args.shards != 1:
            return supervisor.run(args)
        else:
            configure_logging(args.log_level)
            asyncio.run(serve(args))
    except CliError as exc:
        errors.print(Text(f"kerne-server: {exc}", style="red"), soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
