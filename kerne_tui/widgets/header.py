"""The top line: session title, phase, the running timer, the level and the task above,
role and connection state."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive

from kerne_tui.locale import Strings
from kerne_tui.messages import LinkStatus
from kerne_tui.state import View
from kerne_tui.text import clock, plain, safe
from kerne_tui.widgets.steady import SteadyStatic


def seconds_left(ends_at: str, now: datetime | None = None) -> int:
    end = datetime.fromisoformat(ends_at.replace("Z", "+00:00"))
    return int((end - (now or datetime.now(UTC))).total_seconds() + 0.999)


SEPARATOR = "  │  "
# Below this many cells a shortened task above says too little to be worth the room.
LEAST_ROOM = 12


def level_part(t: Strings, level: str, parent_task: str | None) -> Text | None:
    """The level worked on and the core task of the level above, as one plain line;
    None for a unit with no level above, so such a session's header reads as before."""
    if not parent_task and level == "unit":
        return None
    words = t(f"level.{level}")
    if parent_task:
        words += " · " + t("core.parent", task=safe(parent_task))
    return Text(words)


def fitted(part: Text, room: int) -> Text | None:
    """`part` in at most `room` cells, shortened with an ellipsis; None where too little
    room is left (the link state and the role matter more than the task above)."""
    if part.cell_len <= room:
        return part
    if room < LEAST_ROOM:
        return None
    short = part.copy()
    short.truncate(room, overflow="ellipsis")
    return short


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

    def on_resize(self) -> None:
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
            ends = Text()
            if view.me.role != "participant":
                ends.append(SEPARATOR + t(f"header.{view.me.role}"), style="italic")
            if session.closed:
                # Reopened, the follow-up may change again: "read only" would send people away.
                key = "header.reopened" if view.snapshot.follow.reopened else "header.closed"
                ends.append(SEPARATOR + t(key), style="bold")
            ends.append(SEPARATOR)
            ends.append(t(f"link.{self.link}"), style="bold" if self.link != "online" else "")
            part = level_part(t, session.level, session.parent_task)
            if part is not None:
                room = self.content_size.width - line.cell_len - ends.cell_len - len(SEPARATOR)
                shown = fitted(part, room)
                if shown is not None:
                    line.append(SEPARATOR)
                    line.append_text(shown)
            line.append_text(ends)
        else:
            line.append(SEPARATOR)
            line.append(t(f"link.{self.link}"), style="bold" if self.link != "online" else "")
        self.update_text(line)
