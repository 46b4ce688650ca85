"""SQLite storage through sqlite-utils: sessions, participants and the append-only log.

The log is the truth: a session's state is the replay of its events. Each event row also
keeps the public form that was broadcast, so a resuming client gets exactly the bytes
everyone else got, and the command id that caused it, so a repeated command gets the
same ack (a unique index makes that hold across restarts).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import platformdirs
from sqlite_utils import Database

from server import schema
from server.events import Event, decode_data, encode_data
from server.model import SessionInfo
from server.private import create_private, tighten
from server.tokens import digest as digest  # where the CLI and the bench import it from


def default_db_path() -> Path:
    """Where a facilitator's sessions live unless `--db` says otherwise."""
    return Path(platformdirs.user_data_dir("kerne", appauthor=False)) / "kerne.db"


@dataclass(frozen=True)
class StoredSession:
    info: SessionInfo
    key_hash: str
    created_at: str


@dataclass(frozen=True)
class StoredEvent:
    seq: int
    event: Event
    public: str
    command_id: str | None
    item_id: str | None


_INSERT_EVENT = (
    "INSERT INTO events (session, seq, at, kind, actor, data, public, command_id, item_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class StoreError(Exception):
    """The database cannot be opened or written; the message is for a person."""


class Store:
    """The database, opened to serve (`read_only=False`: created and brought up to date if
    need be) or to read (`read_only=True`: `sessions` and `export`, which must never change
    a file, nor create one where a path was mistyped)."""

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = path
        try:
            conn = _open_to_read(Path(path)) if read_only else _open_to_write(path)
        except schema.Refused as exc:
            raise StoreError(str(exc)) from None
        except sqlite3.Error as exc:
            raise StoreError(f"cannot use the database {path}: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot create the database {path}: {exc.strerror or exc}") from None
        self.db = Database(conn)
        self.conn = conn

    # --- sessions --------------------------------------------------------------------

    def create_session(self, info: SessionInfo, key_hash: str, created_at: str) -> None:
        self.db.table("sessions").insert(
            {
                "code": info.code,
                "title": info.title,
                "level": info.level,
                "parent_task": info.parent_task,
                "professions": msgspec.json.encode(info.professions).decode(),
                "anonymous": int(info.anonymous),
                "k_anonymity": info.k_anonymity,
                "sector": info.sector,
                "key_hash": key_hash,
                "created_at": created_at,
                "place": info.place,
                "facilitator": info.facilitator,
                "parent": info.parent,
                "follows": info.follows,
            }
        )

    def set_key_hash(self, code: str, key_hash: str) -> bool:
        """A new facilitator key for a session (the old one stops working); False if the
        database has no such session."""
        with self.conn:
            changed = self.conn.execute(
                "UPDATE sessions SET key_hash = ? WHERE code = ?", (key_hash, code)
            ).rowcount
        return changed == 1

    def session(self, code: str) -> StoredSession | None:
        rows = list(self.db.query("SELECT * FROM sessions WHERE code = ?", [code]))
        return _stored_session(rows[0]) if rows else None

    def session_codes(self) -> list[str]:
        return [row["code"] for row in self.db.query("SELECT code FROM sessions ORDER BY rowid")]

    def session_rows(self) -> list[dict[str, Any]]:
        """For `kerne-server sessions`: each session with its size and whether it closed."""
        return list(
            self.db.query(
                """
                SELECT s.code, s.title, s.created_at,
                  (SELECT count(*) FROM events e WHERE e.session = s.code
                     AND e.kind = 'participant_joined') AS participants,
                  (SELECT count(*) FROM events e WHERE e.session = s.code) AS events,
                  EXISTS (SELECT 1 FROM events e WHERE e.session = s.code
                     AND e.kind = 'session_closed') AS closed
                FROM sessions s ORDER BY s.created_at, s.rowid
                """
            )
        )

    def linked(self, column: str, code: str) -> list[StoredSession]:
        """The sessions whose `parent` or `follows` is `code`, oldest first (none in a
        database from before those columns)."""
        assert column in ("parent", "follows")
        rows = self.db.query("SELECT * FROM sessions ORDER BY created_at, rowid")
        return [_stored_session(row) for row in rows if row.get(column) == code]

    def is_closed(self, code: str) -> bool:
        rows = self.db.query(
            "SELECT 1 FROM events WHERE session = ? AND kind = 'session_closed' LIMIT 1", [code]
        )
        return any(True for _ in rows)

    # --- participants ----------------------------------------------------------------

    def participant_by_token(self, code: str, token_hash: str) -> str | None:
        rows = list(
            self.db.query(
                "SELECT id FROM participants WHERE session = ? AND token_hash = ?",
                [code, token_hash],
            )
        )
        return str(rows[0]["id"]) if rows else None

    # --- lens suggestions set aside ---------------------------------------------------

    def dismiss(self, code: str, suggestion: str) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT OR IGNORE INTO dismissals (session, suggestion) VALUES (?, ?)",
                (code, suggestion),
            )

    def dismissed(self, code: str) -> set[str]:
        rows = self.conn.execute("SELECT suggestion FROM dismissals WHERE session = ?", (code,))
        return {str(row[0]) for row in rows}

    # --- the log ---------------------------------------------------------------------

    def hold(self) -> None:
        """Keep the appends that follow in one transaction until `save`: the hub commits
        what one turn of its loop appended together, before it says any of it. A commit
        per event wrote the same pages of the log to the WAL again for every event."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")

    def save(self) -> None:
        """Commit what was appended since `hold` (nothing, if nothing is held)."""
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def drop(self) -> None:
        """Give up what was appended since `hold`: its commit failed."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def append(
        self,
        code: str,
        seq: int,
        event: Event,
        public: str,
        command_id: str | None = None,
        item_id: str | None = None,
        token_hash: str | None = None,
    ) -> None:
        """Store one event (and a new participant's token), all or nothing: committed at
        once, or with the rest of a `hold`. An event alone is one statement, which SQLite
        keeps or undoes whole (and commits as its own transaction outside a hold: the
        connection is in autocommit mode); a join's two rows share a savepoint."""
        row = (
            code,
            seq,
            event.at,
            event.kind,
            event.actor,
            encode_data(event.data),
            public,
            command_id,
            item_id,
        )
        if token_hash is None:
            self.conn.execute(_INSERT_EVENT, row)
            return
        self.conn.execute("SAVEPOINT joining")
        try:
            self.conn.execute(_INSERT_EVENT, row)
            self.conn.execute(
                "INSERT INTO participants (session, id, token_hash) VALUES (?, ?, ?)",
                (code, event.actor, token_hash),
            )
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK TO joining")
                self.conn.execute("RELEASE joining")
            raise
        self.conn.execute("RELEASE joining")

    def events(self, code: str, after: int = 0) -> Iterator[StoredEvent]:
        """The session's events with seq > `after`, in order."""
        rows = self.conn.execute(
            "SELECT seq, at, kind, actor, data, public, command_id, item_id FROM events"
            " WHERE session = ? AND seq > ? ORDER BY seq",
            (code, after),
        )
        for seq, at, kind, actor, data, public, command_id, item_id in rows:
            event = Event(actor, decode_data(kind, data), at)
            yield StoredEvent(seq, event, public, command_id, item_id)

    def close(self) -> None:
        self.conn.close()


