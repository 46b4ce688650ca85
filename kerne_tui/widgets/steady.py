"""A Static that is set again only when what it shows reads differently, and that
lays out the screen again only when it changed size.

`Static.update` repaints the widget and by default lays out the whole screen again,
and these widgets are told about every event in the room while what they show rarely
changes with it (a vote leaves the header and the people as they were, and changes the
round's line by a number).
"""

from __future__ import annotations

from typing import cast

from rich.text import Text
from textual.css.styles import RulesMap
from textual.visual import visualize
from textual.widgets import Static


def same_objects(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    """Whether two tuples hold the very same objects: the fold replaces only what an
    event touched, so an unchanged collection is the same object as before."""
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def reads_the_same(a: Text, b: Text) -> bool:
    """Rich's own `==` looks at the characters and spans only, not the base style."""
    return (
        a == b
        and a.style == b.style
        and (a.justify, a.overflow, a.no_wrap, a.end) == (b.justify, b.overflow, b.no_wrap, b.end)
    )


class SteadyStatic(Static):
    """A Static whose text is replaced only when it changed."""

    def __init__(self, text: Text | None = None, *, id: str | None = None) -> None:
        super().__init__(text if text is not None else "", id=id)
        self._text = text

    def update_text(self, text: Text) -> None:
        old = self._text
        if old is not None and reads_the_same(old, text):
            return
        self._text = text
        self.update(text, layout=old is None or not self._same_size(old, text))

    def _same_size(self, old: Text, new: Text) -> bool:
        """Whether `new` takes as many lines as `old` at this width (the width is the
        layout's, unless the widget is as wide as its text)."""
        width = self.size.width
        if width <= 0 or (self.styles.width is not None and self.styles.width.is_auto):
            return False
        rules = cast(RulesMap, self.styles)
        before = visualize(self, old, markup=False).get_height(rules, width)
        return before == visualize(self, new, markup=False).get_height(rules, width)
