"""Dilemmas and conflicts on the front pages: what they are about and who follows them up.

The appendix keeps the evidence (the statements and drafts each points at); here each is
its title, its kind, its two sides and its follow-up, with no ids, so a manager can act
on it. An edited title keeps its earlier wording, said with when it changed.
"""

from __future__ import annotations

from server import model
from server.export.blocks import Block, Bullets, Fields, Heading
from server.export.context import Ctx


def dilemmas(ctx: Ctx) -> list[Block]:
    live = [c for c in ctx.state.conflicts.values() if not c.removed]
    if not live:
        return []
    blocks: list[Block] = [Heading(2, ctx.t("section.dilemmas"))]
    for conflict in live:
        blocks += _dilemma(ctx, conflict)
    return blocks


def _dilemma(ctx: Ctx, conflict: model.Conflict) -> list[Block]:
    dilemma = conflict.dilemma
    rows: list[tuple[str, str]] = []
    if dilemma.kind is not None:
        rows.append((ctx.t("dilemma.kind"), ctx.worded(f"kind.{dilemma.kind}")))
    if conflict.description:
        rows.append((ctx.t("dilemma.what"), conflict.description))
    if dilemma.side_a:
        rows.append((ctx.t("dilemma.side_a"), dilemma.side_a))
    if dilemma.side_b:
        rows.append((ctx.t("dilemma.side_b"), dilemma.side_b))
    if conflict.professions:
        rows.append((ctx.t("conflicts.professions"), ", ".join(conflict.professions)))
    rows.append((ctx.t("conflicts.status"), ctx.t(f"status.{conflict.status}")))
    if dilemma.owner:
        rows.append((ctx.t("dilemma.owner"), dilemma.owner))
    if dilemma.forum:
        rows.append((ctx.t("dilemma.forum"), ctx.t(f"forum.{dilemma.forum}")))
    if dilemma.due:
        rows.append((ctx.t("dilemma.due"), ctx.day(dilemma.due)))
    if dilemma.above:
        rows.append((ctx.t("dilemma.above"), ctx.t("dilemma.above_yes")))
    earlier = ctx.history.earlier_titles.get(conflict.id, [])
    if earlier:
        said = [
            ctx.t("dilemma.earlier_item", title=title, date=ctx.date(at), time=ctx.clock(at))
            for title, at in earlier
        ]
        rows.append((ctx.t("dilemma.earlier"), "; ".join(said)))
    blocks: list[Block] = [Heading(3, conflict.title or ""), Fields(tuple(rows))]
    if conflict.notes:
        blocks += [Heading(4, ctx.t("conflicts.notes")), Bullets(tuple(conflict.notes))]
    return blocks
