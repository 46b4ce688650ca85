"""The minutes on the voting rounds: how each was set up, its tally as bars, and its
split by profession exactly as fixed at its close. A blind round still open shows how
many have voted and nothing more."""

from __future__ import annotations

from server import model, views
from server.export.blocks import Bars, Block, Heading, Para, Table
from server.export.context import Ctx
from server.export.groups import ordered_groups
from server.export.history import round_drafts


def rounds(ctx: Ctx) -> list[Block]:
    blocks: list[Block] = [Heading(2, ctx.t("section.rounds"))]
    if not ctx.state.rounds:
        return [*blocks, Para(ctx.t("rounds.none"))]
    for current in ctx.state.rounds:
        blocks += _round(ctx, current)
    return blocks


def _draft_label(draft_id: str, version: int) -> str:
    return f"{draft_id}, v{version}"


def _round(ctx: Ctx, current: model.Round) -> list[Block]:
    view = views.round_view(current)
    dots = ctx.t("rounds.dots_one") if view.dots == 1 else ctx.t("rounds.dots_many", dots=view.dots)
    mode = ctx.t("rounds.blind" if view.blind else "rounds.visible")
    heading = Heading(3, ctx.t("rounds.round", number=view.number))
    if not view.open and view.tally is not None and not any(view.tally.values()):
        # Closed with no dots at all: one line says so, where a table would be all zeros.
        return [heading, Para(f"{dots}; {mode}; {ctx.t('rounds.nobody_voted')}.")]
    meta = f"{dots}; {mode}; {ctx.t('rounds.voters', voters=view.voters)}."
    blocks: list[Block] = [heading, Para(meta)]
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
    if view.by_profession is not None and ctx.tables:
        blocks += _round_split(ctx, view.by_profession, drafts)
    return blocks


def _round_split(
    ctx: Ctx,
    by_profession: dict[str, dict[str, int]],
    drafts: list[tuple[str, int, str | None]],
) -> list[Block]:
    """The round's split exactly as fixed at its close: the k-rule was applied then."""
    blocks: list[Block] = [Heading(4, ctx.t("rounds.by_profession"))]
    if not by_profession:
        k = max(1, ctx.state.info.k_anonymity)
        return [*blocks, Para(ctx.t("rounds.no_split", k=k), quiet=True)]
    groups = ordered_groups(by_profession)
    header = (ctx.t("drafts.draft"), *(ctx.group_label(g) for g in groups))
    rows = tuple(
        (
            _draft_label(draft_id, version),
            *(str(by_profession[g].get(draft_id, 0)) for g in groups),
        )
        for draft_id, version, _ in drafts
    )
    return [*blocks, Table(header, rows, frozenset(range(1, len(header))))]
