"""Dilemmas and conflicts on the front pages: what they are about and who follows them up.

The appendix keeps the evidence (the statements and drafts each points at); here each is
its title, its sides and its follow-up, with no ids, so a manager can act on it.
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
    rows: list[tuple[str, str]] = []
    if conflict.description:
        rows.append((ctx.t("dilemma.what"), conflict.description))
    if conflict.professions:
        rows.append((ctx.t("conflicts.professions"), ", ".join(conflict.professions)))
    rows.append((ctx.t("conflicts.status"), ctx.t(f"status.{conflict.status}")))
    blocks: list[Block] = [Heading(3, conflict.title or ""), Fields(tuple(rows))]
    if conflict.notes:
        blocks += [Heading(4, ctx.t("conflicts.notes")), Bullets(tuple(conflict.notes))]
    return blocks
