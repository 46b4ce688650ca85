"""Which keys the client offers follows the protocol's own role rule (pure, no I/O)."""

from __future__ import annotations

from kerne_tui.roles import may_send
from kerne_tui.state import View
from server import protocol as p

NURSE = "Sygeplejerske"


def view_of(role: p.Role, *, closed: bool = False) -> View:
    """Mette's view of a nursing home's session, in the given role."""
    me = p.ParticipantView("p1", "Mette", None if role == "observer" else NURSE, role, True)
    session = p.SessionView(
        code="K7QXM2PA",
        title="Plejehjemmet Solbakken: vores kerneopgave",
        level="institution",
        parent_task=None,
        professions=[NURSE, "Social- og sundhedsassistent"],
        phase="drafts",
        settings=p.Settings(),
        closed=closed,
    )
    snapshot = p.Snapshot(session, [me], [], [], [], [], [], None)
    return View(me, snapshot, p.Mine(), seq=1)


def test_participant_may_write_but_not_steer() -> None:
    """A participant proposes drafts and records conflicts, but never makes a draft final."""
    view = view_of("participant")
    assert may_send(view, p.ProposeDraft) and may_send(view, p.RecordConflict)
    assert not may_send(view, p.FinalizeDraft)
    assert not may_send(view, p.SetPhase) and not may_send(view, p.RemoveItem)


def test_facilitator_may_send_every_command() -> None:
    """The facilitator steers: every command of the protocol is open to them."""
    view = view_of("facilitator")
    assert all(may_send(view, command) for command in p.COMMAND_TYPES.values())


def test_observer_sends_nothing() -> None:
    """An observer watches: not even a draft."""
    view = view_of("observer")
    assert not any(may_send(view, command) for command in p.COMMAND_TYPES.values())


def test_closed_session_takes_nothing_from_anyone() -> None:
    """Once closed, the session is read-only, for the facilitator too."""
    view = view_of("facilitator", closed=True)
    assert not any(may_send(view, command) for command in p.COMMAND_TYPES.values())


def test_reopened_for_follow_up_takes_exactly_the_follow_up_commands() -> None:
    """Closed and reopened: the keys for statuses and notes of conflicts and actions work
    again, for participants too; nothing else, and nothing for an observer."""
    for role in ("facilitator", "participant"):
        view = view_of(role, closed=True)
        view.snapshot.follow = p.FollowView(reopened=True)
        allowed = {tag for tag, command in p.COMMAND_TYPES.items() if may_send(view, command)}
        for_the_role = {
            x for x in p.FOLLOW_UP_COMMANDS if role == "facilitator" or x not in p.FACILITATOR_ONLY
        }
        assert allowed == for_the_role and "update_action" in allowed, role
    watcher = view_of("observer", closed=True)
    watcher.snapshot.follow = p.FollowView(reopened=True)
    assert not any(may_send(watcher, command) for command in p.COMMAND_TYPES.values())
