"""The minutes on the statements: grouped by the class the room agreed on, the ones
still disputed, and (once the session is closed) the tags per profession group."""

from __future__ import annotations

from server import protocol as p
from server import views
from server.export.blocks import Block, Bullets, Heading, Para, Table
from server.export.context import Ctx
from server.export.groups import ordered_groups, statement_split

FOLDED = "\u2013"  # an en dash: a group counted under "other professions" on this statement


def statements(ctx: Ctx) -> list[Block]:
    state = ctx.state
    blocks: list[Block] = [Heading(2, ctx.t("section.statements"))]
    if not state.statements:
        return [*blocks, Para(ctx.t("statements.none"))]
    live = [views.statement_view(state, s) for s in state.statements.values() if not s.removed]
    summary = ctx.t(
        "statements.summary",
        total=len(live),
        effect=sum(s.agreed == "effect" for s in live),
        output=sum(s.agreed == "output" for s in live),
        open=sum(s.agreed is None for s in live),
    )
    blocks.append(Para(summary))
    for agreed, key in (("effect", "effect"), ("output", "output"), (None, "unclassified")):
        blocks.append(Heading(3, ctx.t(f"statements.{key}")))
        chosen = [s for s in live if s.agreed == agreed]
        blocks.append(_statement_table(ctx, chosen) if chosen else Para(ctx.t("none")))
    blocks += _disputed(ctx, live)
    blocks += _statement_split(ctx)
    removed = len(state.statements) - len(live)
    if removed:
        blocks.append(Para(ctx.t("statements.removed", count=removed), quiet=True))
    return blocks


def _statement_table(ctx: Ctx, statements: list[p.StatementView]) -> Table:
    named = not ctx.state.info.anonymous
    keys = ("statement", "text", "tag_output", "tag_effect")
    header = [ctx.t(f"statements.{x}") for x in keys]
    if named:
        header.append(ctx.t("statements.author"))
    rows: list[tuple[str, ...]] = []
    for s in statements:
        row = [s.id, s.text or "", str(s.tally["output"]), str(s.tally["effect"])]
        if named:
            row.append(ctx.name(ctx.state.statements[s.id].author) or "")
        rows.append(tuple(row))
    return Table(tuple(header), tuple(rows), frozenset({2, 3}))


def _disputed(ctx: Ctx, live: list[p.StatementView]) -> list[Block]:
    still = [s for s in live if s.agreed is None and views.disputed(s)]
    items = tuple(
        ctx.t(
            "statements.disputed_item",
            id=s.id,
            text=s.text or "",
            output=s.tally["output"],
            effect=s.tally["effect"],
        )
        for s in still
    )
    return [
        Heading(3, ctx.t("statements.disputed")),
        Para(ctx.t("statements.disputed_rule"), quiet=True),
        Bullets(items) if items else Para(ctx.t("none")),
    ]


def _statement_split(ctx: Ctx) -> list[Block]:
    """Shown only once the session is closed. Tags have no close of their own, as a round
    does, and while people still join and retag, two exports made at different times
    could be subtracted from each other to learn about fewer than k people. A split
    revealed during the session is shown as revealed (`statement_split`), and each row
    has its own groups: a profession is on its own only where k of it tagged."""
    blocks: list[Block] = [Heading(3, ctx.t("statements.by_profession"))]
    if not ctx.state.closed and not ctx.tables:
        return []
    if not ctx.state.closed:
        return [*blocks, Para(ctx.t("statements.split_after_close"), quiet=True)]
    split = statement_split(ctx.state)
    if not ctx.tables:
        # Only the splits the facilitator chose to show the room.
        revealed = {sid for sid, s in ctx.state.statements.items() if s.split}
        split = {sid: row for sid, row in split.items() if sid in revealed}
        if not split:
            return []
    k = max(1, ctx.state.info.k_anonymity)
    if not split:
        return [*blocks, Para(ctx.t("rounds.no_split", k=k), quiet=True)]
    groups = ordered_groups(group for row in split.values() for group in row)
    header = (
        ctx.t("statements.statement"),
        *(ctx.t("statements.split_head", group=ctx.group_label(g)) for g in groups),
    )

    def cell(row: dict[str, tuple[int, int]], group: str) -> str:
        if group not in row:
            return FOLDED
        output, effect = row[group]
        return ctx.t("statements.split_cell", output=output, effect=effect)

    rows = tuple((sid, *(cell(row, g) for g in groups)) for sid, row in split.items())
    table = Table(header, rows, frozenset(range(1, len(header))))
    return [*blocks, Para(ctx.t("statements.split_rule", k=k), quiet=True), table]
