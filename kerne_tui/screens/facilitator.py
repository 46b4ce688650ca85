"""The facilitator's menu and the small dialogs behind it.

The menu is a plain list (arrows and Enter, or a click): each entry leads to one short
question, and the answer is one command. None of these screens talks to the server; the
session screen sends what they return.
"""

from __future__ import annotations

from kerne_tui.locale import Strings
from kerne_tui.state import View
from server import protocol as p

TIMER_PRESETS = (2, 5, 10, 15, 20, 30)
PENDING = "pending"  # replaced by a fresh command id when sent


def menu_entries(t: Strings, view: View) -> list[tuple[str, str]]:
    """The facilitator's choices right now, as (action, label) pairs."""
    session = view.snapshot.session
    if session.closed:
        return [("export", t("menu.export") + "…")]
    entries = [
        ("phase", t("menu.phase", phase=t("phase." + session.phase))),
        ("timer", t("menu.timer")),
    ]
    if view.snapshot.timer is not None:
        entries.append(("timer_stop", t("menu.timer_stop")))
    if view.open_round is None:
        entries.append(("round_open", t("menu.round_open")))
    else:
        entries.append(("round_close", t("menu.round_close")))
    entries.append(("export", t("menu.export") + "…"))
    if not session.closed:
        entries.append(("close_session", t("menu.close_session")))
    return entries


def export_entries(t: Strings) -> list[tuple[str, str]]:
    return [(fmt, t(f"export.{fmt}")) for fmt in ("md", "html", "json", "csv")]


def phase_entries(t: Strings) -> list[tuple[str, str]]:
    return [(phase, f"{i}. {t('phase.' + phase)}") for i, phase in enumerate(p.PHASES, 1)]


def timer_entries(t: Strings) -> list[tuple[str, str]]:
    entries = [(str(n * 60), t("menu.timer_minutes", n=n)) for n in TIMER_PRESETS]
    return [*entries, ("custom", t("menu.timer_custom") + "…")]
