"""What the commands of `kerne-server` share: one-line failures, a new session's settings
from the command line, and opening the database (its lock, its store)."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from rich.console import Console

from server import protocol as p
from server.dblock import Held, ServerLock
from server.hub import create_session
from server.model import SessionInfo
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
SESSION_OPTIONS = ("professions", "level", "parent_task", "named", "k", "sector")

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
        sector=sector,
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


def create(store: Store, info: SessionInfo) -> tuple[str, str]:
    try:
        return create_session(store, info)
    except sqlite3.Error as exc:
        raise CliError(f"cannot write the database {store.path}: {exc}") from None
