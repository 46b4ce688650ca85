"""The method's guidance as words for this session: the phase's instruction (the
facilitator's own, else the default written from the method). Pure: screens, notices
and tests read it the same way."""

from __future__ import annotations

from kerne_tui.locale import Strings
from kerne_tui.state import View
from kerne_tui.text import plain


def instruction_text(t: Strings, view: View) -> str:
    """The instruction for the session's phase as everyone reads it now."""
    session = view.snapshot.session
    own = session.instructions.get(session.phase)
    return plain(own).plain if own else t("instruction." + session.phase)
