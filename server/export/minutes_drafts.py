"""The minutes on the core task: the final formulation with its history, and every
version of every draft. A removed draft keeps its row but loses its text."""

from __future__ import annotations

from server import model
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
        Heading(3, ctx.t("core.history")),
        Bullets(history),
    ]


def _draft_status(ctx: Ctx, draft: model.Draft, latest: bool) -> str:
    if not latest:
        return ctx.t("drafts.replaced")
    if draft.final:
        return ctx.t("drafts.final")
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
