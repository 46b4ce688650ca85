"""The top line: session title, phase, the running timer, role and connection state."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive

from kerne_tui.locale import Strings
from kerne_tui.messages import LinkStatus
from kerne_tui.state import View
from kerne_tui.text import clock, plain
from kerne_tui.widgets.steady import SteadyStatic


def seconds_left(ends_at: str, now: datetime | None = None) -> int:
    end = datetime.fromisoformat(ends_at.replace("Z", "+00:00"))
    return int((end - (now or datetime.now(UTC))).total_seconds() + 0.999)


class SessionHeader(SteadyStatic):
    """Redrawn when the view or the link changes, and every second while a timer runs."""

    view: reactive[View | None] = reactive(None, always_update=True, repaint=False)
    """The session as this person sees it (bound to the screen's)."""

    link: reactive[LinkStatus] = reactive("connecting", repaint=False)
    """The connection's state, shown in words and a symbol (bound to the screen's)."""

    class TimerRanOut(Message):
        """The countdown this header showed running has just reached zero."""

        def __init__(self, label: str | None) -> None:
            super().__init__()
            self.label = label

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t
        # The end of the countdown last seen running: it ran out here, not before we came.
        self.running_until: str | None = None

    def on_mount(self) -> None:
        self.set_interval(1.0, self.redraw)

    def watch_view(self) -> None:
        self.redraw()

    def watch_link(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        t = self.t
        line = Text()
        view = self.view
        if view is not None:
            session = view.snapshot.session
            line.append(plain(session.title, style="bold"))
            line.append("  │  ")
            line.append(f"{t('header.phase')}: {t('phase.' + session.phase)}", style="bold")
            timer = view.snapshot.timer
            if timer is not None:
                label = plain(timer.label).plain
                left = seconds_left(timer.ends_at)
                line.append("  │  ")
                if left > 0:
                    self.running_until = timer.ends_at
                    line.append(t("timer.left", label=label, time=clock(left)).replace("  ", " "))
                else:
                    line.append(t("timer.done", label=label).replace("  ", " "), style="bold")
                    if self.running_until == timer.ends_at:
                        self.running_until = None
                        self.post_message(self.TimerRanOut(timer.label))
            if view.me.role != "participant":
                line.append("  │  " + t(f"header.{view.me.role}"), style="italic")
            if session.closed:
                line.append("  │  " + t("header.closed"), style="bold")
        line.append("  │  ")
        line.append(t(f"link.{self.link}"), style="bold" if self.link != "online" else "")
        self.update_text(line)
