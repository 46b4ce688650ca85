"""A warning across the top while the connection is down; hidden when all is well."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static


class Banner(Static):
    """Shown only while there is something to say."""

    text: reactive[str] = reactive("")
    """What is wrong, in words; empty when nothing is (bound to the screen's banner)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)

    def watch_text(self, text: str) -> None:
        self.update(Text(text))
        self.display = bool(text)
