"""Session log export: minutes (Markdown, HTML) and data (JSON, CSV), built by replay.

The log is the truth, so every export is made by replaying it: the minutes say exactly
what happened, and the same log always gives byte-identical output (no clock, no
randomness, fixed zip timestamps). Only `load_log` reads the store and only
`write_csv_folder` writes files; everything else is pure over a `SessionLog`, so the
formats are testable without a database and the export runs the same while the server
is live (a WAL reader) and after it has stopped.

Identity follows the protocol's rules, more strictly where a document leaves the room:
the data carries only what was broadcast to everyone (the public events and the public
snapshot), in an anonymous session without anyone's name, and per-profession figures
appear only as the k-rule allows (a round's `by_profession` as fixed at close; the
statements' split through `model.profession_groups`). Text a facilitator removed is
blanked everywhere, since the point of removing it was that it should not be kept.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, assert_never

import msgspec

from server import events as ev
from server import model, views
from server import protocol as p
from server import public_events as pub
from server.fold import fold
from server.minutes_text import CATALOGS

if TYPE_CHECKING:  # the store (sqlite) is needed only by the caller of load_log
    from server.store import Store

FORMATS: Final = ("md", "html", "json", "csv")
LANGS: Final = ("da", "en")
FORMAT_NAME: Final = "kerne-session"
FORMAT_VERSION: Final = 1
ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no build time leaks

# --- the log ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LogEntry:
    """One stored event: the internal fact and the public JSON text everyone received."""

    seq: int
    at: str
    event: model.Event
    public: str


@dataclass(frozen=True)
class SessionLog:
    """Everything an export is made from: what the session is and its whole log."""

    info: model.SessionInfo
    created_at: str
    entries: list[LogEntry]


def load_log(store: Store, code: str) -> SessionLog | None:
    """The stored log of the session with this canonical code, or None if there is none."""
    stored = store.session(code)
    if stored is None:
        return None
    entries = [LogEntry(row.seq, row.event.at, row.event, row.public) for row in store.events(code)]
    return SessionLog(stored.info, stored.created_at, entries)


# --- what the final state forgets -------------------------------------------------------


@dataclass(frozen=True)
class Version:
    number: int
    at: str
    text: str | None
    actor: str | None


@dataclass
class History:
    """The final state plus what it no longer holds but the minutes tell: every version
    of a draft, the drafts as they stood when each round closed, and when things
    happened."""

    state: model.State
    versions: dict[str, list[Version]] = field(default_factory=dict)
    finalized_at: dict[str, str] = field(default_factory=dict)
    round_drafts: dict[str, list[tuple[str, int, str | None]]] = field(default_factory=dict)
    phases: list[tuple[str, str]] = field(default_factory=list)
    closed_at: str | None = None
    added: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    note_actors: dict[str, list[str | None]] = field(default_factory=dict)


def build_history(log: SessionLog) -> History:
    """Replay the log once, noting on the way what the minutes need besides the state."""
    history = History(model.new_state(log.info))
    for entry in log.entries:
        model.apply(history.state, entry.event)
        _remember(history, entry.event)
    return history


def _live_drafts(state: model.State) -> list[tuple[str, int, str | None]]:
    return [
        (d.id, d.version, d.text)
        for d in state.drafts.values()
        if not d.withdrawn and not d.removed
    ]


def _remember(history: History, event: model.Event) -> None:
    match event.data:
        case (
            ev.DraftProposed(draft_id=draft_id, text=text)
            | ev.DraftRevised(draft_id=draft_id, text=text)
        ):
            draft = history.state.drafts[draft_id]
            version = Version(draft.version, event.at, text, event.actor)
            history.versions.setdefault(draft.id, []).append(version)
        case ev.DraftFinalized(draft_id=draft_id):
            history.finalized_at[draft_id] = event.at
        case ev.RoundClosed(round_id=round_id):
            history.round_drafts[round_id] = _live_drafts(history.state)
        case ev.PhaseChanged(phase=phase):
            history.phases.append((event.at, phase))
        case ev.SessionClosed():
            history.closed_at = event.at
        case ev.StatementAdded(statement_id=item) | ev.ConflictRecorded(conflict_id=item):
            history.added[item] = (event.at, event.actor)
        case ev.ConflictUpdated(conflict_id=cid, note=note):
            if note is not None:
                history.note_actors.setdefault(cid, []).append(event.actor)
        case (
            ev.ParticipantJoined()
            | ev.DraftWithdrawn()
            | ev.VoteCast()
            | ev.VoteRetracted()
            | ev.StatementTagged()
            | ev.StatementClassified()
            | ev.SplitRevealed()
            | ev.TimerStarted()
            | ev.TimerStopped()
            | ev.RoundOpened()
            | ev.ItemRemoved()
        ):
            pass  # the final state holds all the minutes need of these
        case _:
            assert_never(event.data)


def round_drafts(history: History, current: model.Round) -> list[tuple[str, int, str | None]]:
    """The drafts a round was about: as they stood at its close (or now, if still open)."""
    if current.id in history.round_drafts:
        listed = history.round_drafts[current.id]
    else:
        listed = _live_drafts(history.state)
    known = {draft_id for draft_id, _, _ in listed}
    extra = [
        (x, history.state.drafts[x].version, history.state.drafts[x].text)
        for x in current.counts
        if x not in known
    ]
    return [*listed, *extra]


def statement_split(state: model.State) -> dict[str, dict[str, tuple[int, int]]]:
    """Each live statement's (output, effect) tags per profession group, under the k-rule:
    empty when `profession_groups` allows no per-profession figures at all."""
    groups = model.profession_groups(state)
    split: dict[str, dict[str, tuple[int, int]]] = {}
    for statement in state.statements.values():
        if statement.removed:
            continue
        row: dict[str, tuple[int, int]] = {}
        for group, members in groups.items():
            tags = [statement.tags[x] for x in members if x in statement.tags]
            row[group] = (tags.count("output"), tags.count("effect"))
        split[statement.id] = row
    return split if groups else {}


# --- time ------------------------------------------------------------------------------


def _moment(at: str) -> datetime:
    return datetime.strptime(at, "%Y-%m-%dT%H:%M:%SZ")


def _clock(at: str) -> str:
    return _moment(at).strftime("%H:%M")


def _seconds(start: str, end: str) -> int:
    return int((_moment(end) - _moment(start)).total_seconds())


def _span(log: SessionLog) -> tuple[str, str]:
    """First and last event time: the workshop as it happened, not when it was set up."""
    if not log.entries:
        return log.created_at, log.created_at
    return log.entries[0].at, log.entries[-1].at


# --- the minutes as blocks, one builder for two formats ---------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    quiet: bool = False


@dataclass(frozen=True)
class Quote:
    text: str


@dataclass(frozen=True)
class Fields:
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Bars:
    """A tally: label, text and count per row; HTML draws bars, Markdown a table."""

    header: tuple[str, str, str]
    rows: tuple[tuple[str, str, int], ...]


Block = Heading | Para | Quote | Fields | Bullets | Table | Bars


@dataclass
class _Ctx:
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
        moment = _moment(at)
        month = self.t(f"month.{moment.month}")
        return self.t("date", day=moment.day, month=month, year=moment.year)


def minutes(log: SessionLog, lang: str) -> list[Block]:
    """The minutes of a session as blocks, in `lang` ("da" or "en")."""
    ctx = _Ctx(log, build_history(log), CATALOGS[lang])
    sections: list[Callable[[_Ctx], list[Block]]] = [
        _head,
        _participants,
        _core_task,
        _drafts,
        _rounds,
        _statements,
        _conflicts,
        _timeline,
    ]
    blocks = [block for section in sections for block in section(ctx)]
    return [*blocks, Para(ctx.t("footer", events=len(log.entries)), quiet=True)]


def _head(ctx: _Ctx) -> list[Block]:
    info = ctx.state.info
    start, end = _span(ctx.log)
    level = ctx.words.get(f"level.{info.level}", info.level)
    rows = [(ctx.t("field.code"), p.format_code(info.code)), (ctx.t("field.level"), level)]
    if info.parent_task:
        rows.append((ctx.t("field.parent_task"), info.parent_task))
    rows += [
        (ctx.t("field.date"), ctx.date(start)),
        (ctx.t("field.time"), ctx.t("time.span", start=_clock(start), end=_clock(end))),
        (ctx.t("field.duration"), ctx.duration(_seconds(start, end))),
        (ctx.t("field.anonymity"), ctx.t("anonymous.yes" if info.anonymous else "anonymous.no")),
        (ctx.t("field.state"), ctx.t("state.closed" if ctx.state.closed else "state.open")),
    ]
    return [
        Heading(1, ctx.t("title", title=info.title)),
        Fields(tuple(rows)),
        Para(ctx.t("k_rule", k=max(1, info.k_anonymity)), quiet=True),
    ]


def _participants(ctx: _Ctx) -> list[Block]:
    everyone = list(ctx.state.participants.values())
    people = [x for x in everyone if x.role != "observer"]
    # Professions compared as the k-rule compares them, named as first typed.
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for who in people:
        label = who.profession or ctx.t("participants.none")
        spelling.setdefault(label.casefold(), label)
        counts[label.casefold()] = counts.get(label.casefold(), 0) + 1
    ordered = sorted(counts, key=lambda key: (-counts[key], key))
    summary = ctx.t(
        "participants.count",
        people=len(people),
        facilitators=sum(x.role == "facilitator" for x in people),
        observers=len(everyone) - len(people),
    )
    blocks: list[Block] = [Heading(2, ctx.t("section.participants")), Para(summary)]
    if ordered:
        header = (ctx.t("participants.profession"), ctx.t("participants.number"))
        rows = tuple((spelling[key], str(counts[key])) for key in ordered)
        blocks.append(Table(header, rows, frozenset({1})))
    if not ctx.state.info.anonymous and everyone:
        blocks += [
            Heading(3, ctx.t("participants.names")),
            Bullets(tuple(map(_who(ctx), everyone))),
        ]
    return blocks


def _who(ctx: _Ctx) -> Callable[[model.Participant], str]:
    def line(who: model.Participant) -> str:
        parts = [who.profession or ctx.t("participants.none"), ctx.t(f"role.{who.role}")]
        if who.role == "facilitator" and not who.votes:
            parts.append(ctx.t("role.no_vote"))
        return f"{who.name} ({', '.join(parts)})"

    return line


def _version_line(ctx: _Ctx, version: Version) -> str:
    author = ctx.name(version.actor)
    time = _clock(version.at)
    if author is None:
        label = ctx.t("core.version", version=version.number, time=time)
    else:
        label = ctx.t("core.version_by", version=version.number, time=time, author=author)
    return f"{label}: {version.text}"


def _core_task(ctx: _Ctx) -> list[Block]:
    blocks: list[Block] = [Heading(2, ctx.t("section.core_task"))]
    final = next((d for d in ctx.state.drafts.values() if d.final), None)
    if final is None or final.text is None:
        return [*blocks, Para(ctx.t("core.none"))]
    chosen = _clock(ctx.history.finalized_at.get(final.id, _span(ctx.log)[1]))
    meta = ctx.t("core.final_meta", draft=final.id, version=final.version, time=chosen)
    history = tuple(_version_line(ctx, v) for v in ctx.history.versions.get(final.id, []))
    return [
        *blocks,
        Quote(final.text),
        Para(meta),
        Heading(3, ctx.t("core.history")),
        Bullets(history),
    ]


def _draft_status(ctx: _Ctx, draft: model.Draft, latest: bool) -> str:
    if not latest:
        return ctx.t("drafts.replaced")
    if draft.final:
        return ctx.t("drafts.final")
    return ctx.t("drafts.withdrawn" if draft.withdrawn else "drafts.current")


def _drafts(ctx: _Ctx) -> list[Block]:
    blocks: list[Block] = [Heading(2, ctx.t("section.drafts"))]
    if not ctx.state.drafts:
        return [*blocks, Para(ctx.t("drafts.none"))]
    named = not ctx.state.info.anonymous
    header = [ctx.t(f"drafts.{x}") for x in ("draft", "version", "time", "text", "status")]
    if named:
        header.append(ctx.t("drafts.author"))
    rows: list[tuple[str, ...]] = []
    for draft in ctx.state.drafts.values():
        versions = ctx.history.versions.get(draft.id, [])
        if draft.removed:
            first = _clock(versions[0].at) if versions else ""
            row = [draft.id, str(draft.version), first, "", ctx.t("drafts.removed")]
            rows.append(tuple(row + ([""] if named else [])))
            continue
        for v in versions:
            status = _draft_status(ctx, draft, v.number == draft.version)
            row = [draft.id, str(v.number), _clock(v.at), v.text or "", status]
            rows.append(tuple(row + ([ctx.name(v.actor) or ""] if named else [])))
    return [*blocks, Table(tuple(header), tuple(rows), frozenset({1}))]


def _rounds(ctx: _Ctx) -> list[Block]:
    blocks: list[Block] = [Heading(2, ctx.t("section.rounds"))]
    if not ctx.state.rounds:
        return [*blocks, Para(ctx.t("rounds.none"))]
    for current in ctx.state.rounds:
        blocks += _round(ctx, current)
    return blocks


def _draft_label(draft_id: str, version: int) -> str:
    return f"{draft_id}, v{version}"


def _round(ctx: _Ctx, current: model.Round) -> list[Block]:
    view = views.round_view(current)
    dots = ctx.t("rounds.dots_one") if view.dots == 1 else ctx.t("rounds.dots_many", dots=view.dots)
    mode = ctx.t("rounds.blind" if view.blind else "rounds.visible")
    meta = f"{dots}; {mode}; {ctx.t('rounds.voters', voters=view.voters)}."
    blocks: list[Block] = [Heading(3, ctx.t("rounds.round", number=view.number)), Para(meta)]
    if view.open:
        blocks.append(Para(ctx.t("rounds.still_open"), quiet=True))
    if view.tally is None:
        return [*blocks, Para(ctx.t("rounds.still_hidden"))]
    drafts = round_drafts(ctx.history, current)
    removed = ctx.t("drafts.removed")
    rows = tuple(
        (
            _draft_label(draft_id, version),
            removed if ctx.state.drafts[draft_id].removed else text or "",
            view.tally.get(draft_id, 0),
        )
        for draft_id, version, text in drafts
    )
    header = (ctx.t("drafts.draft"), ctx.t("drafts.text"), ctx.t("rounds.dots"))
    blocks.append(Bars(header, rows))
    if view.by_profession is not None:
        blocks += _round_split(ctx, view.by_profession, drafts)
    return blocks


def _group_label(ctx: _Ctx, group: str) -> str:
    return group if group else ctx.t("group.other")


def _ordered_groups(groups: Iterable[str]) -> list[str]:
    """Named groups as the rules made them, the merged "" group last."""
    names = list(groups)
    return [x for x in names if x] + [x for x in names if not x]


def _round_split(
    ctx: _Ctx,
    by_profession: dict[str, dict[str, int]],
    drafts: list[tuple[str, int, str | None]],
) -> list[Block]:
    """The round's split exactly as fixed at its close: the k-rule was applied then."""
    blocks: list[Block] = [Heading(4, ctx.t("rounds.by_profession"))]
    if not by_profession:
        k = max(1, ctx.state.info.k_anonymity)
        return [*blocks, Para(ctx.t("rounds.no_split", k=k), quiet=True)]
    groups = _ordered_groups(by_profession)
    header = (ctx.t("drafts.draft"), *(_group_label(ctx, g) for g in groups))
    rows = tuple(
        (
            _draft_label(draft_id, version),
            *(str(by_profession[g].get(draft_id, 0)) for g in groups),
        )
        for draft_id, version, _ in drafts
    )
    return [*blocks, Table(header, rows, frozenset(range(1, len(header))))]


