"""Times in the minutes, all taken from the log's own timestamps, never from the clock.

That is what makes two exports of the same log identical, and what dates the minutes
by when the workshop happened rather than when the file was made.
"""

from __future__ import annotations

from datetime import datetime

from server.export.session_log import SessionLog


def moment(at: str) -> datetime:
    return datetime.strptime(at, "%Y-%m-%dT%H:%M:%SZ")


def clock(at: str) -> str:
    return moment(at).strftime("%H:%M")


def seconds(start: str, end: str) -> int:
    return int((moment(end) - moment(start)).total_seconds())


def span(log: SessionLog) -> tuple[str, str]:
    """First and last event time: the workshop as it happened, not when it was set up."""
    if not log.entries:
        return log.created_at, log.created_at
    return log.entries[0].at, log.entries[-1].at
