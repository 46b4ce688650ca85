"""What every section of the minutes is written with: the replay, the words of one
language, and the one rule for when a person may be named."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any

from server import model
from server.catalog import in_sector
from server.export.history import History
from server.export.moments import moment
from server.export.session_log import SessionLog


@dataclass(frozen=True)
class MinutesOptions:
    """How the facilitator wants the minutes: the time zone they are read in (the log
    keeps UTC), and whether tables per profession appear beyond those the facilitator
    showed the room (a small group's figures can shame it in a paper sent upward).
    `profession_tables` None leaves that to the session, as the facilitator set it
    (`model.minutes_tables`); True or False overrides it (the CLI's flag)."""

    tz: tzinfo = UTC
    profession_tables: bool | None = True


def profession_tables(options: MinutesOptions, state: model.State) -> bool:
    if options.profession_tables is not None:
        return options.profession_tables
    return model.minutes_tables(state)


@dataclass
class Ctx:
    """What every section of the minutes needs: the replay, the words, who may be named."""

    log: SessionLog
    history: History
    words: dict[str, str]
    options: MinutesOptions = field(default_factory=lambda: MinutesOptions())

    @property
    def state(self) -> model.State:
        return self.history.state

    @property
    def tables(self) -> bool:
        """Whether the tables per profession go in: the override, else the session's."""
        return profession_tables(self.options, self.state)

    def t(self, key: str, **values: Any) -> str:
        return self.words[key].format(**values)

    def worded(self, key: str) -> str:
        """`key` in the words of the session's sector where there are some (a school's
        minutes speak of pupils and parents), else the general words."""
        return self.t(in_sector(self.words, key, self.state.info.sector))

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

    def local(self, at: str) -> datetime:
        """A log time (UTC) as the clock on the wall where the minutes are read showed it."""
        return moment(at).replace(tzinfo=UTC).astimezone(self.options.tz)

    def clock(self, at: str) -> str:
        """The time of day as the language writes it (Danish »kl. 09.30«)."""
        return self.local(at).strftime(self.words["clock"])

    def zone(self, at: str) -> str:
        """The zone's short name at that moment (CET, CEST, UTC): winter and summer differ."""
        return self.local(at).tzname() or "UTC"

    def date(self, at: str) -> str:
        when = self.local(at)
        month = self.t(f"month.{when.month}")
        return self.t("date", day=when.day, month=month, year=when.year)

    def day(self, iso: str) -> str:
        """A calendar day typed as YYYY-MM-DD (a due date), written as the minutes write dates."""
        year, month, day = (int(x) for x in iso.split("-"))
        return self.t("date", day=day, month=self.t(f"month.{month}"), year=year)

    def group_label(self, group: str) -> str:
        """A profession group's name; "" is the group the k-rule merged the small ones into."""
        return group if group else self.t("group.other")