def _statements(ctx: _Ctx) -> list[Block]:
    state = ctx.state
    blocks: list[Block] = [Heading(2, ctx.t("section.statements"))]
    if not state.statements:
        return [*blocks, Para(ctx.t("statements.none"))]
    live = [views.statement_view(state, s) for s in state.statements.values() if not s.removed]
    summary = ctx.t(
        "statements.summary",
        total=len(live),
        effect=sum(s.agreed == "effect" for s in live),
        output=sum(s.agreed == "output" for s in live),
        open=sum(s.agreed is None for s in live),
    )
    blocks.append(Para(summary))
    for agreed, key in (("effect", "effect"), ("output", "output"), (None, "unclassified")):
        blocks.append(Heading(3, ctx.t(f"statements.{key}")))
        chosen = [s for s in live if s.agreed == agreed]
        blocks.append(_statement_table(ctx, chosen) if chosen else Para(ctx.t("none")))
    blocks += _disputed(ctx, live)
    blocks += _statement_split(ctx)
    removed = len(state.statements) - len(live)
    if removed:
        blocks.append(Para(ctx.t("statements.removed", count=removed), quiet=True))
    return blocks


def _statement_table(ctx: _Ctx, statements: list[p.StatementView]) -> Table:
    named = not ctx.state.info.anonymous
    keys = ("statement", "text", "tag_output", "tag_effect")
    header = [ctx.t(f"statements.{x}") for x in keys]
    if named:
        header.append(ctx.t("statements.author"))
    rows: list[tuple[str, ...]] = []
    for s in statements:
        row = [s.id, s.text or "", str(s.tally["output"]), str(s.tally["effect"])]
        if named:
            row.append(ctx.name(ctx.state.statements[s.id].author) or "")
        rows.append(tuple(row))
    return Table(tuple(header), tuple(rows), frozenset({2, 3}))


