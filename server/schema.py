"""The database's layout, its version (`PRAGMA user_version`) and the forward migrations.

Version 1 is the layout kerne had before versions were kept; such a database (version 0
with exactly kerne's tables) is recognised and stamped 1. A database with other tables
(another program's file, a typo'd `--db`) or from a newer kerne is refused untouched: no
table added, no journal mode switched, nothing stamped.

To change the layout, add a migration at the end of `MIGRATIONS` (it takes version n-1
to n, inside the transaction that stamps n) and the tables it leaves to `TABLES`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

V1 = (
    """CREATE TABLE "sessions" (
   "code" TEXT PRIMARY KEY,
   "title" TEXT NOT NULL,
   "level" TEXT,
   "parent_task" TEXT,
   "professions" TEXT,
   "anonymous" INTEGER,
   "k_anonymity" INTEGER,
   "key_hash" TEXT NOT NULL,
   "created_at" TEXT NOT NULL
)""",
    """CREATE TABLE "participants" (
   "session" TEXT,
   "id" TEXT,
   "token_hash" TEXT,
   PRIMARY KEY ("session", "id")
)""",
    'CREATE UNIQUE INDEX "idx_participants_session_token_hash"'
    ' ON "participants" ("session", "token_hash")',
    # The facilitator's "not now" to a lens suggestion: private, so not an event.
    """CREATE TABLE "dismissals" (
   "session" TEXT,
   "suggestion" TEXT,
   PRIMARY KEY ("session", "suggestion")
)""",
    """CREATE TABLE "events" (
   "session" TEXT,
   "seq" INTEGER,
   "at" TEXT,
   "kind" TEXT,
   "actor" TEXT,
   "data" TEXT,
   "public" TEXT,
   "command_id" TEXT,
   "item_id" TEXT,
   PRIMARY KEY ("session", "seq")
)""",
    # Exactly-once: one event per (participant, command id), for ever.
    "CREATE UNIQUE INDEX idx_events_command ON events(session, actor, command_id)"
    " WHERE command_id IS NOT NULL",
)


def _create_v1(conn: sqlite3.Connection) -> None:
    for statement in V1:
        conn.execute(statement)


def _add_v2(conn: sqlite3.Connection) -> None:
    """Where and by whom a session was held, and the sessions it hangs together with: the
    one on the level above (`parent`) and the earlier one it follows up (`follows`)."""
    for column in ("place", "facilitator", "parent", "follows"):
        conn.execute(f'ALTER TABLE "sessions" ADD COLUMN "{column}" TEXT')


def _add_sector(conn: sqlite3.Connection) -> None:
    """Version 3: the sector a session is for (its examples of output and effect); older
    sessions have none (NULL) and show general examples."""
    conn.execute('ALTER TABLE "sessions" ADD COLUMN "sector" TEXT')


# MIGRATIONS[n - 1] takes a database from version n - 1 to n.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _create_v1,
    _add_v2,
    _add_sector,
)
VERSION = len(MIGRATIONS)
# The oldest layout a reader (export, `sessions`) opens as it is, without migrating:
# versions 2 and 3 only added columns that readers take as missing (no place, no sector).
READABLE_FROM = 1
# The tables each version has; a database with any other table is not kerne's.
TABLES: dict[int, frozenset[str]] = {
    1: frozenset({"sessions", "participants", "dismissals", "events"}),
    2: frozenset({"sessions", "participants", "dismissals", "events"}),
    3: frozenset({"sessions", "participants", "dismissals", "events"}),
}


class Refused(Exception):
    """Not a database this kerne may use; the message is one line for a person."""


@dataclass(frozen=True)
class Found:
    """What a database file holds: its stamped version and its tables."""

    version: int
    tables: frozenset[str]


def found(conn: sqlite3.Connection) -> Found:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    names = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return Found(version, frozenset(str(row[0]) for row in names))


def version_of(what: Found, path: object) -> int:
    """The kerne version of the layout found (0: empty, to be made), or Refused."""
    if what.version > VERSION:
        raise Refused(
            f"{path} was written by a newer kerne (database version {what.version}; "
            f"this one knows up to {VERSION}): use that kerne"
        )
    if what.version == 0 and not what.tables:
        return 0
    # An unversioned database with exactly the first layout is kerne's from before versions.
    version = what.version or 1
    if what.tables != TABLES[version]:
        tables = ", ".join(sorted(what.tables))
        raise Refused(f"{path} is not a kerne database (its tables: {tables}); left as it is")
    return version


def migrate(conn: sqlite3.Connection, path: object) -> bool:
    """Bring the database to `VERSION` in one transaction; False if it was already there.

    Also proves the file is writable (a read-only file opens without complaint and fails
    at the first write): the version is written even when nothing else is, then rolled
    back if nothing changed.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        what = found(conn)  # read again inside the lock: another process may have migrated
        start = version_of(what, path)
        stamped = what.version
        for step in MIGRATIONS[start:]:
            step(conn)
        conn.execute(f"PRAGMA user_version = {VERSION}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    if start == VERSION and stamped == VERSION:
        conn.execute("ROLLBACK")
        return False
    conn.execute("COMMIT")
    return True
