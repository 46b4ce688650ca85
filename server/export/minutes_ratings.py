"""The minutes on the acceptance and criteria rounds: for each rated draft, the answers
in all and, where the minutes carry tables per profession, per profession exactly as
fixed at the close (the k-rule was applied then). A session that had none gets no
section, so its minutes read as they always did."""

from __future__ import annotations

from server import model, views
from server import protocol as p
from server.export.blocks import Block, Heading, Para, Table
from server.export.context import Ctx
from server.export.groups import ordered_groups


def ratings(ctx: Ctx) -> list[Block]:
    if not ctx.state.ratings:
        return []
    blocks: list[Block] = [Heading(2, ctx.t("section.ratings"))]
    for rating in ctx.state.ratings:
        blocks += _rating(ctx, rating)
    return blocks


def _rating(ctx: Ctx, rating: model.Rating) -> list[Block]:
    view = views.rating_view(rating)
    kind = ctx.t(f"ratings.kind.{view.kind}")
    mode = ctx.t("rounds.blind" if view.blind else "rounds.visible")
    meta = f"{mode}; {ctx.t('ratings.answered', n=view.answered)}."
    blocks: list[Block] = [Heading(3, ctx.t("ratings.round", kind=kind, number=view.number))]
    blocks.append(Para(meta))
    if view.tally is None:
        return [*blocks, Para(ctx.t("rounds.still_hidden"))]
    for draft_id in view.draft_ids:
        draft = ctx.state.drafts[draft_id]
        text = ctx.t("drafts.removed") if draft.removed else draft.text or ""
        blocks.append(Heading(4, f"{draft_id}: {text}"))
        blocks.append(_table(ctx, view, draft_id))
    if (
        ctx.tables
        and view.by_profession is not None
        and not any(
            figure for questions in view.by_profession.values() for figure in questions.values()
        )
    ):
        k = max(1, ctx.state.info.k_anonymity)
        blocks.append(Para(ctx.t("rounds.no_split", k=k), quiet=True))
    return blocks


def _table(ctx: Ctx, view: p.RatingView, draft_id: str) -> Table:
    """One row per answer (acceptance) or per criterion; a column for all and one per
    profession group shown ("yes/partly/no" for criteria)."""
    totals = (view.tally or {}).get(draft_id, {})
    figures = (view.by_profession or {}).get(draft_id, {}) if ctx.tables else {}
    groups = ordered_groups(g for figure in figures.values() for g in figure)
    labels = tuple(ctx.group_label(g) for g in groups)
    if view.kind == "acceptance":
        counts = totals.get(p.ACCEPTANCE_QUESTION, {})
        split = figures.get(p.ACCEPTANCE_QUESTION, {})
        header = (ctx.t("ratings.answer"), ctx.t("ratings.total"), *labels)
        rows = tuple(
            (
                ctx.t(f"acceptance.{answer}"),
                str(counts.get(answer, 0)),
                *(str(split.get(g, {}).get(answer, 0)) if split else "" for g in groups),
            )
            for answer in p.ACCEPTANCE_SCALE
        )
    else:
        judged = "/".join(ctx.t(f"judgement.{j}") for j in p.JUDGEMENTS)
        header = (ctx.t("ratings.criterion"), judged, *labels)

        def said(counts: dict[str, int]) -> str:
            return "/".join(str(counts.get(j, 0)) for j in p.JUDGEMENTS) if counts else ""

        rows = tuple(
            (
                ctx.t(f"criterion.{criterion}"),
                said(totals.get(criterion, {})),
                *(said(figures.get(criterion, {}).get(g, {})) for g in groups),
            )
            for criterion in p.CRITERIA
        )
    return Table(header, rows, frozenset(range(1, len(header))))
