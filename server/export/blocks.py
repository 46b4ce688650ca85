"""The minutes as a list of blocks: built once, written as Markdown or as HTML.

The sections decide what the minutes say; the formats only decide how a heading, a
table or a tally looks. So the two formats cannot drift apart in content, and a new
format is one more writer over these seven shapes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    quiet: bool = False


@dataclass(frozen=True)
class Quote:
    text: str


@dataclass(frozen=True)
class Fields:
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Bars:
    """A tally: label, text and count per row; HTML draws bars, Markdown a table."""

    header: tuple[str, str, str]
    rows: tuple[tuple[str, str, int], ...]


Block = Heading | Para | Quote | Fields | Bullets | Table | Bars
