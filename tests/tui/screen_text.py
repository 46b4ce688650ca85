"""The text a person sees on the app's screen right now, line by line, read from the
same SVG export the snapshot tests compare (so what is checked is what is drawn)."""

from __future__ import annotations

import html
import re
from typing import Any

from textual.app import App

_TEXT = re.compile(r'<text class="terminal-[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>')
CELL = 12.2  # the width of one character cell in Textual's SVG export


def screen_text(app: App[Any]) -> str:
    """Every line of the screen as plain text, characters at their columns."""
    lines: dict[float, dict[int, str]] = {}
    for x, y, text in _TEXT.findall(app.export_screenshot()):
        row = lines.setdefault(float(y), {})
        for i, char in enumerate(html.unescape(text).replace("\xa0", " ")):
            row[round(float(x) / CELL) + i] = char
    out = []
    for y in sorted(lines):
        row = lines[y]
        out.append("".join(row.get(i, " ") for i in range(max(row) + 1)).rstrip())
    return "\n".join(out)