def _disputed(ctx: _Ctx, live: list[p.StatementView]) -> list[Block]:
    still = [s for s in live if s.agreed is None and views.disputed(s)]
    items = tuple(
        ctx.t(
            "statements.disputed_item",
            id=s.id,
            text=s.text or "",
            output=s.tally["output"],
            effect=s.tally["effect"],
        )
        for s in still
    )
    return [
        Heading(3, ctx.t("statements.disputed")),
        Para(ctx.t("statements.disputed_rule"), quiet=True),
        Bullets(items) if items else Para(ctx.t("none")),
    ]


def _statement_split(ctx: _Ctx) -> list[Block]:
    """Shown only once the session is closed. Tags have no close of their own, as a round
    does, and while people still join and retag, two exports made at different times
    could be subtracted from each other to learn about fewer than k people."""
    blocks: list[Block] = [Heading(3, ctx.t("statements.by_profession"))]
    if not ctx.state.closed:
        return [*blocks, Para(ctx.t("statements.split_after_close"), quiet=True)]
    split = statement_split(ctx.state)
    if not split:
        k = max(1, ctx.state.info.k_anonymity)
        return [*blocks, Para(ctx.t("rounds.no_split", k=k), quiet=True)]
    groups = _ordered_groups(next(iter(split.values())))
    header = (
        ctx.t("statements.statement"),
        *(ctx.t("statements.split_head", group=_group_label(ctx, g)) for g in groups),
    )
    rows = tuple(
        (
            sid,
            *(ctx.t("statements.split_cell", output=row[g][0], effect=row[g][1]) for g in groups),
        )
        for sid, row in split.items()
    )
    return [*blocks, Table(header, rows, frozenset(range(1, len(header))))]


