"""The stored log of one session, read for the export: the export's only door to the
database.

It sits beside the store, not inside `server.export`, so that the export stays pure
over a plain `SessionLog`: the CLI and the hub read through here, each with its own
connection (a WAL reader never blocks the live server), and then render.
"""

from __future__ import annotations

from server.export import LogEntry, SessionLog
from server.export.session_log import Linked
from server.store import Store, StoredSession


def _linked(stored: StoredSession) -> Linked:
    return Linked(stored.info.title, stored.info.level, stored.created_at)


def load_log(store: Store, code: str) -> SessionLog | None:
    """The stored log of the session with this canonical code, or None if there is none;
    with the sessions it is linked to (above, below, and those that follow it up)."""
    stored = store.session(code)
    if stored is None:
        return None
    entries = [LogEntry(row.seq, row.event.at, row.event, row.public) for row in store.events(code)]
    above = store.session(stored.info.parent) if stored.info.parent else None
    return SessionLog(
        stored.info,
        stored.created_at,
        entries,
        parent=_linked(above) if above is not None else None,
        children=tuple(_linked(x) for x in store.linked("parent", code)),
        followed_by=tuple(_linked(x) for x in store.linked("follows", code)),
    )
