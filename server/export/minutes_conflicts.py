"""The minutes on the conflicts: each with its status, professions, evidence, the items
it points at and its notes. A removed conflict keeps only its heading."""

from __future__ import annotations

from typing import Any

from server import model
from server import protocol as p
from server.export.blocks import Block, Bullets, Fields, Heading, Para
from server.export.context import Ctx
from server.export.moments import span


def _ref_line(ctx: Ctx, ref: p.Ref) -> str:
    items: dict[str, Any] = ctx.state.drafts if ref.kind == "draft" else ctx.state.statements
    item: model.Draft | model.Statement | None = items.get(ref.id)
    text = ctx.t("ref.removed") if item is None or item.text is None else item.text
    return ctx.t(f"ref.{ref.kind}", id=ref.id, text=text)


def conflicts(ctx: Ctx) -> list[Block]:
    blocks: list[Block] = [Heading(2, ctx.t("section.conflicts"))]
    if not ctx.state.conflicts:
        return [*blocks, Para(ctx.t("conflicts.none"))]
    for conflict in ctx.state.conflicts.values():
        blocks += _conflict(ctx, conflict)
    return blocks


def _conflict(ctx: Ctx, conflict: model.Conflict) -> list[Block]:
    if conflict.removed:
        return [Heading(3, ctx.t("conflicts.removed", id=conflict.id))]
    at, actor = ctx.history.added.get(conflict.id, (span(ctx.log)[0], None))
    author = ctx.name(actor)
    recorded = (
        ctx.t("conflicts.recorded_by", time=ctx.clock(at), author=author)
        if author is not None
        else ctx.t("conflicts.recorded_at", time=ctx.clock(at))
    )
    rows = [(ctx.t("conflicts.status"), ctx.t(f"status.{conflict.status}"))]
    if conflict.professions:  # a dilemma may name none
        rows.append((ctx.t("conflicts.professions"), ", ".join(conflict.professions)))
    rows.append((ctx.t("conflicts.recorded"), recorded))
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


def _note_line(ctx: Ctx, note: str, actors: list[str | None], index: int) -> str:
    author = ctx.name(actors[index]) if index < len(actors) else None
    return note if author is None else ctx.t("conflicts.note_by", note=note, author=author)