def _ref_line(ctx: _Ctx, ref: p.Ref) -> str:
    items: dict[str, Any] = ctx.state.drafts if ref.kind == "draft" else ctx.state.statements
    item: model.Draft | model.Statement | None = items.get(ref.id)
    text = ctx.t("ref.removed") if item is None or item.text is None else item.text
    return ctx.t(f"ref.{ref.kind}", id=ref.id, text=text)


def _conflicts(ctx: _Ctx) -> list[Block]:
    blocks: list[Block] = [Heading(2, ctx.t("section.conflicts"))]
    if not ctx.state.conflicts:
        return [*blocks, Para(ctx.t("conflicts.none"))]
    for conflict in ctx.state.conflicts.values():
        blocks += _conflict(ctx, conflict)
    return blocks


def _conflict(ctx: _Ctx, conflict: model.Conflict) -> list[Block]:
    if conflict.removed:
        return [Heading(3, ctx.t("conflicts.removed", id=conflict.id))]
    at, actor = ctx.history.added.get(conflict.id, (_span(ctx.log)[0], None))
    author = ctx.name(actor)
    recorded = (
        ctx.t("conflicts.recorded_by", time=_clock(at), author=author)
        if author is not None
        else ctx.t("conflicts.recorded_at", time=_clock(at))
    )
    rows = [
        (ctx.t("conflicts.status"), ctx.t(f"status.{conflict.status}")),
        (ctx.t("conflicts.professions"), ", ".join(conflict.professions)),
        (ctx.t("conflicts.recorded"), recorded),
    ]
    if conflict.suggestion:
        # The description holds the evidence the facilitator accepted.
        rows.append((ctx.t("conflicts.origin"), ctx.t("conflicts.from_lens")))
    if conflict.description:
        key = "conflicts.evidence" if conflict.suggestion else "conflicts.description"
        rows.append((ctx.t(key), conflict.description))
    blocks: list[Block] = [Heading(3, f"{conflict.id}: {conflict.title}"), Fields(tuple(rows))]
    if conflict.refs:
        refs = tuple(_ref_line(ctx, ref) for ref in conflict.refs)
        blocks += [Heading(4, ctx.t("conflicts.refs")), Bullets(refs)]
    if conflict.notes:
        actors = ctx.history.note_actors.get(conflict.id, [])
        notes = tuple(_note_line(ctx, note, actors, i) for i, note in enumerate(conflict.notes))
        blocks += [Heading(4, ctx.t("conflicts.notes")), Bullets(notes)]
    return blocks


