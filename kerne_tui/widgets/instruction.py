"""What the room is doing now, in one or two lines under the header: the phase's
instruction, the facilitator's own words if they wrote some, else the method's default."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive

from kerne_tui.guidance import instruction_text
from kerne_tui.locale import Strings
from kerne_tui.state import View
from kerne_tui.widgets.steady import SteadyStatic


class PhaseInstruction(SteadyStatic):
    """Never markup: the facilitator's words are shown as typed."""

    view: reactive[View | None] = reactive(None, always_update=True, repaint=False)
    """The session as this person sees it (bound to the screen's)."""

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self.t = t

    def watch_view(self, view: View | None) -> None:
        if view is not None:  # the header names the phase; this says what to do in it
            self.update_text(Text("▶ " + instruction_text(self.t, view)))
