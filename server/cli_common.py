"""What the commands of `kerne-server` share: one-line failures, a new session's settings
from the command line, and opening the database (its lock, its store)."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from rich.console import Console

from server import archive, model, series, views
from server import protocol as p
from server.dblock import Held, ServerLock
from server.hub import create_session
from server.model import SessionInfo
from server.rooms import start_admitting, utc_now
from server.store import Store, StoreError, check_ours, default_db_path

DEFAULT_PROFESSIONS = (
    "Lærer,Pædagog,Pædagogmedhjælper,Social- og sundhedsassistent,Social- og sundhedshjælper,"
    "Sygeplejerske,Fysioterapeut,Ergoterapeut,Psykolog,Socialrådgiver,Jobkonsulent,"
    "Bibliotekar,Ingeniør,Gartner,Pedel,Sekretær,Jurist,Leder"
)
# The professions a sector's workshops usually gather (offered at join; anyone may type
# another): the default when --sector is given without --professions.
SECTOR_PROFESSIONS: dict[str, str] = {
    "care": (
        "Social- og sundhedsassistent,Social- og sundhedshjælper,Sygeplejerske,"
        "Fysioterapeut,Ergoterapeut,Køkkenmedarbejder,Rengøringsassistent,Leder"
    ),
    "school": "Lærer,Pædagog,Pædagogmedhjælper,Psykolog,Socialrådgiver,Pedel,Sekretær,Leder",
    "daycare": (
        "Pædagog,Pædagogmedhjælper,Pædagogisk assistent,Køkkenmedarbejder,Talepædagog,"
        "Psykolog,Leder"
    ),
    "jobcentre": (
        "Jobkonsulent,Socialrådgiver,Virksomhedskonsulent,Sagsbehandler,Psykolog,Jurist,"
        "Sekretær,Leder"
    ),
    "library": "Bibliotekar,Kulturformidler,Biblioteksassistent,IT-medarbejder,Leder",
    "technical": ("Ingeniør,Planlægger,Gartner,Vejarbejder,Sagsbehandler,Jurist,Sekretær,Leder"),
}
DEFAULT_TITLE = "Vores kerneopgave"
# Options that describe a new session; given to `serve` without --title they would be lost.
SESSION_OPTIONS = (
    "professions",
    "level",
    "parent_task",
    "named",
    "k",
    "place",
    "facilitator",
    "sector",
)

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)


class CliError(Exception):
    """A failure explained in one line for the person at the keyboard."""


def session_info(args: argparse.Namespace) -> SessionInfo:
    title = p.clean_line(DEFAULT_TITLE if args.title is None else args.title)
    if not title:
        raise CliError("the title is empty")
    professions: list[str] = []
    sector = getattr(args, "sector", None)
    offered = args.professions or SECTOR_PROFESSIONS.get(sector or "", DEFAULT_PROFESSIONS)
    for typed in offered.split(","):
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
        place=_line(args.place, "title"),
        facilitator=_line(args.facilitator, "name"),
        sector=sector,
    )


def _line(typed: str | None, limit: str) -> str | None:
    """An optional one-line setting, cleaned as the wire cleans text and cut to its limit."""
    cleaned = p.clean_line(typed or "")[: p.LIMITS[limit]]
    return cleaned or None


def linked_codes(args: argparse.Namespace) -> list[str]:
    """The sessions a new one is linked to (`--parent-session`, `--from`), as codes: a
    database in shards places it beside them (server/shards.py)."""
    typed = [args.parent_session, args.from_code]
    return [code for t in typed if t and (code := p.normalize_code(t)) is not None]


def asks_new_session(args: argparse.Namespace) -> bool:
    """`--title`, `--from` and `--parent-session` each describe a new session for `serve`."""
    return bool(args.title is not None or args.from_code or args.parent_session)


def refuse_lost_options(args: argparse.Namespace) -> None:
    """A new session's settings given without --title would be lost: refused instead."""
    given = [
        f"--{name.replace('_', '-')}" for name in SESSION_OPTIONS if getattr(args, name) is not None
    ]
    if given:
        raise CliError(
            f"{given[0]} describes a new session: add --title to make one "
            "(without it the open sessions are served as they are)"
        )


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else default_db_path()


def open_store(path: Path, read_only: bool = False) -> Store:
    try:
        return Store(path, read_only=read_only)
    except StoreError as exc:
        raise CliError(str(exc)) from None


def refuse_foreign(path: Path) -> None:
    try:
        check_ours(path)
    except StoreError as exc:
        raise CliError(str(exc)) from None


def lock_database(path: Path) -> ServerLock:
    """This process's hold on the database, or one line naming the server that has it."""
    try:
        return ServerLock(path)
    except Held as exc:
        raise CliError(f"{exc}; stop it first, or use another --db") from None
    except OSError as exc:
        raise CliError(f"cannot use the database {path}: {exc.strerror or exc}") from None


def create(store: Store, info: SessionInfo, admit: bool = False) -> tuple[str, str]:
    try:
        return create_session(store, info, admit)
    except sqlite3.Error as exc:
        raise CliError(f"cannot write the database {store.path}: {exc}") from None


LEVEL_BELOW = {"municipality": "centre", "centre": "institution", "institution": "unit"}


def _replayed(
    store: Store, typed: str, what: str
) -> tuple[SessionInfo, model.State, list[model.Event]]:
    code = p.normalize_code(typed)
    log = archive.load_log(store, code) if code is not None else None
    if log is None:
        raise CliError(f"no session {typed!r} for {what} in {store.path}")
    events = [entry.event for entry in log.entries]
    return log.info, model.replay(log.info, events), events


def chosen_task(state: model.State) -> str | None:
    return next((d.text for d in state.drafts.values() if d.final and d.text), None)


def create_linked(
    store: Store, info: SessionInfo, args: argparse.Namespace, admit: bool = False
) -> tuple[str, str]:
    """A new session, linked to the one above (`--parent-session`: its chosen core task
    becomes this one's task above, kept in step by the server) and/or following up an
    earlier one (`--from`: its task, agreed statements, open conflicts and open actions
    carried over as this session's first event; what was not given is taken from it)."""
    carried: model.Event | None = None
    if args.from_code:
        earlier, state, events = _replayed(store, args.from_code, "--from")
        info.follows = earlier.code
        if args.title is None:
            info.title = earlier.title
        if args.level is None:
            info.level = earlier.level
        if args.professions is None:
            info.professions = list(earlier.professions)
        if args.named is None:
            info.anonymous = earlier.anonymous
        if args.k is None:
            info.k_anonymity = earlier.k_anonymity
        info.parent = info.parent or earlier.parent
        info.parent_task = info.parent_task or earlier.parent_task
        held_on = events[0].at if events else utc_now()
        carried = model.Event(None, series.carry(state, events, held_on), utc_now())
    if args.parent_session:
        above, state, _ = _replayed(store, args.parent_session, "--parent-session")
        info.parent = above.code
        info.parent_task = chosen_task(state) or info.parent_task
        if args.level is None and not args.from_code:
            info.level = LEVEL_BELOW.get(above.level, "unit")
    code, key = create(store, info)
    fresh = model.new_state(info)
    try:
        if carried is not None:
            model.apply(fresh, carried)
            store.append(code, 1, carried, p.encode(views.public_event(fresh, carried)))
        if admit:  # after what was carried over, so each event keeps its own seq
            start_admitting(store, fresh)
    except sqlite3.Error as exc:
        raise CliError(f"cannot write the database {store.path}: {exc}") from None
    return code, key
