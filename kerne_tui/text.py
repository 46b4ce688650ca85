"""Untrusted text made safe for the screen, and small renderables shared by widgets.

Whatever the server did, text from other people goes through the protocol's own
hygiene again here and becomes a Rich `Text`, which is never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text

from kerne_tui.locale import Strings
from server import protocol as p


def safe(value: str | None, *, multiline: bool = False) -> str:
    """Another person's text without control characters (ESC, bidi, ...)."""
    if value is None:
        return ""
    return p.clean_text(value) if multiline else p.clean_line(value)


def plain(value: str | None, style: str = "", *, multiline: bool = False) -> Text:
    """Another person's text as a `Text`: shown literally, `[bold]` and all."""
    return Text(safe(value, multiline=multiline), style=style)


def group_name(t: Strings, group: str) -> str:
    """A profession group as shown; the server's unnamed group is "the others", people
    too few to be shown apart."""
    return plain(group).plain if group else t("reveal.other")


def bar(count: int, most: int, width: int = 20, char: str = "█") -> str:
    """A bar of `count` against `most`, at least one cell for any non-zero count."""
    if most <= 0 or count <= 0:
        return ""
    return char * max(1, round(width * count / most))


def clock(seconds: int) -> str:
    seconds = max(0, seconds)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"
