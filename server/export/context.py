"""What every section of the minutes is written with: the replay, the words of one
language, and the one rule for when a person may be named."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from server import model
from server.export.history import History
from server.export.moments import moment
from server.export.session_log import SessionLog


@dataclass
class Ctx:
    """What every section of the minutes needs: the replay, the words, who may be named."""

    log: SessionLog
    history: History
    words: dict[str, str]

    @property
    def state(self) -> model.State:
        return self.history.state

    def t(self, key: str, **values: Any) -> str:
        return self.words[key].format(**values)

    def name(self, pid: str | None) -> str | None:
        """A participant's name, only in a named session: anonymous minutes name nobody."""
        if self.state.info.anonymous or pid is None:
            return None
        who = self.state.participants.get(pid)
        return who.name if who is not None else None

    def duration(self, seconds: int) -> str:
        hours, minutes = divmod((max(0, seconds) + 30) // 60, 60)
        if hours:
            return self.t("duration.hours", hours=hours, minutes=minutes)
        return self.t("duration.minutes", minutes=minutes)

    def date(self, at: str) -> str:
        when = moment(at)
        month = self.t(f"month.{when.month}")
        return self.t("date", day=when.day, month=month, year=when.year)

    def group_label(self, group: str) -> str:
        """A profession group's name; "" is the group the k-rule merged the small ones into."""
        return group if group else self.t("group.other")
