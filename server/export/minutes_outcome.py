"""What the meeting arrived at, in the words a manager signs: our core task (how it was
chosen and who stands behind it), how it connects to the level above, what it means in
everyday work, and the effects we will look for and the outputs we deliver.

No ids: a statement is its text, a draft is its formulation. A section with nothing to
say is left out rather than printed as an empty heading.
"""

from __future__ import annotations

from server import model
from server.export.blocks import Block, Bullets, Fields, Heading, Para, Quote
from server.export.context import Ctx
from server.export.history import round_drafts
from server.export.moments import span

LEVEL_ABOVE = {"unit": "institution", "institution": "centre", "centre": "municipality"}


def _counted(ctx: Ctx) -> list[model.Round]:
    """The closed rounds that had dots: one opened and closed with nobody voting says
    nothing about how the wording was chosen, so it is not counted as a voting round."""
    return [r for r in ctx.state.rounds if not r.open and any(r.counts.values())]


def _chosen(ctx: Ctx, final: model.Draft) -> str:
    at = ctx.history.finalized_at.get(final.id, span(ctx.log)[1])
    counted = len(_counted(ctx))
    key = (
        "chosen.no_round"
        if not counted
        else "chosen.one_round"
        if counted == 1
        else "chosen.rounds"
    )
    return ctx.t(key, date=ctx.date(at), time=ctx.clock(at), rounds=counted)


def _support(ctx: Ctx, final: model.Draft) -> str:
    """Who stands behind it, in words: from the last closed round that had dots, how many
    of those who voted put a dot on it (one dot per draft per person, so dots are people)."""
    counted = _counted(ctx)
    if not counted:
        return ctx.t("support.no_round")
    last = counted[-1]
    voters = len(last.votes)
    backers = last.counts.get(final.id, 0)
    voted_on = {draft_id: version for draft_id, version, _ in round_drafts(ctx.history, last)}
    if final.id not in voted_on or not voters:
        return ctx.t("support.not_in_round")
    share = backers / voters
    key = "support.broad" if share >= 0.75 else "support.majority" if share > 0.5 else "support.few"
    text = ctx.t(key, backers=backers, voters=voters)
    if voted_on[final.id] != final.version:
        text += " " + ctx.t("support.earlier_version")
    return text


def core_task(ctx: Ctx) -> list[Block]:
    blocks: list[Block] = [Heading(2, ctx.t("section.our_task"))]
    final = next((d for d in ctx.state.drafts.values() if d.final), None)
    if final is None or final.text is None:
        return [*blocks, Para(ctx.t("core.none"))]
    blocks += [Quote(final.text), Para(_chosen(ctx, final))]
    follows = ctx.state.follow.follows
    if follows is not None and final.author == "":  # carried over, not chosen again here
        title, at = follows
        return [*blocks, Para(ctx.t("chosen.carried", title=title, date=ctx.date(at)))]
    return [*blocks, Para(_support(ctx, final))]


def level_above(ctx: Ctx) -> list[Block]:
    info = ctx.state.info
    contribution = ctx.state.follow.contribution
    if not info.parent_task and not contribution:
        return []
    rows: list[tuple[str, str]] = []
    if info.parent_task:
        above = LEVEL_ABOVE.get(info.level)
        label = ctx.words.get(f"level.{above}", "") if above else ""
        key = ctx.t("above.task", level=label) if label else ctx.t("field.parent_task")
        rows.append((key, info.parent_task))
    if contribution:
        rows.append((ctx.t("above.contribution"), contribution))
    return [Heading(2, ctx.t("section.above")), Fields(tuple(rows))]


def everyday(ctx: Ctx) -> list[Block]:
    text = ctx.state.follow.everyday
    return [Heading(2, ctx.t("section.everyday")), Para(text)] if text else []


def _agreed(ctx: Ctx, tag: str) -> tuple[str, ...]:
    return tuple(
        s.text
        for s in ctx.state.statements.values()
        if s.agreed == tag and not s.removed and s.text
    )


def effects(ctx: Ctx) -> list[Block]:
    found = _agreed(ctx, "effect")
    return [Heading(2, ctx.t("section.effects")), Bullets(found)] if found else []


def outputs(ctx: Ctx) -> list[Block]:
    found = _agreed(ctx, "output")
    return [Heading(2, ctx.t("section.outputs")), Bullets(found)] if found else []
