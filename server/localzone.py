"""The time zone the minutes are written in: the machine's own, or one a person names.

The log keeps UTC; a manager reads "kl. 14:23" as the clock on the wall showed it. The
machine's zone is read from the system (TZ, /etc/localtime, /etc/timezone), which is I/O,
so it lives here and the export is handed the zone as a plain value.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class UnknownZone(ValueError):
    """A zone name that is not in the time zone database."""


def named_zone(name: str) -> tzinfo:
    """The zone called `name` ("Europe/Copenhagen", "UTC"), or UnknownZone."""
    if name.upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UnknownZone(f"unknown time zone {name!r} (try Europe/Copenhagen)") from None


def machine_zone() -> tzinfo:
    """This machine's zone, with its summer time rules when the system names it."""
    for name in (os.environ.get("TZ", "").lstrip(":"), _linked_name(), _file_name()):
        if name:
            try:
                return named_zone(name)
            except UnknownZone:
                continue
    # Unnamed: the current offset at least (no summer-time change inside one meeting).
    return datetime.now().astimezone().tzinfo or UTC


def _linked_name() -> str:
    target = str(Path("/etc/localtime").resolve())
    return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else ""


def _file_name() -> str:
    try:
        return Path("/etc/timezone").read_text(encoding="utf-8").strip()
    except OSError:
        return ""
