"""The minutes on the core task: the final formulation with its history, and every
version of every draft. A removed draft keeps its row but loses its text."""

from __future__ import annotations

from server import model, support, views
from server.export.blocks import Block, Bullets, Heading, Para, Quote, Table
from server.export.context import Ctx
from server.export.history import Version
from server.export.moments import span


def _version_line(ctx: Ctx, version: Version) -> str:
    author = ctx.name(version.actor)
    time = ctx.clock(version.at)
    if author is None:
        label = ctx.t("core.version", version=version.number, time=time)
    else:
        label = ctx.t("core.version_by", version=version.number, time=time, author=author)
    return f"{label}: {version.text}"


def core_task(ctx: Ctx) -> list[Block]:
    blocks: list[Block] = [Heading(2, ctx.t("section.core_task"))]
    final = next((d for d in ctx.state.drafts.values() if d.final), None)
    if final is None or final.text is None:
        return [*blocks, Para(ctx.t("core.none"))]
    chosen = ctx.clock(ctx.history.finalized_at.get(final.id, span(ctx.log)[1]))
    meta = ctx.t("core.final_meta", draft=final.id, version=final.version, time=chosen)
    history = tuple(_version_line(ctx, v) for v in ctx.history.versions.get(final.id, []))
    return [
        *blocks,
        Quote(final.text),
        Para(meta),
        *_how_chosen(ctx, final),
        Heading(3, ctx.t("core.history")),
        Bullets(history),
    ]


def _how_chosen(ctx: Ctx, final: model.Draft) -> list[Block]:
    """Every choice with its reason, the chosen draft's support in words (dots, accept by
    profession, criteria), and a plain sentence when it was chosen on nothing at all."""
    lines: list[str] = []
    for choice in ctx.state.choices:
        time = ctx.clock(choice.at)
        if choice.previous is None:
            line = ctx.t("core.choice", time=time, draft=choice.draft_id)
        else:
            line = ctx.t(
                "core.choice_instead", time=time, draft=choice.draft_id, previous=choice.previous
            )
        said = ctx.t("core.choice_reason", reason=choice.reason) if choice.reason else None
        lines.append(f"{line} {said or ctx.t('core.choice_no_reason')}")
    state = ctx.state
    found = support.support(
        [views.round_view(x) for x in state.rounds],
        [views.rating_view(x) for x in state.ratings],
        final.id,
    )
    blocks: list[Block] = [Heading(3, ctx.t("core.how")), Bullets(tuple(lines))]
    last = state.choices[-1] if state.choices else None
    if found.dots is None and found.acceptance is None and last is not None and not last.reason:
        blocks.append(Para(ctx.t("core.unsupported")))
    words = tuple(support.describe(found, ctx.t))
    return [*blocks, Heading(3, ctx.t("core.support")), Bullets(words)]


def _draft_status(ctx: Ctx, draft: model.Draft, latest: bool) -> str:
    if not latest:
        return ctx.t("drafts.replaced")
    if draft.final:
        # Chosen as of a date, and to be revisited: the table says when.
        at = ctx.history.finalized_at.get(draft.id, span(ctx.log)[1])
        return ctx.t("drafts.final", date=ctx.date(at))
    return ctx.t("drafts.withdrawn" if draft.withdrawn else "drafts.current")


def drafts(ctx: Ctx) -> list[Block]:
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
            first = ctx.clock(versions[0].at) if versions else ""
            row = [draft.id, str(draft.version), first, "", ctx.t("drafts.removed")]
            rows.append(tuple(row + ([""] if named else [])))
            continue
        for v in versions:
            status = _draft_status(ctx, draft, v.number == draft.version)
            row = [draft.id, str(v.number), ctx.clock(v.at), v.text or "", status]
            rows.append(tuple(row + ([ctx.name(v.actor) or ""] if named else [])))
    return [*blocks, Table(tuple(header), tuple(rows), frozenset({1}))]