def _note_line(ctx: _Ctx, note: str, actors: list[str | None], index: int) -> str:
    author = ctx.name(actors[index]) if index < len(actors) else None
    return note if author is None else ctx.t("conflicts.note_by", note=note, author=author)


def _timeline(ctx: _Ctx) -> list[Block]:
    blocks: list[Block] = [Heading(2, ctx.t("section.timeline"))]
    if not ctx.log.entries:
        return [*blocks, Para(ctx.t("none"))]
    start, end = _span(ctx.log)
    closed = ctx.history.closed_at
    steps = [(start, "checkin"), *ctx.history.phases]
    stops = [at for at, _ in steps[1:]] + [closed or end]
    rows = [
        (_clock(at), ctx.t(f"phase.{phase}"), ctx.duration(_seconds(at, stop)))
        for (at, phase), stop in zip(steps, stops, strict=True)
    ]
    if closed is not None:
        rows.append((_clock(closed), ctx.t("timeline.closed"), ""))
    header = (ctx.t("timeline.time"), ctx.t("timeline.phase"), ctx.t("timeline.duration"))
    return [*blocks, Table(header, tuple(rows), frozenset({2}))]


# --- Markdown --------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_MD_BULLET = re.compile(r"^([-+=])")
_MD_NUMBER = re.compile(r"^(\d+)([.)])")
_MD_BREAK: Final = "\\\n"  # a backslash at the end of a line: a hard line break


def md_escape(line: str, starts_line: bool = True) -> str:
    """One line of user text as literal Markdown: no emphasis, link, HTML, heading, code,
    table cell or (where it starts a line) list or setext underline can come out of it.
    Leading spaces go, since four of them would start a code block."""
    line = _MD_SPECIAL.sub(r"\\\1", line.strip())
    if not starts_line:
        return line
    line = _MD_BULLET.sub(r"\\\1", line)
    return _MD_NUMBER.sub(r"\1\\\2", line)


def _md(text: str, joiner: str, starts_line: bool = True, inline: bool = False) -> str:
    """Text whose lines are joined by `joiner`: a hard break and the context's indent.
    `starts_line`: the first line starts a Markdown line; `inline`: no line starts at all
    (a table cell or a heading)."""
    lines = [line for line in text.split("\n") if line.strip()] or [""]
    escaped = [
        md_escape(line, starts_line=not inline and (starts_line or i > 0))
        for i, line in enumerate(lines)
    ]
    return joiner.join(escaped)


