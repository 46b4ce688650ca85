"""The minutes as Markdown: for a mail, a wiki or a repository.

User text is never Markdown: every line a participant wrote is escaped so that it
renders as exactly the characters typed, whatever the renderer (no emphasis, link,
HTML, heading, list or table cell can come out of it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, assert_never

from server.export.blocks import Bars, Block, Bullets, Fields, Heading, Para, Quote, Table

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_MD_BULLET = re.compile(r"^([-+=])")
_MD_NUMBER = re.compile(r"^(\d+)([.)])")
_MD_BREAK: Final = "\\\n"  # a backslash at the end of a line: a hard line break


def md_escape(line: str, starts_line: bool = True) -> str:
    """One line of user text as literal Markdown: no emphasis, link, HTML, heading, code,
    table cell or (where it starts a line) list or setext underline can come out of it.
    Leading spaces go, since four of them would start a code block."""
    line = _MD_SPECIAL.sub(r"\\\1", line.strip())
    if not starts_line:
        return line
    line = _MD_BULLET.sub(r"\\\1", line)
    return _MD_NUMBER.sub(r"\1\\\2", line)


def _md(text: str, joiner: str, starts_line: bool = True, inline: bool = False) -> str:
    """Text whose lines are joined by `joiner`: a hard break and the context's indent.
    `starts_line`: the first line starts a Markdown line; `inline`: no line starts at all
    (a table cell or a heading)."""
    lines = [line for line in text.split("\n") if line.strip()] or [""]
    escaped = [
        md_escape(line, starts_line=not inline and (starts_line or i > 0))
        for i, line in enumerate(lines)
    ]
    return joiner.join(escaped)


def _md_table(
    header: tuple[str, ...], rows: Iterable[tuple[str, ...]], numeric: frozenset[int]
) -> str:
    def line(cells: Iterable[str]) -> str:
        return "| " + " | ".join(_md(c, "<br>", inline=True) for c in cells) + " |"

    rule = "| " + " | ".join("---:" if i in numeric else "---" for i in range(len(header))) + " |"
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def _md_block(block: Block) -> str:
    match block:
        case Heading(level=level, text=text):
            return "#" * level + " " + _md(text, " ", inline=True)
        case Para(text=text, quiet=quiet):
            body = _md(text, _MD_BREAK)
            return f"*{body}*" if quiet else body
        case Quote(text=text):
            return "> " + _md(text, _MD_BREAK + "> ")
        case Fields(rows=rows):
            return "\n".join(
                f"- **{_md(k, ' ', inline=True)}:** {_md(v, _MD_BREAK + '  ', starts_line=False)}"
                for k, v in rows
            )
        case Bullets(items=items):
            return "\n".join("- " + _md(item, _MD_BREAK + "  ") for item in items)
        case Table(header=header, rows=rows, numeric=numeric):
            return _md_table(header, rows, numeric)
        case Bars(header=header, rows=rows):
            return _md_table(header, ((a, b, str(n)) for a, b, n in rows), frozenset({2}))
        case _:
            assert_never(block)


def to_markdown(blocks: list[Block]) -> str:
    return "\n\n".join(_md_block(block) for block in blocks) + "\n"
