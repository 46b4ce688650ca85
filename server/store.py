"""SQLite storage through sqlite-utils: sessions, participants and the append-only log.

The log is the truth: a session's state is the replay of its events. Each event row also
keeps the public form that was broadcast, so a resuming client gets exactly the bytes
everyone else got, and the command id that caused it, so a repeated command gets the
same ack (a unique index makes that hold across restarts).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import platformdirs
from sqlite_utils import Database

from server.events import Event, decode_data, encode_data
from server.model import SessionInfo


def default_db_path() -> Path:
    """Where a facilitator's sessions live unless `--db` says otherwise."""
    return Path(platformdirs.user_data_dir("kerne", appauthor=False)) / "kerne.db"


def digest(secret: str) -> str:
    """Secrets are 128 random bits, so one SHA-256 is enough to store them safely."""
    return hashlib.sha256(secret.encode()).hexdigest()


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


class StoreError(Exception):
    """The database cannot be opened or written; the message is for a person."""


class Store:
    def __init__(self, path: Path | str) -> None:
        self.path = path
        try:
            if str(path) != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
            self.db = Database(conn)
            # WAL: readers (the export, `sessions`) never block the server. NORMAL is
            # durable across a crash or SIGKILL of the server; FULL adds power-loss
            # safety at a large cost per commit.
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA busy_timeout=5000")
            self._create()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot use the database {path}: {exc}") from None
        self.conn = conn

    def _create(self) -> None:
        db = self.db
        if "sessions" not in db.table_names():
            db.table("sessions").create(
                {
                    "code": str,
                    "title": str,
                    "level": str,
                    "parent_task": str,
                    "professions": str,
                    "anonymous": int,
                    "k_anonymity": int,
                    "key_hash": str,
                    "created_at": str,
                },
                pk="code",
                not_null={"title", "key_hash", "created_at"},
            )
        if "participants" not in db.table_names():
            db.table("participants").create(
                {"session": str, "id": str, "token_hash": str},
                pk=("session", "id"),
            )
            db.table("participants").create_index(["session", "token_hash"], unique=True)
        if "dismissals" not in db.table_names():
            # The facilitator's "not now" to a lens suggestion: private, so not an event.
            db.table("dismissals").create(
                {"session": str, "suggestion": str}, pk=("session", "suggestion")
            )
        if "events" not in db.table_names():
            db.table("events").create(
                {
                    "session": str,
                    "seq": int,
                    "at": str,
                    "kind": str,
                    "actor": str,
                    "data": str,
                    "public": str,
                    "command_id": str,
                    "item_id": str,
                },
                pk=("session", "seq"),
            )
            # Exactly-once: one event per (participant, command id), for ever.
            db.execute(
                "CREATE UNIQUE INDEX idx_events_command ON events(session, actor, command_id) "
                "WHERE command_id IS NOT NULL"
            )

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
                "key_hash": key_hash,
                "created_at": created_at,
            }
        )

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
        """Commit one event (and a new participant's token) before anything is said."""
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute(
                "INSERT INTO events (session, seq, at, kind, actor, data, public, command_id,"
                " item_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    code,
                    seq,
                    event.at,
                    event.kind,
                    event.actor,
                    encode_data(event.data),
                    public,
                    command_id,
                    item_id,
                ),
            )
            if token_hash is not None:
                self.conn.execute(
                    "INSERT INTO participants (session, id, token_hash) VALUES (?, ?, ?)",
                    (code, event.actor, token_hash),
                )

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
    )
    return StoredSession(info, row["key_hash"], row["created_at"])
