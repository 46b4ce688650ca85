"""Arrow keys between a dialog's buttons: people expect ← and → to move from one button
to the next, as in every other program's dialogs, and Tab is not the first key they try."""

from __future__ import annotations

from typing import Any, Final

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Button

# Left and right reach the screen only when the focused widget does not use them (an
# input moves its cursor with them), so they never steal a key from typing.
BUTTON_KEYS: Final[list[Binding]] = [
    Binding("left", "button(-1)", show=False),
    Binding("right", "button(1)", show=False),
]


def step_button(screen: Screen[Any], step: int) -> None:
    """Focus the button next to the focused one, in the same row; nothing if none is."""
    focused = screen.focused
    if not isinstance(focused, Button) or focused.parent is None:
        return
    row = [b for b in focused.parent.query_children(Button) if b.display and not b.disabled]
    at = row.index(focused)
    row[(at + step) % len(row)].focus()