def _md_table(
    header: tuple[str, ...], rows: Iterable[tuple[str, ...]], numeric: frozenset[int]
) -> str:
    def line(cells: Iterable[str]) -> str:
        return "| " + " | ".join(_md(c, "<br>", inline=True) for c in cells) + " |"

    rule = "| " + " | ".join("---:" if i in numeric else "---" for i in range(len(header))) + " |"
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def _md_block(block: Block) -> str:
    match block:
        case Heading(level=level, text=text):
            return "#" * level + " " + _md(text, " ", inline=True)
        case Para(text=text, quiet=quiet):
            body = _md(text, _MD_BREAK)
            return f"*{body}*" if quiet else body
        case Quote(text=text):
            return "> " + _md(text, _MD_BREAK + "> ")
        case Fields(rows=rows):
            return "\n".join(
                f"- **{_md(k, ' ', inline=True)}:** {_md(v, _MD_BREAK + '  ', starts_line=False)}"
                for k, v in rows
            )
        case Bullets(items=items):
            return "\n".join("- " + _md(item, _MD_BREAK + "  ") for item in items)
        case Table(header=header, rows=rows, numeric=numeric):
            return _md_table(header, rows, numeric)
        case Bars(header=header, rows=rows):
            return _md_table(header, ((a, b, str(n)) for a, b, n in rows), frozenset({2}))
    raise TypeError(f"not a block: {block!r}")  # pragma: no cover


def to_markdown(blocks: list[Block]) -> str:
    return "\n\n".join(_md_block(block) for block in blocks) + "\n"


# --- HTML ------------------------------------------------------------------------------

_CSS: Final = """
:root { color-scheme: light; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1d1d1f; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; border-bottom: 2px solid #2f5d50; padding-bottom: .3rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; color: #2f5d50;
  border-bottom: 1px solid #d5dcd9; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
h4 { font-size: .95rem; margin: 1rem 0 .3rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { border-bottom: 1px solid #e2e6e4; padding: .25rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f3f6f5; font-weight: 600; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
blockquote { font-size: 1.2rem; margin: .6rem 0; padding: .6rem 1rem;
  border-left: 4px solid #2f5d50; background: #f3f6f5; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
p.note { color: #555; font-size: .9rem; }
td.bar { width: 35%; }
td.bar span { display: block; height: .9rem; background: #2f5d50; border-radius: 2px; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2, h3, h4 { break-after: avoid; }
  tr, blockquote { break-inside: avoid; }
}
"""

# Nothing may be fetched or run: the file is opened from a shared drive or a mail.
_CSP: Final = "default-src 'none'; style-src 'unsafe-inline'"


def _h(text: str) -> str:
    return "<br>\n".join(html.escape(line) for line in text.split("\n"))


def _html_row(cells: Iterable[str], numeric: frozenset[int], tag: str = "td") -> str:
    parts = [
        f'<{tag} class="num">{_h(c)}</{tag}>' if i in numeric else f"<{tag}>{_h(c)}</{tag}>"
        for i, c in enumerate(cells)
    ]
    return "<tr>" + "".join(parts) + "</tr>"


def _html_table(block: Table) -> str:
    head = _html_row(block.header, block.numeric, "th")
    body = "\n".join(_html_row(row, block.numeric) for row in block.rows)
    return f"<table>\n<thead>{head}</thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _html_bars(block: Bars) -> str:
    top = max((n for _, _, n in block.rows), default=0)
    label, text, count = (_h(x) for x in block.header)
    head = f'<tr><th>{label}</th><th>{text}</th><th colspan="2" class="num">{count}</th></tr>'
    rows = []
    for name, body, n in block.rows:
        width = f"{100 * n / top:.1f}" if top else "0.0"
        rows.append(
            f"<tr><td>{_h(name)}</td><td>{_h(body)}</td>"
            f'<td class="bar"><span style="width: {width}%"></span></td>'
            f'<td class="num">{n}</td></tr>'
        )
    body_html = "\n".join(rows)
    return f'<table class="bars">\n<thead>{head}</thead>\n<tbody>\n{body_html}\n</tbody>\n</table>'


def _html_block(block: Block) -> str:
    match block:
        case Heading(level=level, text=text):
            return f"<h{level}>{_h(text)}</h{level}>"
        case Para(text=text, quiet=quiet):
            return f'<p class="note">{_h(text)}</p>' if quiet else f"<p>{_h(text)}</p>"
        case Quote(text=text):
            return f"<blockquote>{_h(text)}</blockquote>"
        case Fields(rows=rows):
            items = "\n".join(f"<dt>{_h(k)}</dt><dd>{_h(v)}</dd>" for k, v in rows)
            return f"<dl>\n{items}\n</dl>"
        case Bullets(items=items):
            return "<ul>\n" + "\n".join(f"<li>{_h(x)}</li>" for x in items) + "\n</ul>"
        case Table():
            return _html_table(block)
        case Bars():
            return _html_bars(block)
    raise TypeError(f"not a block: {block!r}")  # pragma: no cover


