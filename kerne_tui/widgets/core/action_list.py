"""Decisions and next steps, as everyone sees them: what, who, by when, where, status.
Hidden while there are none, so a meeting that records none looks as before; one that
was dropped is taken off the list, and a count says how many were."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive

from kerne_tui.dates import shown_date
from kerne_tui.locale import Strings
from kerne_tui.roles import may_follow_up
from kerne_tui.state import View
from kerne_tui.text import plain
from kerne_tui.widgets.steady import SteadyStatic
from server import protocol as p


def action_line(t: Strings, action_kind: str, what: str, facts: list[str], status: str) -> Text:
    line = Text(f"{t(f'actions.{action_kind}')}: ", style="bold")
    line.append_text(plain(what))
    if facts:
        line.append("  (")
        line.append_text(plain(", ".join(facts)))
        line.append(")")
    if shows_status(action_kind, status):
        line.append(f"  [{t(f'actions.status.{status}')}]", style="italic")
    return line


def shows_status(action_kind: str, status: str) -> bool:
    """A decision is made, not started: its status is said once it is followed up."""
    return not (action_kind == "decision" and status == "open")


def facts(t: Strings, action: p.ActionView) -> list[str]:
    """Who, by when (the Danish way), in which forum: those that are known."""
    known = [action.who] if action.who else []
    if action.due:
        known.append(t("conflicts.due", date=shown_date(action.due)))
    if action.forum:
        known.append(t(f"actions.forum.{action.forum}"))
    return known


def action_label(t: Strings, action: p.ActionView) -> Text:
    """One action as a follow-up list offers it."""
    return action_line(t, action.kind, action.what, facts(t, action), action.status)


class ActionList(SteadyStatic):
    """Never markup, whoever typed the words."""

    view: reactive[View | None] = reactive(None, always_update=True, repaint=False)
    """The session as this person sees it (bound to the area's)."""

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self.t = t

    def watch_view(self, view: View | None) -> None:
        if view is None:
            return
        t = self.t
        actions = view.snapshot.actions
        self.display = bool(actions)
        if not actions:
            return
        text = Text(t("actions.title"), style="bold underline")
        if may_follow_up(view):  # the key is off the footer: say it here
            text.append("  " + t("actions.hint"), style="dim")
        for action in actions:
            if action.status == "dropped":
                continue
            text.append("\n")
            text.append_text(
                action_line(t, action.kind, action.what, facts(t, action), action.status)
            )
            if action.notes:
                text.append("\n    ")
                text.append_text(plain(t("conflicts.note", text=action.notes[-1]), style="dim"))
        dropped = sum(a.status == "dropped" for a in actions)
        if dropped:
            text.append("\n" + t("actions.dropped", n=dropped), style="dim italic")
        self.update_text(text)
