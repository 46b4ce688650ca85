"""The session screen: header, participants, and the areas (core task, statements,
conflicts, and the facilitator's lens), each one key away.

It composes and routes: the app's state flows down by data binding, what people ask
for bubbles up from the areas to the app as intents, and the screen itself only moves
between the areas and follows the room.
"""

from __future__ import annotations

from typing import ClassVar, Final

from textual import events
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import TabbedContent, TabPane

from kerne_tui.locale import Strings, localize_bindings
from kerne_tui.messages import LinkStatus
from kerne_tui.roles import may_send
from kerne_tui.screens.conflict_form import ConflictStart
from kerne_tui.screens.help import HelpScreen
from kerne_tui.screens.reveal import RevealScreen
from kerne_tui.state import View
from kerne_tui.widgets.banner import Banner
from kerne_tui.widgets.conflicts.conflict_area import ConflictArea
from kerne_tui.widgets.core.draft_area import DraftArea
from kerne_tui.widgets.facilitator_menu import FacilitatorMenu
from kerne_tui.widgets.header import SessionHeader
from kerne_tui.widgets.instruction import PhaseInstruction
from kerne_tui.widgets.item_area import ItemArea
from kerne_tui.widgets.key_footer import KeyFooter
from kerne_tui.widgets.lens.lens_area import LensArea
from kerne_tui.widgets.people import ParticipantsPanel
from kerne_tui.widgets.statements.statement_area import StatementArea
from server import protocol as p

# The keys that lead to all the others (the facilitator's menu, the help).
FIRST_WHEN_NARROW: Final = frozenset({"menu", "help"})
NARROW: Final = 90  # columns: below this the screen folds its side panel away

# Where each phase sends everyone's screen.
PHASE_AREA: Final[dict[str, str]] = {
    "checkin": "core",
    "statements": "statements",
    "drafts": "core",
    "voting": "core",
    "conflicts": "conflicts",
    "wrapup": "core",
}


class SessionScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "area('core')", "key.core", show=False),
        Binding("2", "area('statements')", "key.statements", show=False),
        Binding("3", "area('conflicts')", "key.conflicts", show=False),
        Binding("4", "area('lens')", "key.lens", show=False),
        Binding("c", "conflict", "key.conflict"),
        Binding("m", "menu", "key.menu"),
        Binding("r", "round", "key.round", show=False),
        Binding("t", "timer", "key.timer", show=False),
        Binding("p", "phase", "key.phase", show=False),
        Binding("i", "instruction", "key.instruction", show=False),
        Binding("right_square_bracket", "phase_next", "key.phase_next", show=False),
        Binding("left_square_bracket", "phase_back", "key.phase_back", show=False),
        Binding("l", "admit_all", "key.admit_all", show=False),
        Binding("question_mark,f1", "help", "key.help"),
        Binding("f12", "app.screenshot", "key.screenshot", show=False),
        Binding("q", "quit", "key.quit"),
    ]
    # What each key sends: whether the role allows it is the protocol's rule.
    SENDS: ClassVar[dict[str, type[p.Command]]] = {
        "conflict": p.RecordConflict,
        "round": p.OpenRound,
        "timer": p.StartTimer,
        "phase": p.SetPhase,
        "phase_next": p.SetPhase,
        "phase_back": p.SetPhase,
        "instruction": p.SetInstruction,
    }

    # State, not pixels: the widgets bound to it draw what changed (a repaint here would
    # repaint the whole screen on every event in the room).
    view: reactive[View | None] = reactive(None, always_update=True, repaint=False)
    """The session as this participant sees it; None until the first welcome."""

    online: reactive[frozenset[str]] = reactive(frozenset(), repaint=False)
    """Ids of the participants connected right now."""

    link: reactive[LinkStatus] = reactive("connecting", repaint=False)
    """The connection's state, for the header."""

    lens: reactive[p.Lens | None] = reactive(None, always_update=True, repaint=False)
    """The facilitator's profession lens, as the server last sent it (None for others)."""

    banner: reactive[str] = reactive("", repaint=False)
    """A warning across the top while the connection is down; empty when all is well."""

    waiting: reactive[tuple[p.WaitingView, ...]] = reactive((), repaint=False)
    """Facilitators only: who waits to be admitted."""

    def __init__(self, t: Strings) -> None:
        super().__init__()
        self.t = t
        # Below NARROW columns the people panel folds away and the footer shortens, so the
        # areas stay usable at 80x24 and readable down to 60x20.
        self.HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]
        self.placed = False  # moved to the phase's area once, when the session first came
        self.chose_area = False  # the person pressed 1-4: placing them must not undo it
        localize_bindings(self, t)

    def compose(self) -> ComposeResult:
        t, screen = self.t, SessionScreen
        yield SessionHeader(t, id="header").data_bind(screen.view, screen.link)
        yield Banner(id="banner").data_bind(text=screen.banner)
        yield PhaseInstruction(t, id="instruction").data_bind(screen.view)
        with Horizontal(id="body"):
            yield ParticipantsPanel(t, id="people").data_bind(
                screen.view, screen.online, screen.waiting
            )
            with TabbedContent(id="areas", initial="core"):
                with TabPane(t("area.core") + " (1)", id="core"):
                    yield DraftArea(t).data_bind(screen.view)
                with TabPane(t("area.statements") + " (2)", id="statements"):
                    yield StatementArea(t).data_bind(screen.view, screen.lens)
                with TabPane(t("area.conflicts") + " (3)", id="conflicts"):
                    yield ConflictArea(t).data_bind(screen.view)
                with TabPane(t("area.lens") + " (4)", id="lens"):
                    yield LensArea(t).data_bind(screen.view, screen.lens)
        yield FacilitatorMenu(t).data_bind(screen.view, screen.waiting)
        yield KeyFooter()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(KeyFooter).compact = event.size.width < NARROW

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys in the footer's order. On a narrow terminal the footer cannot show
        them all, and it shows them from the left: the facilitator's menu and the help
        come first there, so the keys that lead to every other one are never cut off."""
        found = super().active_bindings
        if self.size.width >= NARROW:
            return found
        first = {k: v for k, v in found.items() if v.binding.action in FIRST_WHEN_NARROW}
        return {**first, **{k: v for k, v in found.items() if k not in first}}

    def on_mount(self) -> None:
        self.query_one(TabbedContent).hide_tab("lens")
        self.query_one("#draft-list").focus()

    def watch_view(self, view: View | None) -> None:
        if view is not None and view.is_facilitator:
            self.query_one(TabbedContent).show_tab("lens")
        if view is not None and not self.placed:
            # Someone who joins late starts where the room is working, not on area 1.
            self.placed = True
            # After the next refresh: the tabs may not have taken their initial area yet.
            area = PHASE_AREA.get(view.snapshot.session.phase, "core")
            self.call_after_refresh(self.place, area)
        self.refresh_bindings()

    # --- following the room --------------------------------------------------------

    def follow_phase(self, phase: str) -> None:
        """The facilitator moved on: everyone's screen goes to the matching area."""
        self.show_area(PHASE_AREA.get(phase, "core"))

    def reveal(self, rnd: p.RoundView) -> None:
        if self.view is not None:
            self.app.push_screen(RevealScreen(self.t, self.view, rnd))

    def on_lens_area_suggestion_accepted(self, message: LensArea.SuggestionAccepted) -> None:
        self.query_one(ConflictArea).record(message.start)

    # --- keys ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view, command = self.view, self.SENDS.get(action)
        if command is not None:
            return view is not None and may_send(view, command)
        if action in ("menu", "admit_all") or (action == "area" and parameters == ("lens",)):
            return view is not None and view.is_facilitator
        return True

    def place(self, area: str) -> None:
        """Where someone joining starts, unless they already chose an area themselves."""
        if not self.chose_area:
            self.show_area(area)

    def action_area(self, area: str) -> None:
        self.chose_area = True
        self.show_area(area)

    def show_area(self, area: str) -> None:
        self.query_one(TabbedContent).active = area
        # Focus now, not after a refresh: the next key typed belongs to this area.
        self.set_focus(self.query_one(f"#{area} ItemList"))

    def action_conflict(self) -> None:
        """Record a conflict from anywhere, linked to what is highlighted in this area."""
        active = self.query_one(TabbedContent).active
        here = list(self.query(f"#{active} ItemArea").results(ItemArea))
        self.query_one(ConflictArea).record(here[0].conflict_start() if here else ConflictStart())

    def action_help(self) -> None:
        sections: list[tuple[str, list[BindingType]]] = [
            ("help.global", list(self.BINDINGS)),
            ("help.core", list(DraftArea.BINDINGS)),
            ("help.statements", StatementArea.help_bindings(self.t.lang)),
            ("help.conflicts", list(ConflictArea.BINDINGS)),
            ("area.lens", list(LensArea.BINDINGS)),
        ]
        self.app.push_screen(HelpScreen(self.t, sections))

    async def action_quit(self) -> None:
        self.app.exit()

    # The facilitator's keys open the menu's questions directly.

    def action_menu(self) -> None:
        self.query_one(FacilitatorMenu).open()

    def action_admit_all(self) -> None:
        self.query_one(FacilitatorMenu).admit_all()

    def action_round(self) -> None:
        self.query_one(FacilitatorMenu).round()

    def action_timer(self) -> None:
        self.query_one(FacilitatorMenu).timer()

    def action_phase(self) -> None:
        self.query_one(FacilitatorMenu).phase()

    def action_instruction(self) -> None:
        self.query_one(FacilitatorMenu).instruction()

    def action_phase_next(self) -> None:
        self.query_one(FacilitatorMenu).step_phase(+1)

    def action_phase_back(self) -> None:
        self.query_one(FacilitatorMenu).step_phase(-1)
