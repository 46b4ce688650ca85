"""The facilitator's menu and the small dialogs behind it.

The menu is a plain list (arrows and Enter, or a click): each entry leads to one short
question, and the answer is one command. None of these screens talks to the server; the
session screen sends what they return.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label

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


class RoundDialog(ModalScreen[p.OpenRound | None]):
    """Open a voting round: how many dots, and whether it is blind."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, t: Strings) -> None:
        super().__init__()
        self.t = t

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog"):
            yield Label(t("menu.round"), classes="dialog-title")
            yield Label(t("menu.round_dots"))
            yield Input(value="3", type="integer", max_length=2, id="dots")
            yield Checkbox(t("menu.round_blind"), value=True, id="blind")
            yield Label(Text(""), id="problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button(t("menu.round_open"), variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.submit()
        else:
            self.dismiss(None)

    def submit(self) -> None:
        dots = self.query_one("#dots", Input).value
        if not dots.isdigit() or not 1 <= int(dots) <= 10:
            self.query_one("#problem", Label).update(Text("1-10"))
            return
        self.dismiss(p.OpenRound(PENDING, int(dots), self.query_one("#blind", Checkbox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class TimerDialog(ModalScreen[p.StartTimer | None]):
    """A timer of any length (1 to 120 minutes), with an optional label."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, t: Strings) -> None:
        super().__init__()
        self.t = t

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog"):
            yield Label(t("menu.timer"), classes="dialog-title")
            yield Label(t("menu.timer_custom"))
            yield Input(value="5", type="integer", max_length=3, id="minutes")
            yield Label(t("menu.timer_label"))
            yield Input(max_length=p.LIMITS["label"], id="label")
            yield Label(Text(""), id="problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button(t("menu.timer_start"), variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.submit()
        else:
            self.dismiss(None)

    def submit(self) -> None:
        minutes = self.query_one("#minutes", Input).value
        if not minutes.isdigit() or not 1 <= int(minutes) <= 120:
            self.query_one("#problem", Label).update(Text("1-120"))
            return
        label = self.query_one("#label", Input).value.strip() or None
        self.dismiss(p.StartTimer(PENDING, int(minutes) * 60, label))

    def action_cancel(self) -> None:
        self.dismiss(None)
