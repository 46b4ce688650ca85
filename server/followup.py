"""What a session keeps for after the meeting: decisions and next steps, what the core
task means in everyday work, how the unit contributes to the level above, management's
endorsement, and whether a closed session was opened again for follow-up.

Pure rules over plain data, beside `model` (which holds a `Follow` in its state and
routes the commands here). A refusal is `Refused` with the protocol's code; `model`
turns it into its `DomainError`, so this module needs nothing from `model`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from server import protocol as p
from server.events import ActionAdded, ActionUpdated, Endorsed, SessionReopened, SummarySet

MAX_ACTIONS = 200  # per session: every welcome carries them all
MAX_ACTION_NOTES = 100


class Refused(Exception):
    """A follow-up command the rules refuse; `code` is the protocol's error code."""

    def __init__(self, code: p.ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code: p.ErrorCode = code
        self.message = message


@dataclass
class Action:
    id: str
    kind: p.ActionKind
    what: str
    who: str
    due: str | None
    forum: p.Forum | None
    author: str | None
    status: p.ActionStatus = "open"
    notes: list[str] = field(default_factory=list)


@dataclass
class Dilemma:
    """What a conflict holds beyond its title and text: its kind, two sides, follow-up."""

    kind: p.ConflictKind | None = None
    side_a: str = ""
    side_b: str = ""
    owner: str = ""
    forum: p.Forum | None = None
    due: str | None = None
    above: bool = False
    edits: int = 0


@dataclass
class Follow:
    actions: dict[str, Action] = field(default_factory=dict)
    everyday: str | None = None
    contribution: str | None = None
    endorsement: tuple[str, str] | None = None  # by whom, on which day
    reopened: bool = False
    follows: tuple[str, str] | None = None  # the earlier session's title and when it was held


def check_closed(closed: bool, reopened: bool, kind: str) -> None:
    """A closed session takes only the reopening, and once reopened only the follow-up
    commands: what was decided, voted and tagged stays as it was at the close."""
    if not closed or kind == "reopen_for_follow_up":
        return  # whether there is anything to reopen is `decide_reopen`'s to say
    if reopened and kind in p.FOLLOW_UP_COMMANDS:
        return
    if reopened:
        raise Refused(
            "session_closed",
            "the session is open for follow-up only: statuses and notes of conflicts and actions",
        )
    raise Refused("session_closed", "the session is closed; it is read-only now")


def may_follow_up(role: p.Role, phase: p.Phase, follow: Follow) -> None:
    """Decisions and next steps, and who follows a conflict up: the facilitator at any
    time, anyone in the wrap-up and in the follow-up after the close."""
    if role != "facilitator" and phase != "wrapup" and not follow.reopened:
        raise Refused(
            "forbidden", "decisions and next steps are added in the wrap-up, or by the facilitator"
        )


def decide_action(
    follow: Follow, role: p.Role, phase: p.Phase, command: p.AddAction | p.UpdateAction
) -> ActionAdded | ActionUpdated:
    may_follow_up(role, phase, follow)
    if isinstance(command, p.AddAction):
        if len(follow.actions) >= MAX_ACTIONS:
            raise Refused("invalid_state", f"this session holds at most {MAX_ACTIONS} actions")
        action_id = f"a{len(follow.actions) + 1}"
        return ActionAdded(
            action_id, command.kind, command.what, command.who, command.due, command.forum
        )
    action = follow.actions.get(command.action_id)
    if action is None:
        raise Refused("not_found", f"no action {command.action_id!r} in this session")
    if command.note is not None and len(action.notes) >= MAX_ACTION_NOTES:
        raise Refused("invalid_state", f"an action holds at most {MAX_ACTION_NOTES} notes")
    return ActionUpdated(
        command.action_id, command.status, command.note, command.who, command.due, command.forum
    )


def decide_reopen(closed: bool, reopened: bool) -> SessionReopened:
    if not closed:
        raise Refused("invalid_state", "the session is open; there is nothing to reopen")
    if reopened:
        raise Refused("invalid_state", "the session is already open for follow-up")
    return SessionReopened()


def decide_summary(command: p.SetSummary) -> SummarySet:
    return SummarySet(command.field, command.text)


def decide_endorse(command: p.Endorse, now: str) -> Endorsed:
    """Endorsed on the day given, or else on the day it is recorded (UTC date of `now`)."""
    return Endorsed(command.by, command.on or now[:10])


def apply_action(follow: Follow, data: ActionAdded | ActionUpdated, author: str | None) -> None:
    if isinstance(data, ActionAdded):
        follow.actions[data.action_id] = Action(
            data.action_id, data.kind, data.what, data.who, data.due, data.forum, author
        )
        return
    action = follow.actions[data.action_id]
    if data.status is not None:
        action.status = data.status
    if data.note is not None:
        action.notes.append(data.note)
    if data.who is not None:
        action.who = data.who
    if data.due is not None:
        action.due = data.due
    if data.forum is not None:
        action.forum = data.forum


def apply_summary(follow: Follow, data: SummarySet) -> None:
    text = data.text or None
    if data.field == "everyday":
        follow.everyday = text
    else:
        follow.contribution = text


def action_view(action: Action) -> p.ActionView:
    return p.ActionView(
        id=action.id,
        kind=action.kind,
        what=action.what,
        who=action.who,
        due=action.due,
        forum=action.forum,
        status=action.status,
        notes=list(action.notes),
    )


def follow_view(follow: Follow) -> p.FollowView:
    endorsement = None
    if follow.endorsement is not None:
        endorsement = p.EndorsementView(*follow.endorsement)
    title, held_on = follow.follows or (None, None)
    return p.FollowView(
        follow.everyday, follow.contribution, endorsement, follow.reopened, title, held_on
    )
