"""The facilitator's menu and the short questions behind it (phase, timer, round, close,
export). Each answer is one intent; the session screen's keys open these directly too.

It draws nothing: it is a widget so that what it posts bubbles up to the app like the
areas' intents do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, assert_never

from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from kerne_tui.guidance import instruction_text
from kerne_tui.intent import PENDING, Intent, ask
from kerne_tui.locale import Strings
from kerne_tui.screens.choice import Choice
from kerne_tui.screens.confirm import Confirm
from kerne_tui.screens.round_dialog import RoundDialog
from kerne_tui.screens.text_prompt import TextPrompt
from kerne_tui.screens.timer_dialog import TimerDialog
from kerne_tui.state import View
from server import protocol as p

TIMER_PRESETS = (2, 5, 10, 15, 20, 30)

MenuEntry = Literal[
    "phase",
    "timer",
    "timer_stop",
    "round_open",
    "round_close",
    "export",
    "close_session",
    "instruction",
]


def menu_entries(t: Strings, view: View) -> list[tuple[MenuEntry, str]]:
    """The facilitator's choices right now, as (entry, label) pairs."""
    session = view.snapshot.session
    if session.closed:
        return [("export", t("menu.export") + "…")]
    entries: list[tuple[MenuEntry, str]] = [
        ("phase", t("menu.phase", phase=t("phase." + session.phase))),
        ("timer", t("menu.timer")),
    ]
    if view.snapshot.timer is not None:
        entries.append(("timer_stop", t("menu.timer_stop")))
    if view.open_round is None:
        entries.append(("round_open", t("menu.round_open")))
    else:
        entries.append(("round_close", t("menu.round_close")))
    entries.append(("instruction", t("menu.instruction") + "…"))
    entries.append(("export", t("menu.export") + "…"))
    entries.append(("close_session", t("menu.close_session")))
    return entries


def export_entries(t: Strings) -> list[tuple[p.ExportFormat, str]]:
    return [(fmt, t(f"export.{fmt}")) for fmt in p.EXPORT_FORMATS]


def phase_entries(t: Strings) -> list[tuple[p.Phase, str]]:
    return [(phase, f"{i}. {t('phase.' + phase)}") for i, phase in enumerate(p.PHASES, 1)]


def timer_entries(t: Strings) -> list[tuple[str, str]]:
    """Preset lengths in seconds, and `custom` for any other."""
    entries = [(str(n * 60), t("menu.timer_minutes", n=n)) for n in TIMER_PRESETS]
    return [*entries, ("custom", t("menu.timer_custom") + "…")]


class FacilitatorMenu(Widget):
    """Opened by the session screen's keys (m, and r, t, p, [ and ] directly)."""

    DEFAULT_CSS = "FacilitatorMenu { display: none; }"

    view: reactive[View | None] = reactive(None, always_update=True, repaint=False)
    """The session as the facilitator sees it (bound to the screen's)."""

    @dataclass
    class PhaseSet(Intent):
        phase: p.Phase

        @property
        def command(self) -> p.SetPhase:
            return p.SetPhase(PENDING, self.phase)

    @dataclass
    class TimerStarted(Intent):
        seconds: int
        label: str | None = None

        @property
        def command(self) -> p.StartTimer:
            return p.StartTimer(PENDING, self.seconds, self.label)

    @dataclass
    class TimerStopped(Intent):
        @property
        def command(self) -> p.StopTimer:
            return p.StopTimer(PENDING)

    @dataclass
    class RoundOpened(Intent):
        dots: int
        blind: bool

        @property
        def command(self) -> p.OpenRound:
            return p.OpenRound(PENDING, self.dots, self.blind)

    @dataclass
    class RoundClosed(Intent):
        """Closing the round reveals its result to everyone."""

        @property
        def command(self) -> p.CloseRound:
            return p.CloseRound(PENDING)

    @dataclass
    class SessionClosed(Intent):
        """From now on the session is read-only, for everyone."""

        @property
        def command(self) -> p.CloseSession:
            return p.CloseSession(PENDING)

    @dataclass
    class InstructionSet(Intent):
        """The phase's instruction on every screen; empty gives back the default."""

        phase: p.Phase
        text: str

        @property
        def command(self) -> p.SetInstruction:
            return p.SetInstruction(PENDING, self.phase, self.text)

    @dataclass
    class ExportRequested(Message):
        """The minutes or the data as a file on this machine: a request, not a command."""

        format: p.ExportFormat

    def __init__(self, t: Strings) -> None:
        super().__init__()
        self.t = t

    def open(self) -> None:
        """The list of everything that steers the session."""
        if self.view is not None:
            choice = Choice(self.t("menu.title"), menu_entries(self.t, self.view))
            self.app.push_screen(choice, self._chosen)

    def _chosen(self, entry: MenuEntry | None) -> None:
        match entry:
            case None:
                pass
            case "phase":
                self.phase()
            case "timer":
                self.timer()
            case "timer_stop":
                self.post_message(self.TimerStopped())
            case "round_open" | "round_close":
                self.round()
            case "export":
                self.export()
            case "close_session":
                self.close_session()
            case "instruction":
                self.instruction()
            case _:
                assert_never(entry)

    def phase(self) -> None:
        if self.view is not None:
            current = self.view.snapshot.session.phase
            choice = Choice(self.t("menu.title"), phase_entries(self.t), current)
            ask(self, choice, self.PhaseSet)

    def instruction(self) -> None:
        """Rewrite what every screen says the room does in this phase."""
        if self.view is None:
            return
        t, phase = self.t, self.view.snapshot.session.phase
        prompt = TextPrompt(
            t,
            t("dialog.instruction", phase=t("phase." + phase)),
            limit=p.LIMITS["instruction"],
            value=instruction_text(t, self.view),
            hint=t("dialog.instruction_hint"),
            allow_empty=True,
            action=t("action.instruction"),
        )
        ask(self, prompt, lambda text: self.InstructionSet(phase, text))

    def step_phase(self, step: int) -> None:
        """The next (or previous) phase, without a question."""
        if self.view is None:
            return
        index = p.PHASES.index(self.view.snapshot.session.phase) + step
        if 0 <= index < len(p.PHASES):
            self.post_message(self.PhaseSet(p.PHASES[index]))

    def timer(self) -> None:
        def chosen(length: str | None) -> None:
            if length == "custom":
                dialog = TimerDialog(self.t)
                ask(self, dialog, lambda timer: self.TimerStarted(timer.seconds, timer.label))
            elif length is not None:
                self.post_message(self.TimerStarted(int(length)))

        self.app.push_screen(Choice(self.t("menu.timer"), timer_entries(self.t)), chosen)

    def round(self) -> None:
        """Open a round, or (when one is open) close it and reveal the result."""
        if self.view is None:
            return
        if self.view.open_round is None:
            ask(self, RoundDialog(self.t), lambda new: self.RoundOpened(new.dots, new.blind))
        else:
            question = Confirm(self.t, self.t("menu.confirm_round"), self.t("action.close_round"))
            ask(self, question, lambda _: self.RoundClosed())

    def export(self) -> None:
        ask(self, Choice(self.t("menu.export"), export_entries(self.t)), self.ExportRequested)

    def close_session(self) -> None:
        question = Confirm(self.t, self.t("menu.confirm_close"), self.t("action.close_session"))
        ask(self, question, lambda _: self.SessionClosed())
