"""The core task of the level above, for reference; hidden when the session has none."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive

from kerne_tui.locale import Strings
from kerne_tui.state import View
from kerne_tui.text import plain, safe
from kerne_tui.widgets.steady import SteadyStatic


class ParentTask(SteadyStatic):
    """Hidden in a session without a level above; never markup, whoever typed it."""

    view: reactive[View | None] = reactive(None, always_update=True, repaint=False)
    """The session as this person sees it (bound to the area's)."""

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self.t = t

    def watch_view(self, view: View | None) -> None:
        if view is None:
            return
        parent = view.snapshot.session.parent_task
        self.update_text(plain(self.t("core.parent", task=safe(parent))) if parent else Text(""))
        self.display = bool(parent)
