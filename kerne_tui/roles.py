"""Who may send what: the protocol's role rules, read against this client's view.

The server decides; the client only hides the keys it would refuse, so both must read
the same rule (`protocol.FACILITATOR_ONLY`), never a copy of it.
"""

from __future__ import annotations

from kerne_tui.state import View
from server import protocol as p


def may_send(view: View, command: type[p.Command]) -> bool:
    """Whether this person's role lets them send `command` now (rules about one item,
    such as whose draft it is, and about voting, come on top)."""
    tag = command.__struct_config__.tag
    if view.snapshot.follow.reopened and view.me.role != "observer":
        # Closed, then reopened for follow-up (from the facilitator's menu): exactly the
        # follow-up commands, statuses and notes of conflicts and actions (and the
        # facilitator's endorsement line).
        allowed = view.is_facilitator or tag not in p.FACILITATOR_ONLY
        return tag in p.FOLLOW_UP_COMMANDS and allowed
    if not view.may_write:  # an observer, or a closed session
        return False
    return view.is_facilitator or tag not in p.FACILITATOR_ONLY


def may_follow_up(view: View) -> bool:
    """Decisions, next steps and who follows a conflict up (the server's
    `followup.may_follow_up`): the facilitator at any time, anyone from the wrap-up on
    and in the follow-up after the close; never an observer."""
    if view.me.role == "observer":
        return False
    reopened = view.snapshot.follow.reopened
    if view.snapshot.session.closed and not reopened:
        return False
    return view.is_facilitator or view.snapshot.session.phase == "wrapup" or reopened
