"""Decisions and next steps, management's endorsement, and the follow-up after the close.

Decisions and next steps are what a manager acts on, so they are told by their words,
owner, date and forum, never by id. The endorsement line is always printed: filled in
when management endorsed the minutes in kerne, otherwise a line to sign on paper.
"""

from __future__ import annotations

from server import events as ev
from server import model
from server.export.blocks import Block, Bullets, Heading, Para, Table
from server.export.context import Ctx
from server.followup import Action


def _action_row(ctx: Ctx, action: Action) -> tuple[str, ...]:
    return (
        action.what,
        action.who,
        ctx.day(action.due) if action.due else "",
        ctx.t(f"forum.{action.forum}") if action.forum else "",
        ctx.t(f"action.{action.status}"),
    )


def actions(ctx: Ctx) -> list[Block]:
    listed = list(ctx.state.follow.actions.values())
    if not listed:
        return []
    blocks: list[Block] = [Heading(2, ctx.t("section.actions"))]
    header = tuple(ctx.t(f"actions.{x}") for x in ("what", "who", "due", "forum", "status"))
    for kind, title in (("decision", "actions.decisions"), ("action", "actions.steps")):
        rows = tuple(_action_row(ctx, a) for a in listed if a.kind == kind)
        if rows:
            blocks += [Heading(3, ctx.t(title)), Table(header, rows)]
    notes = [(a.what, note) for a in listed for note in a.notes]
    if notes:
        items = tuple(ctx.t("actions.note", what=what, note=note) for what, note in notes)
        blocks += [Heading(3, ctx.t("actions.notes")), Bullets(items)]
    return blocks


def endorsement(ctx: Ctx) -> list[Block]:
    endorsed = ctx.state.follow.endorsement
    if endorsed is None:
        line = ctx.t("endorse.blank")
    else:
        by, on = endorsed
        line = ctx.t("endorse.done", by=by, date=ctx.day(on))
    return [Heading(2, ctx.t("section.endorsement")), Para(line)]


def follow_up(ctx: Ctx) -> list[Block]:
    """What changed after the session was reopened for follow-up, each with its time."""
    reopened = ctx.history.reopened_at
    if reopened is None:
        return []
    opened = ctx.t("followup.reopened", date=ctx.date(reopened), time=ctx.clock(reopened))
    lines = tuple(
        ctx.t("followup.item", date=ctx.date(at), time=ctx.clock(at), change=_change(ctx, event))
        for at, event in ctx.history.follow_ups
    )
    blocks: list[Block] = [Heading(2, ctx.t("section.followup")), Para(opened)]
    return [*blocks, Bullets(lines)] if lines else blocks


def _conflict_title(ctx: Ctx, conflict_id: str) -> str:
    conflict = ctx.state.conflicts.get(conflict_id)
    if conflict is None or conflict.title is None:
        return ctx.t("followup.removed")
    return conflict.title


def _change(ctx: Ctx, event: model.Event) -> str:
    """One follow-up change in words: what it is about, then what changed."""
    data = event.data
    parts: list[str] = []
    if isinstance(data, ev.ActionUpdated):
        subject = ctx.state.follow.actions[data.action_id].what
        if data.status is not None:
            parts.append(ctx.t("change.status", status=ctx.t(f"action.{data.status}")))
        if data.who is not None:
            parts.append(ctx.t("change.who", who=data.who))
        if data.due is not None:
            parts.append(ctx.t("change.due", date=ctx.day(data.due)))
        if data.forum is not None:
            parts.append(ctx.t("change.forum", forum=ctx.t(f"forum.{data.forum}")))
        if data.note is not None:
            parts.append(ctx.t("change.note", note=data.note))
    elif isinstance(data, ev.ConflictUpdated):
        subject = _conflict_title(ctx, data.conflict_id)
        if data.status is not None:
            parts.append(ctx.t("change.status", status=ctx.t(f"status.{data.status}")))
        if data.note is not None:
            parts.append(ctx.t("change.note", note=data.note))
    elif isinstance(data, ev.ConflictFollowed):
        subject = _conflict_title(ctx, data.conflict_id)
        if data.owner is not None:
            parts.append(ctx.t("change.who", who=data.owner))
        if data.due is not None:
            parts.append(ctx.t("change.due", date=ctx.day(data.due)))
        if data.forum is not None:
            parts.append(ctx.t("change.forum", forum=ctx.t(f"forum.{data.forum}")))
        if data.above is not None:
            parts.append(ctx.t("change.above" if data.above else "change.not_above"))
    else:
        subject = ctx.t("followup.other")
    return ctx.t("followup.change", subject=subject, changes="; ".join(parts))
