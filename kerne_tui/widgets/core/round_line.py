"""One line on the voting round: none yet, open (with the dots left), or closed."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.reactive import reactive

from kerne_tui.locale import Strings
from kerne_tui.state import View
from kerne_tui.widgets.steady import SteadyStatic


def round_text(t: Strings, view: View) -> Text:
    current = view.last_round
    if current is None:
        return Text(t("core.no_round"), style="dim")
    if not current.open:
        return Text(t("core.round_closed", number=current.number, voters=current.voters))
    voted = t("count.voted", voters=current.voters, eligible=view.eligible_voters)
    if not view.may_vote:
        return Text(t("core.round_observer", number=current.number, voters=voted))
    left = current.dots - len(view.mine.my_votes)
    key = "core.round_open_blind" if current.blind else "core.round_open"
    fields: dict[str, Any] = {"number": current.number, "dots": current.dots}
    return Text(t(key, left=left, voters=voted, **fields), style="bold")


class RoundLine(SteadyStatic):
    """Redrawn with every view: the dots left change with each of one's own votes."""

    view: reactive[View | None] = reactive(None, always_update=True, repaint=False)
    """The session as this person sees it (bound to the area's)."""

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self.t = t

    def watch_view(self, view: View | None) -> None:
        if view is not None:
            self.update_text(round_text(self.t, view))