def to_html(blocks: list[Block], lang: str) -> str:
    """One self-contained, printable page: inline CSS, no script, nothing fetched."""
    title = next((b.text for b in blocks if isinstance(b, Heading)), "kerne")
    body = "\n".join(_html_block(block) for block in blocks)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


# --- JSON ------------------------------------------------------------------------------


def _session_json(log: SessionLog, state: model.State) -> dict[str, Any]:
    info = log.info
    return {
        "code": p.format_code(info.code),
        "title": info.title,
        "level": info.level,
        "parent_task": info.parent_task,
        "professions": list(info.professions),
        "settings": {"anonymous": info.anonymous, "k_anonymity": info.k_anonymity},
        "created_at": log.created_at,
        "started_at": log.entries[0].at if log.entries else None,
        "ended_at": log.entries[-1].at if log.entries else None,
        "closed": state.closed,
    }


def _participants_json(state: model.State) -> list[dict[str, Any]]:
    """Who took part; names only in a named session."""
    rows: list[dict[str, Any]] = []
    for who in state.participants.values():
        row: dict[str, Any] = {"id": who.id}
        if not state.info.anonymous:
            row["name"] = who.name
        row |= {"profession": who.profession, "role": who.role, "votes": who.votes}
        rows.append(row)
    return rows


def _redact(event: dict[str, Any], state: model.State) -> None:
    """Blank in one public event what the export must not keep: a name in an anonymous
    session, and the text of an item the facilitator removed (as the final state does).

    Judged by what the event carries (a draft, a statement, a conflict), whatever its
    kind: a new kind that carries a statement is blanked by carrying it, and one that
    carries something new is a type error here until someone decides.
    """
    data = event["data"]
    match pub.from_wire(event["kind"], data):
        case pub.CarriesParticipant():
            if state.info.anonymous:
                data["participant"]["name"] = ""
        case pub.DraftFinalizedView(draft=draft, previous=previous):
            _blank_draft(data, "draft", draft, state)
            _blank_draft(data, "previous", previous, state)
        case pub.CarriesDraft(draft=draft):
            _blank_draft(data, "draft", draft, state)
        case pub.CarriesStatement(statement=statement):
            if state.statements[statement.id].removed:
                data["statement"]["text"] = None
        case pub.CarriesConflict(conflict=conflict):
            if state.conflicts[conflict.id].removed:
                data["conflict"] |= {"title": None, "description": None, "notes": []}
        case (
            pub.CarriesRound()
            | pub.PhaseChangedView()
            | pub.TimerStartedView()
            | pub.TimerStoppedView()
            | pub.ItemRemovedView()
            | pub.SessionClosedView()
            | None
        ):
            pass  # no name and no text of an item (a removal's reason is the facilitator's)
        case unhandled:
            assert_never(unhandled)


def _blank_draft(
    data: dict[str, Any], key: str, shown: p.DraftView | None, state: model.State
) -> None:
    if shown is not None and state.drafts[shown.id].removed:
        data[key]["text"] = None


def export_json(log: SessionLog) -> dict[str, Any]:
    """The session as data: its public events and the public snapshot they fold into."""
    state = model.replay(log.info, [entry.event for entry in log.entries])
    events: list[dict[str, Any]] = []
    for entry in log.entries:
        event = json.loads(entry.public)
        _redact(event, state)
        events.append(event)
    final = json.loads(p.encode(views.snapshot(state, None)))
    if state.info.anonymous:
        for who in final["participants"]:
            who["name"] = ""
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "session": _session_json(log, state),
        "participants": _participants_json(state),
        "events": events,
        "final_state": final,
    }


def empty_snapshot(session: dict[str, Any]) -> p.Snapshot:
    """The snapshot before the first event, from an export's `session` object."""
    settings = session["settings"]
    view = p.SessionView(
        code=session["code"],
        title=session["title"],
        level=session["level"],
        parent_task=session["parent_task"],
        professions=list(session["professions"]),
        phase="checkin",
        settings=p.Settings(settings["anonymous"], settings["k_anonymity"]),
        closed=False,
    )
    return p.Snapshot(view, [], [], [], [], [], [], None)


def replay_export(document: dict[str, Any]) -> p.Snapshot:
    """Fold an export's events as a client would: the proof that the data is complete."""
    snap = empty_snapshot(document["session"])
    mine = p.Mine()
    for raw in document["events"]:
        snap, mine = fold(snap, msgspec.convert(raw, p.WireEvent), mine, "")
    return snap


# --- CSV -------------------------------------------------------------------------------

