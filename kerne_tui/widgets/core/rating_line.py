"""One line on the acceptance or criteria round: open (how many answered), or closed.
Hidden while a session has had none, so the core-task area looks as it always did."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive

from kerne_tui.locale import Strings
from kerne_tui.state import View
from kerne_tui.widgets.steady import SteadyStatic


def rating_text(t: Strings, view: View) -> Text:
    rating = view.last_rating
    if rating is None:
        return Text("")
    kind = t(f"rating.{rating.kind}")
    fields = {"kind": kind, "number": rating.number, "answered": rating.answered}
    if not rating.open:
        return Text(t("rating.closed", **fields))
    key = "rating.open_blind" if rating.blind else "rating.open"
    return Text(t(key, **fields), style="bold")


class RatingLine(SteadyStatic):
    view: reactive[View | None] = reactive(None, always_update=True, repaint=False)
    """The session as this person sees it (bound to the area's)."""

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self.t = t

    def watch_view(self, view: View | None) -> None:
        if view is not None:
            self.display = view.last_rating is not None
            self.update_text(rating_text(self.t, view))
