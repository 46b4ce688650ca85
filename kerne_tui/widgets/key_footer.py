"""The footer of keys, rebuilt only when the keys it shows have changed.

Textual's Footer removes and mounts all its keys again whenever anything asks to
refresh the bindings, and the session screen asks on every event (a vote may be the one
that closes a role's keys). Rebuilding a dozen keys costs several frames; comparing what
they would show costs a few checks.
"""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    """A Footer that keeps its keys while they would read the same."""

    def __init__(self) -> None:
        super().__init__()
        self._composed: tuple[object, ...] | None = None

    def shown(self) -> tuple[object, ...]:
        """Everything the footer's compose reads: the active keys, enabled or not, with
        how each is displayed, and the footer's own settings."""
        app = self.app
        keys = tuple(
            (key, app.get_key_display(binding), binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
        )
        palette = self.show_command_palette
        return (keys, self._bindings_ready, self.compact, palette, self.combine_groups)

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        shown = self.shown()
        if shown == self._composed:
            return
        self._composed = shown
        await super().recompose()