_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str | int | bool | None) -> str:
    """A cell a spreadsheet shows as text: a leading = + - @ would make it a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _author(state: model.State, pid: str | None) -> str:
    if state.info.anonymous or pid is None or pid not in state.participants:
        return ""
    return state.participants[pid].name


def _drafts_csv(history: History) -> list[list[Any]]:
    state = history.state
    rows: list[list[Any]] = [
        [
            "draft_id",
            "version",
            "written_at",
            "text",
            "author",
            "latest",
            "final",
            "withdrawn",
            "removed",
        ]
    ]
    for draft in state.drafts.values():
        for v in history.versions.get(draft.id, []):
            text = None if draft.removed else v.text
            latest = v.number == draft.version
            flags = [latest, draft.final, draft.withdrawn, draft.removed]
            rows.append([draft.id, v.number, v.at, text, _author(state, v.actor), *flags])
    return rows


def _rounds_csv(history: History) -> list[list[Any]]:
    head = ["round", "round_id", "dots_per_voter", "blind", "open", "voters"]
    rows: list[list[Any]] = [[*head, "draft_id", "draft_version", "dots"]]
    for current in history.state.rounds:
        view = views.round_view(current)
        meta = [view.number, view.id, view.dots, view.blind, view.open, view.voters]
        for draft_id, version, _ in round_drafts(history, current):
            dots = None if view.tally is None else view.tally.get(draft_id, 0)
            rows.append([*meta, draft_id, version, dots])
    return rows


def _votes_by_profession_csv(history: History) -> list[list[Any]]:
    rows: list[list[Any]] = [
        ["round", "round_id", "group", "other_professions", "draft_id", "dots"]
    ]
    for current in history.state.rounds:
        split = current.by_profession or {}
        drafts = round_drafts(history, current)
        for group in _ordered_groups(split):
            for draft_id, _, _ in drafts:
                dots = split[group].get(draft_id, 0)
                rows.append([current.number, current.id, group, not group, draft_id, dots])
    return rows


def _statements_csv(history: History) -> list[list[Any]]:
    state = history.state
    rows: list[list[Any]] = [
        [
            "statement_id",
            "added_at",
            "text",
            "author",
            "output",
            "effect",
            "agreed",
            "disputed",
            "removed",
        ]
    ]
    for statement in state.statements.values():
        view = views.statement_view(state, statement)
        at, actor = history.added.get(statement.id, ("", None))
        tally = [view.tally["output"], view.tally["effect"]]
        who = _author(state, actor)
        rows.append(
            [view.id, at, view.text, who, *tally, view.agreed, views.disputed(view), view.removed]
        )
    return rows


def _conflicts_csv(history: History) -> list[list[Any]]:
    state = history.state
    head = ["conflict_id", "recorded_at", "title", "description", "professions", "refs"]
    rows: list[list[Any]] = [[*head, "status", "notes", "author", "removed", "suggestion"]]
    for c in state.conflicts.values():
        at, actor = history.added.get(c.id, ("", None))
        refs = "; ".join(f"{r.kind}:{r.id}" for r in c.refs)
        professions = "; ".join(c.professions)
        notes = "\n".join(c.notes)
        who = _author(state, actor)
        rows.append([c.id, at, c.title, c.description, professions, refs, c.status, notes, who])
        rows[-1] += [c.removed, c.suggestion or ""]
    return rows


def csv_tables(log: SessionLog) -> dict[str, list[list[Any]]]:
    """Each table by file name, header row first (values not yet made cells)."""
    history = build_history(log)
    return {
        "drafts.csv": _drafts_csv(history),
        "rounds.csv": _rounds_csv(history),
        "votes_by_profession.csv": _votes_by_profession_csv(history),
        "statements.csv": _statements_csv(history),
        "conflicts.csv": _conflicts_csv(history),
    }


def _csv_bytes(rows: list[list[Any]]) -> bytes:
    """UTF-8 with a byte order mark, so that Excel shows æ, ø and å; CRLF as RFC 4180."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode()


def csv_files(log: SessionLog) -> dict[str, bytes]:
    return {name: _csv_bytes(rows) for name, rows in csv_tables(log).items()}


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip that depends only on its contents: sorted names, fixed times and modes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            archive.writestr(info, files[name])
    return buffer.getvalue()


def write_csv_folder(log: SessionLog, folder: Path) -> list[Path]:
    """The CSV tables as files in `folder` (created if needed); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in sorted(csv_files(log).items()):
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written


# --- the entry point -------------------------------------------------------------------


def render(log: SessionLog, fmt: str, lang: str = "da") -> bytes:
    """The export in one format: md and html minutes in `lang`; json; csv as a zip."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    if fmt == "md":
        return to_markdown(minutes(log, lang)).encode()
    if fmt == "html":
        return to_html(minutes(log, lang), lang).encode()
    if fmt == "json":
        text = json.dumps(export_json(log), ensure_ascii=False, indent=2)
        return (text + "\n").encode()
    if fmt == "csv":
        return zip_bytes(csv_files(log))
    raise ValueError(f"unknown format {fmt!r}")