def _stored_session(row: dict[str, Any]) -> StoredSession:
    info = SessionInfo(
        code=row["code"],
        title=row["title"],
        level=row["level"],
        parent_task=row["parent_task"],
        professions=list(msgspec.json.decode(row["professions"])),
        anonymous=bool(row["anonymous"]),
        k_anonymity=int(row["k_anonymity"]),
        place=row.get("place"),
        facilitator=row.get("facilitator"),
        parent=row.get("parent"),
        follows=row.get("follows"),
        sector=row.get("sector"),  # None in a database read before version 2
    )
    return StoredSession(info, row["key_hash"], row["created_at"])


def _uri(path: Path, *, immutable: bool) -> str:
    return f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")


def _peek(path: Path) -> schema.Found:
    """The file's version and tables, read without changing or creating anything.

    With no `-wal` beside it no connection has the database open, so the main file is
    complete and is read as immutable (plain read-only would leave SQLite's side files
    behind); otherwise it is read beside its writer through the WAL.
    """
    wal = Path(f"{path}-wal").exists()
    conn = sqlite3.connect(_uri(path, immutable=not wal), uri=True)
    try:
        return schema.found(conn)
    finally:
        conn.close()


def _open_to_read(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise schema.Refused(f"no database at {path}")
    version = schema.version_of(_peek(path), path)
    if version == 0:
        raise schema.Refused(f"{path} is empty: it holds no kerne sessions")
    # An older layout is read as it is: the columns it lacks read as None (`_stored_session`).
    if version < schema.READABLE_FROM:  # pragma: no cover - every version so far reads
        raise schema.Refused(
            f"{path} was written by an older kerne: start kerne-server on it once to update it"
        )
    wal = Path(f"{path}-wal").exists()
    conn = sqlite3.connect(
        _uri(path, immutable=not wal), uri=True, check_same_thread=False, isolation_level=None
    )
    conn.execute("PRAGMA busy_timeout=5000")
    conn.execute("PRAGMA query_only=1")
    return conn


def check_ours(path: Path) -> None:
    """Refuse, untouched, a file that is not a kerne database this kerne may write (another
    program's, a newer kerne's): StoreError. A missing or empty file is fine: kerne makes it."""
    try:
        if path.is_file() and path.stat().st_size > 0:
            schema.version_of(_peek(path), path)
    except schema.Refused as exc:
        raise StoreError(str(exc)) from None
    except sqlite3.Error as exc:
        raise StoreError(f"cannot use the database {path}: {exc}") from None


def _open_to_write(path: Path | str) -> sqlite3.Connection:
    memory = str(path) == ":memory:"
    if not memory:
        path = Path(path)
        check_ours(path)  # before anything is created or changed
        create_private(path)  # 0600 before SQLite makes it (its -wal and -shm copy that)
    conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        # WAL: readers (the export, `sessions`) never block the server. NORMAL is
        # durable across a crash or SIGKILL of the server; FULL adds power-loss
        # safety at a large cost per commit.
        conn.execute("PRAGMA busy_timeout=5000")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        schema.migrate(conn, path)
    except BaseException:
        conn.close()
        raise
    if not memory:
        for side in ("-wal", "-shm"):
            tighten(Path(f"{path}{side}"))
    return conn
