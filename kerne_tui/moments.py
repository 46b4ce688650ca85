"""The moments of the room that nobody may miss, said as what to do now.

A round opening, a round closing, a timer running out, a phase change and the meeting
closing or reopening for follow-up reach every screen as a notice, whichever area the
person is looking at. Pure: the text is decided from the view (after the event was
folded) and the event; the app shows it and rings.
"""

from __future__ import annotations

from dataclasses import dataclass

from kerne_tui.guidance import instruction_text
from kerne_tui.locale import Strings
from kerne_tui.state import View
from kerne_tui.text import plain
from server import public_events as pe


@dataclass(frozen=True)
class Moment:
    """A notice for everyone; `loud` ones also ring the terminal's bell."""

    text: str
    loud: bool = True


def moment(t: Strings, view: View, data: pe.PublicData | None, actor: str | None) -> Moment | None:
    """What this person is told about one event, or None for an ordinary one. The one who
    caused it (the facilitator opening a round) is not told what they just did."""
    if actor is not None and actor == view.me.id:
        return None
    match data:
        case pe.RoundOpenedView(round=rnd):
            if not view.may_vote:
                return Moment(t("moment.round_open_watch", number=rnd.number))
            key = "moment.round_open_blind" if rnd.blind else "moment.round_open"
            return Moment(t(key, number=rnd.number, dots=t.n("count.dots", rnd.dots)))
        case pe.RoundClosedView(round=rnd):
            return Moment(t("moment.round_closed", number=rnd.number, voters=rnd.voters))
        case pe.PhaseChangedView(phase=phase):
            instruction = instruction_text(t, view)
            return Moment(
                t("moment.phase_instruction", phase=t("phase." + phase), instruction=instruction)
            )
        case pe.InstructionSetView(phase=phase):
            if phase != view.snapshot.session.phase:
                return None
            return Moment(t("moment.instruction", instruction=instruction_text(t, view)), False)
        case pe.SessionClosedView():
            return Moment(t("notice.closed"))
        case pe.SessionReopenedView():
            return Moment(t("notice.reopened"))
        case pe.TaggingSetView(blind=blind):
            # Quiet: it changes how one tags, not what the room does now.
            return Moment(t("moment.tags_hidden" if blind else "moment.tags_shown"), False)
        case _:
            return None


def timer_out(t: Strings, label: str | None) -> Moment:
    """The facilitator's countdown reached zero."""
    if label:
        return Moment(t("moment.timer_out_label", label=plain(label).plain))
    return Moment(t("moment.timer_out"))
