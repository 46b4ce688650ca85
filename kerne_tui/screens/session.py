"""The session screen: header, participants, and the three areas (core task, statements,
conflicts), each one key away. Its handlers turn the lists' requests into commands."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, TabbedContent, TabPane

from kerne_tui.locale import Strings, localize_bindings
from kerne_tui.screens.choice import Choice
from kerne_tui.screens.confirm import Confirm
from kerne_tui.screens.conflict_form import ConflictDraft, ConflictForm
from kerne_tui.screens.facilitator import (
    PENDING,
    export_entries,
    menu_entries,
    phase_entries,
    timer_entries,
)
from kerne_tui.screens.help import HelpScreen
from kerne_tui.screens.reveal import RevealScreen
from kerne_tui.screens.round_dialog import RoundDialog
from kerne_tui.screens.text_prompt import TextPrompt
from kerne_tui.screens.timer_dialog import TimerDialog
from kerne_tui.state import View
from kerne_tui.text import plain, safe
from kerne_tui.widgets.conflicts import ConflictList
from kerne_tui.widgets.drafts import DraftList
from kerne_tui.widgets.header import SessionHeader
from kerne_tui.widgets.lens import EquityPanel, SuggestionList, evidence, split_text
from kerne_tui.widgets.people import ParticipantsPanel
from kerne_tui.widgets.statements import StatementList
from server import protocol as p

if TYPE_CHECKING:
    from kerne_tui.app import KerneApp

# Where each phase sends everyone's screen.
PHASE_AREA: dict[str, str] = {
    "checkin": "core",
    "statements": "statements",
    "drafts": "core",
    "voting": "core",
    "conflicts": "conflicts",
    "wrapup": "core",
}
LISTS = {
    "core": "#draft-list",
    "statements": "#statement-list",
    "conflicts": "#conflict-list",
    "lens": "#suggestion-list",
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
        Binding("right_square_bracket", "phase_next", "key.phase_next", show=False),
        Binding("left_square_bracket", "phase_back", "key.phase_back", show=False),
        Binding("question_mark,f1", "help", "key.help"),
        Binding("f12", "app.screenshot", "key.screenshot", show=False),
        Binding("q", "quit", "key.quit"),
    ]

    def __init__(self, t: Strings) -> None:
        super().__init__()
        self.t = t
        self._drawn: dict[str, tuple[object, ...]] = {}
        localize_bindings(self, t)

    @property
    def kerne(self) -> KerneApp:
        from kerne_tui.app import KerneApp

        assert isinstance(self.app, KerneApp)
        return self.app

    @property
    def view(self) -> View | None:
        return self.kerne.view

    def compose(self) -> ComposeResult:
        t = self.t
        yield SessionHeader(t, id="header")
        yield Static(Text(""), id="banner")
        with Horizontal(id="body"):
            yield ParticipantsPanel(t, id="people")
            with TabbedContent(id="areas", initial="core"):
                with TabPane(t("area.core") + " (1)", id="core"), Vertical():
                    yield Static(Text(""), id="parent-task")
                    yield Static(Text(""), id="round")
                    yield Static(Text(t("core.empty")), id="drafts-empty", classes="empty")
                    yield DraftList(t, id="draft-list")
                with TabPane(t("area.statements") + " (2)", id="statements"):
                    yield Static(
                        Text(t("statements.empty")), id="statements-empty", classes="empty"
                    )
                    yield StatementList(t, id="statement-list")
                    yield Static(Text(""), id="split")
                with TabPane(t("area.conflicts") + " (3)", id="conflicts"):
                    yield Static(Text(t("conflicts.empty")), id="conflicts-empty", classes="empty")
                    yield ConflictList(t, id="conflict-list")
                with TabPane(t("area.lens") + " (4)", id="lens"), Vertical():
                    yield Static(Text(t("lens.suggestions"), style="bold"), classes="heading")
                    yield Static(Text(""), id="lens-empty", classes="empty")
                    yield SuggestionList(t, id="suggestion-list")
                    yield EquityPanel(t, id="equity")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.kerne, "view", self.show_view)
        self.watch(self.kerne, "online", self.show_people)
        self.watch(self.kerne, "link", self.show_link)
        self.watch(self.kerne, "banner", self.show_banner)
        self.watch(self.kerne, "lens", self.show_lens)
        self.query_one(TabbedContent).hide_tab("lens")
        self.query_one(DraftList).focus()

    # --- drawing -------------------------------------------------------------------

    def show_view(self, view: View | None) -> None:
        if view is None:
            return
        snap = view.snapshot
        self.query_one(SessionHeader).show(view)
        # A list is redrawn only when what it shows changed: the fold replaces only the
        # collections an event touched, so an unchanged one is the very same object.
        # (With hundreds of drafts, redrawing all three lists per event lags a room.)
        if self._changed(
            "drafts", snap.drafts, snap.rounds, snap.participants, view.mine, view.me, snap.session
        ):
            names = {x.id: x.name for x in snap.participants}
            self.query_one(DraftList).show(view, names)
        if self._changed("statements", snap.statements, view.me, snap.session):
            self.query_one(StatementList).show(view)
        if self._changed("conflicts", snap.conflicts, snap.session):
            self.query_one(ConflictList).show(view)
        self.query_one("#round", Static).update(self.round_text(view))
        parent = view.snapshot.session.parent_task
        task = self.query_one("#parent-task", Static)
        task.update(plain(self.t("core.parent", task=safe(parent))) if parent else Text(""))
        task.display = bool(parent)
        for area, has in (
            ("drafts", view.snapshot.drafts),
            ("statements", view.snapshot.statements),
            ("conflicts", view.snapshot.conflicts),
        ):
            self.query_one(f"#{area}-empty").display = not has
        self.show_people(self.kerne.online)
        self.show_split()
        if view.is_facilitator:
            self.query_one(TabbedContent).show_tab("lens")
            self.show_lens(self.kerne.lens)
        self.refresh_bindings()

    def show_lens(self, found: p.Lens | None) -> None:
        view = self.view
        if view is None or found is None:
            return
        self.query_one(SuggestionList).show(view, found.suggestions)
        empty = self.query_one("#lens-empty", Static)
        empty.update(Text(self.t("lens.none", threshold=round(100 * found.threshold))))
        empty.display = not found.suggestions
        self.query_one(EquityPanel).show(view, found.equity)
        self.show_split()

    def show_split(self) -> None:
        """Per-profession bars for the highlighted statement: live for the facilitator,
        for others only once revealed."""
        view = self.view
        panel = self.query_one("#split", Static)
        statement_id = self.query_one(StatementList).selected_id
        statement = view.statement(statement_id) if view and statement_id else None
        if view is None or statement is None or statement.removed:
            panel.update(Text(""))
            panel.display = False
            return
        split = statement.split
        found = self.kerne.lens
        if view.is_facilitator and found is not None:
            split = found.statements.get(statement.id, {})
        k = view.snapshot.session.settings.k_anonymity
        panel.update(split_text(self.t, split, k))
        panel.display = split is not None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "statement-list":
            self.show_split()

    def _changed(self, name: str, *parts: object) -> bool:
        """Whether any of `parts` is another object than at the last redraw of `name`."""
        last = self._drawn.get(name)
        if (
            last is not None
            and len(last) == len(parts)
            and all(a is b for a, b in zip(last, parts, strict=True))
        ):
            return False
        self._drawn[name] = parts
        return True

    def round_text(self, view: View) -> Text:
        t = self.t
        current = view.last_round
        if current is None:
            return Text(t("core.no_round"), style="dim")
        if not current.open:
            return Text(t("core.round_closed", number=current.number, voters=current.voters))
        if not view.may_vote:
            return Text(t("core.round_observer", number=current.number, voters=current.voters))
        left = current.dots - len(view.mine.my_votes)
        key = "core.round_open_blind" if current.blind else "core.round_open"
        fields: dict[str, Any] = {"number": current.number, "dots": current.dots}
        return Text(t(key, left=left, voters=current.voters, **fields), style="bold")

    def show_people(self, online: frozenset[str]) -> None:
        view = self.view
        if view is not None:
            self.query_one(ParticipantsPanel).show(view, online)

    def show_link(self, link: Any) -> None:
        self.query_one(SessionHeader).link = link

    def show_banner(self, banner: str) -> None:
        widget = self.query_one("#banner", Static)
        widget.update(Text(banner))
        widget.display = bool(banner)

    # --- following the room --------------------------------------------------------

    def follow_phase(self, phase: str) -> None:
        """The facilitator moved on: everyone's screen goes to the matching area."""
        self.action_area(PHASE_AREA.get(phase, "core"))
        self.notify(self.t("notice.phase", phase=self.t("phase." + phase)), markup=False)

    def reveal(self, rnd: p.RoundView) -> None:
        view = self.view
        if view is not None:
            self.app.push_screen(RevealScreen(self.t, view, rnd))

    # --- keys ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        if action == "menu":
            return view is not None and view.is_facilitator
        if action == "area" and parameters == ("lens",):
            return view is not None and view.is_facilitator
        if action in ("round", "timer", "phase", "phase_next", "phase_back"):
            return view is not None and view.is_facilitator and not view.snapshot.session.closed
        if action == "conflict":
            return view is not None and view.may_write
        return True

    def action_area(self, area: str) -> None:
        self.query_one(TabbedContent).active = area
        # Focus now, not after a refresh: the next key typed belongs to this area.
        self.set_focus(self.query_one(LISTS[area]))

    def action_help(self) -> None:
        sections: list[tuple[str, list[Any]]] = [
            ("help.global", list(self.BINDINGS)),
            ("help.core", list(DraftList.BINDINGS)),
            ("help.statements", list(StatementList.BINDINGS)),
            ("help.conflicts", list(ConflictList.BINDINGS)),
            ("area.lens", list(SuggestionList.BINDINGS)),
        ]
        self.app.push_screen(HelpScreen(self.t, sections))

    async def action_quit(self) -> None:
        self.app.exit()

    def action_phase_next(self) -> None:
        self._step_phase(+1)

    def action_phase_back(self) -> None:
        self._step_phase(-1)

    def _step_phase(self, step: int) -> None:
        view = self.view
        if view is None:
            return
        index = p.PHASES.index(view.snapshot.session.phase) + step
        if 0 <= index < len(p.PHASES):
            self.kerne.send(p.SetPhase(PENDING, p.PHASES[index]))

    def action_menu(self) -> None:
        """The facilitator's list of everything that steers the session."""
        view = self.view
        if view is None:
            return
        actions = {
            "phase": self.action_phase,
            "timer": self.action_timer,
            "timer_stop": lambda: self.kerne.send(p.StopTimer(PENDING)),
            "round_open": self.action_round,
            "round_close": self.action_round,
            "close_session": self.close_session,
            "export": self.action_export,
        }
        self.app.push_screen(
            Choice(self.t("menu.title"), menu_entries(self.t, view)),
            lambda action: actions[action]() if action in actions else None,
        )

    def action_export(self) -> None:
        """The minutes or the data as a file on this machine."""
        self.app.push_screen(
            Choice(self.t("menu.export"), export_entries(self.t)),
            lambda fmt: self.kerne.export(fmt) if fmt else None,
        )

    def action_phase(self) -> None:
        view = self.view
        if view is None:
            return
        self.app.push_screen(
            Choice(self.t("menu.title"), phase_entries(self.t), view.snapshot.session.phase),
            lambda phase: self.kerne.send(p.SetPhase(PENDING, phase)) if phase else None,
        )

    def action_timer(self) -> None:
        def chosen(choice: str | None) -> None:
            if choice == "custom":
                self.app.push_screen(
                    TimerDialog(self.t), lambda timer: self.kerne.send(timer) if timer else None
                )
            elif choice is not None:
                self.kerne.send(p.StartTimer(PENDING, int(choice), None))

        self.app.push_screen(Choice(self.t("menu.timer"), timer_entries(self.t)), chosen)

    def action_round(self) -> None:
        """Open a round, or (when one is open) close it and reveal the result."""
        view = self.view
        if view is None:
            return
        if view.open_round is None:
            self.app.push_screen(
                RoundDialog(self.t), lambda command: self.kerne.send(command) if command else None
            )
        else:
            self.app.push_screen(
                Confirm(self.t, self.t("menu.round_close") + "?"),
                lambda yes: self.kerne.send(p.CloseRound(PENDING)) if yes else None,
            )

    def close_session(self) -> None:
        self.app.push_screen(
            Confirm(self.t, self.t("menu.confirm_close")),
            lambda yes: self.kerne.send(p.CloseSession(PENDING)) if yes else None,
        )

    def action_conflict(self) -> None:
        """Record a conflict from anywhere, linked to what is highlighted in this area."""
        view = self.view
        if view is None:
            return
        area = self.query_one(TabbedContent).active
        ref: p.Ref | None = None
        ref_text = ""
        if area == "core":
            draft_id = self.query_one(DraftList).selected_id
            draft = view.draft(draft_id) if draft_id else None
            if draft is not None and not draft.removed:
                ref, ref_text = p.Ref("draft", draft.id), safe(draft.text)
        elif area == "statements":
            statement_id = self.query_one(StatementList).selected_id
            statement = view.statement(statement_id) if statement_id else None
            if statement is not None and not statement.removed:
                ref, ref_text = p.Ref("statement", statement.id), safe(statement.text)
        self._record_conflict(view, ref, ref_text)

    def _record_conflict(self, view: View, ref: p.Ref | None, ref_text: str) -> None:
        mine = view.me.profession
        form = ConflictForm(
            self.t,
            professions=[safe(x) for x in view.snapshot.session.professions],
            suggested=[safe(mine)] if mine else [],
            ref=ref,
            ref_text=ref_text,
        )

        def recorded(result: ConflictDraft | None) -> None:
            if result is not None:
                self.kerne.send(
                    p.RecordConflict(
                        PENDING,
                        result.title,
                        result.professions,
                        result.description,
                        result.refs,
                    )
                )

        self.app.push_screen(form, recorded)

    # --- the lists' requests --------------------------------------------------------

    def on_draft_list_action(self, message: DraftList.Action) -> None:
        view, t = self.view, self.t
        if view is None:
            return
        draft_id = message.draft_id
        draft = view.draft(draft_id) if draft_id else None
        if message.action == "propose":
            self.app.push_screen(
                TextPrompt(
                    t, t("dialog.propose"), limit=p.LIMITS["draft"], hint=t("dialog.draft_hint")
                ),
                lambda text: self.kerne.send(p.ProposeDraft(PENDING, text)) if text else None,
            )
            return
        if draft is None:
            self.app.bell()
            return
        if message.action == "vote":
            if draft.id in view.mine.my_votes:
                self.kerne.send(p.RetractVote(PENDING, draft.id))
            else:
                self.kerne.send(p.CastVote(PENDING, draft.id))
        elif message.action == "revise":
            self.app.push_screen(
                TextPrompt(
                    t,
                    t("dialog.revise", id=draft.id),
                    limit=p.LIMITS["draft"],
                    value=safe(draft.text, multiline=True).replace("\n", " "),
                ),
                lambda text: (
                    self.kerne.send(p.ReviseDraft(PENDING, draft.id, text)) if text else None
                ),
            )
        elif message.action == "withdraw":
            self.app.push_screen(
                Confirm(t, t("dialog.withdraw", id=draft.id)),
                lambda yes: self.kerne.send(p.WithdrawDraft(PENDING, draft.id)) if yes else None,
            )
        elif message.action == "finalize":
            self.kerne.send(p.FinalizeDraft(PENDING, draft.id))
        elif message.action == "remove":
            self._remove("draft", draft.id)

    def on_statement_list_action(self, message: StatementList.Action) -> None:
        view, t = self.view, self.t
        if view is None:
            return
        if message.action == "add":
            self.app.push_screen(
                TextPrompt(
                    t,
                    t("dialog.statement"),
                    limit=p.LIMITS["statement"],
                    hint=t("dialog.statement_hint"),
                ),
                lambda text: self.kerne.send(p.AddStatement(PENDING, text)) if text else None,
            )
            return
        statement_id = message.statement_id
        if statement_id is None:
            self.app.bell()
            return
        if message.action == "tag":
            tag = message.tag or None
            self.kerne.send(p.TagStatement(PENDING, statement_id, tag))  # type: ignore[arg-type]
        elif message.action == "classify":
            choices = [
                ("output", t("statements.output")),
                ("effect", t("statements.effect")),
                ("none", t("dialog.classify_none")),
            ]

            def classified(choice: str | None) -> None:
                if choice is not None:
                    tag = None if choice == "none" else choice
                    self.kerne.send(
                        p.ClassifyStatement(PENDING, statement_id, tag)  # type: ignore[arg-type]
                    )

            self.app.push_screen(Choice(t("dialog.classify"), choices), classified)
        elif message.action == "reveal_split":
            self.kerne.send(p.RevealSplit(PENDING, statement_id))
        elif message.action == "remove":
            self._remove("statement", statement_id)

    def on_conflict_list_action(self, message: ConflictList.Action) -> None:
        view, t = self.view, self.t
        if view is None:
            return
        if message.action == "new":
            self._record_conflict(view, None, "")
            return
        conflict = next((c for c in view.snapshot.conflicts if c.id == message.conflict_id), None)
        if conflict is None or conflict.removed:
            self.app.bell()
            return
        title = plain(conflict.title).plain
        if message.action == "status":
            choices = [
                (s, t(f"conflicts.status.{s}")) for s in ("open", "discussed", "parked", "resolved")
            ]
            self.app.push_screen(
                Choice(Text(t("dialog.status", title=title)), choices, conflict.status),
                lambda status: (
                    self.kerne.send(p.UpdateConflict(PENDING, conflict.id, status))
                    if status
                    else None
                ),
            )
        elif message.action == "note":
            self.app.push_screen(
                TextPrompt(t, Text(t("dialog.note", title=title)), limit=p.LIMITS["note"]),
                lambda note: (
                    self.kerne.send(p.UpdateConflict(PENDING, conflict.id, None, note))
                    if note
                    else None
                ),
            )
        elif message.action == "remove":
            self._remove("conflict", conflict.id)

    def on_suggestion_list_action(self, message: SuggestionList.Action) -> None:
        view, suggestion = self.view, message.suggestion
        if view is None or suggestion is None:
            self.app.bell()
            return
        if message.action == "dismiss":
            self.kerne.dismiss_suggestion(suggestion.id)
            return
        item = (
            view.statement(suggestion.item_id)
            if suggestion.kind == "statement"
            else view.draft(suggestion.item_id)
        )
        text = safe(item.text if item else "")
        title = self.t("lens.conflict_title", item=text)[: p.LIMITS["title"]]
        form = ConflictForm(
            self.t,
            professions=[safe(x) for x in view.snapshot.session.professions],
            suggested=[safe(s.profession) for s in suggestion.sides],
            ref=p.Ref(suggestion.kind, suggestion.item_id),
            ref_text=text,
            title=title,
            description=evidence(self.t, suggestion),
        )

        def recorded(result: ConflictDraft | None) -> None:
            if result is not None:
                self.kerne.send(
                    p.RecordConflict(
                        PENDING,
                        result.title,
                        result.professions,
                        result.description,
                        result.refs,
                        suggestion.id,
                    )
                )

        self.app.push_screen(form, recorded)

    def _remove(self, kind: str, item_id: str) -> None:
        t = self.t
        kinds = {"draft": "ref.draft", "statement": "ref.statement"}
        label = t(kinds[kind], id=item_id) if kind in kinds else item_id
        self.app.push_screen(
            TextPrompt(
                t,
                t("dialog.remove", kind="", id=label).replace("  ", " "),
                limit=p.LIMITS["reason"],
                hint=t("dialog.remove_reason"),
                allow_empty=True,
            ),
            lambda reason: (
                self.kerne.send(p.RemoveItem(PENDING, kind, item_id, reason))  # type: ignore[arg-type]
                if reason is not None
                else None
            ),
        )
