"""What every export is made from: a session and its whole stored log, as plain data.

The store fills it (`server.archive.load_log`) and the renderers only read it, so the
formats are tested on logs built in memory and never need a database.
"""

from __future__ import annotations

from dataclasses import dataclass

from server import model


@dataclass(frozen=True)
class LogEntry:
    """One stored event: the internal fact and the public JSON text everyone received."""

    seq: int
    at: str
    event: model.Event
    public: str


@dataclass(frozen=True)
class Linked:
    """Another session this one hangs together with, as the minutes name it."""

    title: str
    level: str
    created_at: str


@dataclass(frozen=True)
class SessionLog:
    """Everything an export is made from: what the session is and its whole log, and
    the sessions it is linked with (the level above and below, the series)."""

    info: model.SessionInfo
    created_at: str
    entries: list[LogEntry]
    parent: Linked | None = None
    children: tuple[Linked, ...] = ()
    followed_by: tuple[Linked, ...] = ()
