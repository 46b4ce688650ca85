"""The minutes' frame: what the session was, who took part, and how the time went.

Who took part is told as numbers per profession, and by name only in a named session:
anonymous minutes name nobody, not even in the list of participants.
"""

from __future__ import annotations

from collections.abc import Callable

from server import model
from server import protocol as p
from server.export.blocks import Block, Bullets, Fields, Heading, Para, Table
from server.export.context import Ctx
from server.export.moments import clock, seconds, span


def head(ctx: Ctx) -> list[Block]:
    info = ctx.state.info
    start, end = span(ctx.log)
    level = ctx.words.get(f"level.{info.level}", info.level)
    rows = [(ctx.t("field.code"), p.format_code(info.code)), (ctx.t("field.level"), level)]
    if info.parent_task:
        rows.append((ctx.t("field.parent_task"), info.parent_task))
    rows += [
        (ctx.t("field.date"), ctx.date(start)),
        (ctx.t("field.time"), ctx.t("time.span", start=clock(start), end=clock(end))),
        (ctx.t("field.duration"), ctx.duration(seconds(start, end))),
        (ctx.t("field.anonymity"), ctx.t("anonymous.yes" if info.anonymous else "anonymous.no")),
        (ctx.t("field.state"), ctx.t("state.closed" if ctx.state.closed else "state.open")),
    ]
    return [
        Heading(1, ctx.t("title", title=info.title)),
        Fields(tuple(rows)),
        Para(ctx.t("k_rule", k=max(1, info.k_anonymity)), quiet=True),
    ]


def participants(ctx: Ctx) -> list[Block]:
    # Someone the facilitator removed took no part that counts: in no figure, no count.
    everyone = [x for x in ctx.state.participants.values() if not x.removed]
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


def _who(ctx: Ctx) -> Callable[[model.Participant], str]:
    def line(who: model.Participant) -> str:
        parts = [who.profession or ctx.t("participants.none"), ctx.t(f"role.{who.role}")]
        if who.role == "facilitator" and not who.votes:
            parts.append(ctx.t("role.no_vote"))
        return f"{who.name} ({', '.join(parts)})"

    return line


def timeline(ctx: Ctx) -> list[Block]:
    blocks: list[Block] = [Heading(2, ctx.t("section.timeline"))]
    if not ctx.log.entries:
        return [*blocks, Para(ctx.t("none"))]
    start, end = span(ctx.log)
    closed = ctx.history.closed_at
    steps = [(start, "checkin"), *ctx.history.phases]
    stops = [at for at, _ in steps[1:]] + [closed or end]
    rows = [
        (clock(at), ctx.t(f"phase.{phase}"), ctx.duration(seconds(at, stop)))
        for (at, phase), stop in zip(steps, stops, strict=True)
    ]
    if closed is not None:
        rows.append((clock(closed), ctx.t("timeline.closed"), ""))
    header = (ctx.t("timeline.time"), ctx.t("timeline.phase"), ctx.t("timeline.duration"))
    return [*blocks, Table(header, tuple(rows), frozenset({2}))]
