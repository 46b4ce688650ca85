"""Decisions and next steps, management's endorsement, and the follow-up after the close.

Decisions and next steps are what a manager acts on, so they are told by their words,
owner, date and forum, never by id. The endorsement line is always printed: filled in
when management endorsed the minutes in kerne, otherwise a line to sign on paper.
"""

from __future__ import annotations

from typing import assert_never

from server import events as ev
from server.export.blocks import Block, Bullets, Heading, Para, Table
from server.export.context import Ctx
from server.export.history import FollowUp
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
    line = ctx.t("endorse.blank") if endorsed is None else _endorsed(ctx, *endorsed)
    return [Heading(2, ctx.t("section.endorsement")), Para(line)]


def _endorsed(ctx: Ctx, by: str, on: str) -> str:
    """Who endorsed and on which day. A name with a title after a comma ("Lise Holm,
    skoleleder") is an apposition, which Danish and English both close with a comma."""
    key = "endorse.done_titled" if "," in by else "endorse.done"
    return ctx.t(key, by=by, date=ctx.day(on))


def follow_up(ctx: Ctx) -> list[Block]:
    """What changed after the session was reopened for follow-up, each with its time."""
    reopened = ctx.history.reopened_at
    if reopened is None:
        return []
    opened = ctx.t("followup.reopened", date=ctx.date(reopened), time=ctx.clock(reopened))
    lines = tuple(
        ctx.t("followup.item", date=ctx.date(at), time=ctx.clock(at), change=_change(ctx, change))
        for at, change in ctx.history.follow_ups
    )
    blocks: list[Block] = [Heading(2, ctx.t("section.followup")), Para(opened)]
    return [*blocks, Bullets(lines)] if lines else blocks


def _conflict_title(ctx: Ctx, conflict_id: str) -> str:
    conflict = ctx.state.conflicts.get(conflict_id)
    if conflict is None or conflict.title is None:
        return ctx.t("followup.removed")
    return conflict.title


def _change(ctx: Ctx, change: FollowUp) -> str:
    """One follow-up change as a sentence: what it is about, then what changed."""
    match change:
        case ev.ActionUpdated():
            return _listed(
                ctx, ctx.state.follow.actions[change.action_id].what, _action(ctx, change)
            )
        case ev.ConflictUpdated(conflict_id=conflict_id, status=status, note=note):
            parts = [ctx.t("change.status", status=ctx.t(f"status.{status}"))] if status else []
            parts += [ctx.t("change.note", note=note)] if note is not None else []
            return _listed(ctx, _conflict_title(ctx, conflict_id), parts)
        case ev.ConflictFollowed(conflict_id=conflict_id):
            return _listed(ctx, _conflict_title(ctx, conflict_id), _followed(ctx, change))
        case ev.Endorsed(by=by, on=on):
            return _endorsed(ctx, by, on)
        case ev.SummarySet(field=summary, text=text):
            key = "section.everyday" if summary == "everyday" else "above.contribution"
            return _listed(ctx, ctx.t(key), [ctx.t("change.text", text=text)])
        case ev.DilemmaEdited(conflict_id=conflict_id):
            return _listed(ctx, _conflict_title(ctx, conflict_id), [ctx.t("change.edited")])
        case _:
            assert_never(change)


def _listed(ctx: Ctx, subject: str, parts: list[str]) -> str:
    """The subject and its changes; a change that changed nothing still reads as one."""
    changes = "; ".join(parts) if parts else ctx.t("change.none")
    return ctx.t("followup.change", subject=subject, changes=changes)


def _action(ctx: Ctx, data: ev.ActionUpdated) -> list[str]:
    parts: list[str] = []
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
    return parts


def _followed(ctx: Ctx, data: ev.ConflictFollowed) -> list[str]:
    parts: list[str] = []
    if data.owner is not None:
        parts.append(ctx.t("change.who", who=data.owner))
    if data.due is not None:
        parts.append(ctx.t("change.due", date=ctx.day(data.due)))
    if data.forum is not None:
        parts.append(ctx.t("change.forum", forum=ctx.t(f"forum.{data.forum}")))
    if data.above is not None:
        parts.append(ctx.t("change.above" if data.above else "change.not_above"))
    return parts
