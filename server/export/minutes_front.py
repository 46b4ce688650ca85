"""The front page of the minutes: what a manager reads first, before signing.

The date and time are local (`Ctx.clock`), the facilitator is named only as the session
names them (`--facilitator`, or by name in a named session), and who was present is told
as professions with counts: never a list of names, never an id.
"""

from __future__ import annotations

from server import model
from server.export.blocks import Block, Fields, Heading
from server.export.context import Ctx
from server.export.moments import span

# A profession whose name holds one of these is management (leder, afdelingsleder,
# pædagogisk leder, centerchef, ledelse; manager, head of unit): the method says the
# core task is never worked on without management.
MANAGEMENT_WORDS = ("leder", "ledelse", "chef", "direktør", "manager", "management", "head of")


def is_management(profession: str | None) -> bool:
    folded = (profession or "").casefold()
    return any(word in folded for word in MANAGEMENT_WORDS)


def present(state: model.State) -> list[tuple[str, int]]:
    """Professions of those who took part (not observers), most first, named as first typed;
    compared without case, as the k-rule compares them."""
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for who in state.participants.values():
        if who.role == "observer" or not who.profession:
            continue
        key = who.profession.casefold()
        spelling.setdefault(key, who.profession)
        counts[key] = counts.get(key, 0) + 1
    return [(spelling[k], counts[k]) for k in sorted(counts, key=lambda k: (-counts[k], k))]


def _facilitator(ctx: Ctx) -> str | None:
    info = ctx.state.info
    if info.facilitator:
        return info.facilitator
    names = [ctx.name(x.id) for x in ctx.state.participants.values() if x.role == "facilitator"]
    shown = [name for name in names if name]
    return ", ".join(shown) or None


def _present_line(ctx: Ctx) -> str:
    state = ctx.state
    counted = present(state)
    people = sum(n for _, n in counted)
    line = ctx.t(
        "front.present_line",
        professions=", ".join(f"{name} {n}" for name, n in counted) or ctx.t("front.nobody"),
        people=people,
    )
    observers = sum(x.role == "observer" for x in state.participants.values())
    if observers:
        key = "front.observer_one" if observers == 1 else "front.observer_many"
        line += ctx.t(key, n=observers)
    return line


def _management_line(ctx: Ctx) -> str:
    leaders = [
        x
        for x in ctx.state.participants.values()
        if x.role != "observer" and is_management(x.profession)
    ]
    if not leaders:
        return ctx.t("front.management_no")
    return ctx.t("front.management_yes", n=len(leaders))


def header(ctx: Ctx) -> list[Block]:
    info = ctx.state.info
    start, end = span(ctx.log)
    end = ctx.history.closed_at or end  # follow-up after the close is not the meeting
    time = ctx.t("time.span", start=ctx.clock(start), end=ctx.clock(end), zone=ctx.zone(start))
    rows = [(ctx.t("field.date"), ctx.date(start)), (ctx.t("field.time"), time)]
    if info.place:
        rows.append((ctx.t("front.place"), info.place))
    facilitator = _facilitator(ctx)
    if facilitator:
        rows.append((ctx.t("front.facilitator"), facilitator))
    rows.append((ctx.t("field.level"), ctx.words.get(f"level.{info.level}", info.level)))
    rows += _links(ctx)
    rows += [
        (ctx.t("front.present"), _present_line(ctx)),
        (ctx.t("front.management"), _management_line(ctx)),
    ]
    return [Heading(1, ctx.t("title", title=info.title)), Fields(tuple(rows))]


def _links(ctx: Ctx) -> list[tuple[str, str]]:
    """The sessions this one hangs together with: above, below, before and after it."""
    log = ctx.log
    rows: list[tuple[str, str]] = []

    def named(title: str, at: str) -> str:
        return ctx.t("front.linked", title=title, date=ctx.date(at))

    if log.parent is not None:
        rows.append((ctx.t("front.parent"), named(log.parent.title, log.parent.created_at)))
    if log.children:
        below = "; ".join(named(x.title, x.created_at) for x in log.children)
        rows.append((ctx.t("front.children"), below))
    follows = ctx.state.follow.follows
    if follows is not None:
        rows.append((ctx.t("front.follows"), named(*follows)))
    if log.followed_by:
        later = "; ".join(named(x.title, x.created_at) for x in log.followed_by)
        rows.append((ctx.t("front.followed_by"), later))
    return rows
