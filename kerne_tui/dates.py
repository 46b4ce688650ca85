"""A day as people type it (30.11.2026, 30-11-2026, 2026-11-30) read into the protocol's
ISO form, so a form can refuse a day that does not exist before anything is sent."""

from __future__ import annotations

import re
from datetime import date
from typing import Final

DANISH: Final = re.compile(r"(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})")
ISO: Final = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class BadDate(ValueError):
    """What was typed is no day of the calendar."""


def read_date(typed: str) -> str | None:
    """The day typed, as YYYY-MM-DD; None when nothing was typed; `BadDate` otherwise."""
    text = typed.strip()
    if not text:
        return None
    if found := ISO.fullmatch(text):
        year, month, day = (int(x) for x in found.groups())
    elif found := DANISH.fullmatch(text):
        day, month, year = (int(x) for x in found.groups())
    else:
        raise BadDate(text)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise BadDate(text) from None


def shown_date(iso: str | None) -> str:
    """A protocol day as a Danish form shows it for editing (30.11.2026); empty for none."""
    if not iso:
        return ""
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"
