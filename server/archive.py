"""The stored log of one session, read for the export: the export's only door to the
database.

It sits beside the store, not inside `server.export`, so that the export stays pure
over a plain `SessionLog`: the CLI and the hub read through here, each with its own
connection (a WAL reader never blocks the live server), and then render.
"""

from __future__ import annotations

from server.export import LogEntry, SessionLog
from server.store import Store


def load_log(store: Store, code: str) -> SessionLog | None:
    """The stored log of the session with this canonical code, or None if there is none."""
    stored = store.session(code)
    if stored is None:
        return None
    entries = [LogEntry(row.seq, row.event.at, row.event, row.public) for row in store.events(code)]
    return SessionLog(stored.info, stored.created_at, entries)
