"""The facilitator's menu and the short questions behind it (phase, timer, round, close,
export, who is let in, and moderating a participant). Each answer is one intent (or a
request, for the lobby); the session screen's keys open these directly too.

It draws nothing: it is a widget so that what it posts bubbles up to the app like the
areas' intents do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, assert_never

from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from kerne_tui.guidance import instruction_text, worded
from kerne_tui.intent import PENDING, Intent, ask
from kerne_tui.locale import Strings
from kerne_tui.screens.action_form import ActionDraft, ask_new_action
from kerne_tui.screens.choice import Choice
from kerne_tui.screens.confirm import Confirm
from kerne_tui.screens.endorse_form import EndorseForm, Endorsement
from kerne_tui.screens.rating_dialog import RatingDialog
from kerne_tui.screens.round_dialog import RoundDialog
from kerne_tui.screens.text_prompt import TextPrompt
from kerne_tui.screens.timer_dialog import TimerDialog
from kerne_tui.state import View
from kerne_tui.text import safe
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
    "admission",
    "admit_all",
    "waiting",
    "participant",
    "action",
    "everyday",
    "contribution",
    "endorse",
    "reopen",
    "rating_open",
    "rating_close",
    "coach",
    "instruction",
    "minutes_tables",
    "round_split",
    "tagging",
]
WaitingAction = Literal["admit", "reject"]
ModerationAction = Literal["mute", "unmute", "remove_writings", "remove"]


def menu_entries(t: Strings, view: View) -> list[tuple[MenuEntry, str]]:
    """The facilitator's choices right now, as (entry, label) pairs."""
    session = view.snapshot.session
    if session.closed:
        closed: list[tuple[MenuEntry, str]] = [("export", t("menu.export") + "…")]
        if not view.snapshot.follow.reopened:
            closed.append(("reopen", t("menu.reopen")))
        else:  # management reads the minutes after the meeting, then endorses them
            closed.append(("endorse", t("menu.endorse") + "…"))
        return closed
    entries: list[tuple[MenuEntry, str]] = [
        ("phase", t("menu.phase", phase=t("phase." + session.phase))),
        ("timer", t("menu.timer")),
    ]
    if view.snapshot.timer is not None:
        entries.append(("timer_stop", t("menu.timer_stop")))
    entries.append(("coach", t("menu.coach") + "…"))
    if view.open_round is None:
        entries.append(("round_open", t("menu.round_open")))
    else:
        entries.append(("round_close", t("menu.round_close")))
    held = held_round(view)
    if held is not None:
        entries.append(("round_split", t("menu.reveal_round_split", number=held.number)))
    blind = view.snapshot.session.blind_tagging
    entries.append(("tagging", t("menu.tagging_open" if blind else "menu.tagging_blind")))
    entries.append(("instruction", t("menu.instruction") + "…"))
    if view.open_rating is None:
        entries.append(("rating_open", t("menu.rating") + "…"))
    else:
        entries.append(("rating_close", t("menu.rating_close")))
    entries.append(("action", t("menu.action") + "…"))
    on = minutes_tables(view)
    entries.append(("minutes_tables", t(f"menu.minutes_tables_{'off' if on else 'on'}")))
    # For the minutes; after the close the server takes only the follow-up commands.
    entries.append(("everyday", t("menu.everyday") + "…"))
    entries.append(("contribution", t("menu.contribution") + "…"))
    entries.append(("endorse", t("menu.endorse") + "…"))
    entries.append(("export", t("menu.export") + "…"))
    entries.append(("close_session", t("menu.close_session")))
    return entries


def minutes_tables(view: View) -> bool:
    """Whether the minutes carry the tables per profession now: as the facilitator set
    it, else as the session's kind says (off when anonymous, as the server decides)."""
    settings = view.snapshot.session.settings
    if isinstance(settings.minutes_tables, bool):
        return settings.minutes_tables
    return not settings.anonymous


def held_round(view: View) -> p.RoundView | None:
    """The latest closed round whose split by profession participants have not seen."""
    held = [
        r for r in view.snapshot.rounds if r.hold_split and not r.open and r.by_profession is None
    ]
    return held[-1] if held else None


def lobby_entries(
    t: Strings, view: View, waiting: tuple[p.WaitingView, ...]
) -> list[tuple[MenuEntry, str]]:
    """Who comes in, and who may stay: the lobby and the participants' moderation."""
    if view.snapshot.session.closed:
        return []
    on = view.snapshot.session.admit
    entries: list[tuple[MenuEntry, str]] = [
        ("admission", t("menu.admission_off" if on else "menu.admission_on"))
    ]
    if waiting:
        entries.append(("admit_all", t("menu.admit_all", n=len(waiting))))
        entries.append(("waiting", t("menu.waiting", n=len(waiting)) + "…"))
    if moderated(view):
        entries.append(("participant", t("menu.participant") + "…"))
    return entries


def someone(name: str, profession: str | None) -> str:
    """A person as the facilitator picks them from a list: name and profession."""
    return f"{safe(name)} ({safe(profession)})" if profession else safe(name)


def moderated(view: View) -> list[p.ParticipantView]:
    """The participants a facilitator may mute or remove: everyone else still here."""
    return [
        x
        for x in view.snapshot.participants
        if x.role != "facilitator" and not x.removed and x.id != view.me.id
    ]


def moderation_entries(t: Strings, who: p.ParticipantView) -> list[tuple[ModerationAction, str]]:
    entries: list[tuple[ModerationAction, str]] = [
        ("unmute", t("menu.unmute")) if who.muted else ("mute", t("menu.mute")),
        ("remove_writings", t("menu.remove_writings") + "…"),
        ("remove", t("menu.remove") + "…"),
    ]
    return entries


def split_words(typed: str) -> list[str]:
    """Words typed with commas between them, each within the protocol's length."""
    words = [w.strip() for w in typed.split(",") if w.strip()]
    return [w[:40] for w in words][: p.MAX_COACH_WORDS]


def rating_entries(t: Strings) -> list[tuple[p.RatingKind, str]]:
    return [("acceptance", t("menu.rating_acceptance")), ("criteria", t("menu.rating_criteria"))]


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

    waiting: reactive[tuple[p.WaitingView, ...]] = reactive((), repaint=False)
    """Who waits to be admitted (bound to the screen's)."""

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
        per_draft: int = 1
        hold_split: bool = False

        @property
        def command(self) -> p.OpenRound:
            return p.OpenRound(PENDING, self.dots, self.blind, self.per_draft, self.hold_split)

    @dataclass
    class RoundSplitRevealed(Intent):
        """A closed round's split by profession, held back until now, shown to all."""

        round_id: str

        @property
        def command(self) -> p.RevealRoundSplit:
            return p.RevealRoundSplit(PENDING, self.round_id)

    @dataclass
    class TaggingSet(Intent):
        """Tags hidden until shown (True), or shown to all again (False)."""

        blind: bool

        @property
        def command(self) -> p.SetTagging:
            return p.SetTagging(PENDING, self.blind)

    @dataclass
    class RoundClosed(Intent):
        """Closing the round reveals its result to everyone."""

        @property
        def command(self) -> p.CloseRound:
            return p.CloseRound(PENDING)

    @dataclass
    class RatingOpened(Intent):
        kind: p.RatingKind
        draft_ids: list[str]
        blind: bool

        @property
        def command(self) -> p.OpenRating:
            return p.OpenRating(PENDING, self.kind, self.draft_ids, self.blind)

    @dataclass
    class RatingClosed(Intent):
        """Closing the rating round shows its answers, per profession under the k-rule."""

        @property
        def command(self) -> p.CloseRating:
            return p.CloseRating(PENDING)

    @dataclass
    class CoachWordsAdded(Intent):
        kind: p.CoachList
        words: list[str]

        @property
        def command(self) -> p.AddCoachWords:
            return p.AddCoachWords(PENDING, self.kind, self.words)

    @dataclass
    class SessionClosed(Intent):
        """From now on the session is read-only, for everyone."""

        @property
        def command(self) -> p.CloseSession:
            return p.CloseSession(PENDING)

    @dataclass
    class AdmissionSet(Intent):
        """Newcomers wait to be let in (True), or join at once (False)."""

        admit: bool

        @property
        def command(self) -> p.SetAdmission:
            return p.SetAdmission(PENDING, self.admit)

    @dataclass
    class ParticipantMuted(Intent):
        participant_id: str
        muted: bool

        @property
        def command(self) -> p.MuteParticipant:
            return p.MuteParticipant(PENDING, self.participant_id, self.muted)

    @dataclass
    class WritingsRemoved(Intent):
        """Everything one participant wrote leaves every screen (kept in the log)."""

        participant_id: str

        @property
        def command(self) -> p.RemoveWritings:
            return p.RemoveWritings(PENDING, self.participant_id)

    @dataclass
    class ParticipantRemoved(Intent):
        """Out of the session and every figure; their terminal is closed."""

        participant_id: str

        @property
        def command(self) -> p.RemoveParticipant:
            return p.RemoveParticipant(PENDING, self.participant_id)

    @dataclass
    class AdmitRequested(Message):
        """Let one newcomer in (or, with None, everyone waiting): a request."""

        waiting_id: str | None

    @dataclass
    class RejectRequested(Message):
        """Turn one newcomer away: a request."""

        waiting_id: str

    @dataclass
    class ActionAdded(Intent):
        """A decision or a next step for the minutes."""

        kind: p.ActionKind
        action: ActionDraft

        @property
        def command(self) -> p.AddAction:
            return self.action.added_as(self.kind, PENDING)

    @dataclass
    class SummarySet(Intent):
        """What the core task means in everyday work, or how the unit contributes to the
        level above ("" clears it)."""

        field: p.SummaryField
        text: str

        @property
        def command(self) -> p.SetSummary:
            return p.SetSummary(PENDING, self.field, self.text)

    @dataclass
    class Endorsed(Intent):
        """Management's endorsement of the minutes: by whom, on which day."""

        endorsement: Endorsement

        @property
        def command(self) -> p.Endorse:
            return p.Endorse(PENDING, self.endorsement.by, self.endorsement.on)

    @dataclass
    class ReopenedForFollowUp(Intent):
        """Statuses and notes of conflicts and actions may change again; nothing else."""

        @property
        def command(self) -> p.ReopenForFollowUp:
            return p.ReopenForFollowUp(PENDING)

    @dataclass
    class InstructionSet(Intent):
        """The phase's instruction on every screen; empty gives back the default."""

        phase: p.Phase
        text: str

        @property
        def command(self) -> p.SetInstruction:
            return p.SetInstruction(PENDING, self.phase, self.text)

    @dataclass
    class MinutesTablesSet(Intent):
        """The tables per profession go into the minutes (True) or stay out (False)."""

        include: bool

        @property
        def command(self) -> p.SetMinutesTables:
            return p.SetMinutesTables(PENDING, self.include)

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
            entries = menu_entries(self.t, self.view)
            # Who comes in goes with the steering, above what is recorded and exported.
            at = next((i for i, (e, _) in enumerate(entries) if e == "action"), len(entries))
            entries[at:at] = lobby_entries(self.t, self.view, self.waiting)
            choice = Choice(self.t("menu.title"), entries)
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
            case "admission":
                if self.view is not None:
                    self.post_message(self.AdmissionSet(not self.view.snapshot.session.admit))
            case "admit_all":
                self.admit_all()
            case "waiting":
                self.choose_waiting()
            case "participant":
                self.choose_participant()
            case "action":
                ask_new_action(self, self.t, self.ActionAdded)
            case "everyday" | "contribution":
                self.summary(entry)
            case "endorse":
                self.endorse()
            case "reopen":
                question = Confirm(self.t, self.t("menu.confirm_reopen"), self.t("action.reopen"))
                ask(self, question, lambda _: self.ReopenedForFollowUp())
            case "rating_open" | "rating_close":
                self.rating()
            case "coach":
                self.coach()
            case "instruction":
                self.instruction()
            case "minutes_tables":
                if self.view is not None:
                    self.post_message(self.MinutesTablesSet(not minutes_tables(self.view)))
            case "round_split":
                held = held_round(self.view) if self.view is not None else None
                if held is not None:
                    self.post_message(self.RoundSplitRevealed(held.id))
            case "tagging":
                if self.view is not None:
                    blind = self.view.snapshot.session.blind_tagging
                    self.post_message(self.TaggingSet(not blind))
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
        """Open a round, or (when one is open) close it and reveal the result. With only
        a rating round open, the facilitator means that one: `r` asks to close it rather
        than opening a dot round beside it."""
        if self.view is None:
            return
        if self.view.open_round is None and self.view.open_rating is not None:
            self.rating()
        elif self.view.open_round is None:
            drafts = sum(not (d.withdrawn or d.removed) for d in self.view.snapshot.drafts)
            k = self.view.snapshot.session.settings.k_anonymity
            dialog = RoundDialog(self.t, drafts, hold=self.view.eligible_voters >= k)
            ask(
                self,
                dialog,
                lambda new: self.RoundOpened(new.dots, new.blind, new.per_draft, new.hold_split),
            )
        else:
            question = Confirm(self.t, self.t("menu.confirm_round"), self.t("action.close_round"))
            ask(self, question, lambda _: self.RoundClosed())

    def summary(self, field: p.SummaryField) -> None:
        """Write (or rewrite, from what it says now) one of the texts for the minutes."""
        if self.view is None:
            return
        t, follow = self.t, self.view.snapshot.follow
        now = follow.everyday if field == "everyday" else follow.contribution
        prompt = TextPrompt(
            t,
            t(f"menu.{field}"),
            limit=p.LIMITS["summary"],
            value=safe(now or "", multiline=True).replace("\n", " "),
            hint=worded(t, f"dialog.{field}_hint", self.view),
            allow_empty=True,
            action=t("action.save"),
        )
        ask(self, prompt, lambda text: self.SummarySet(field, text))

    def endorse(self) -> None:
        if self.view is not None:
            form = EndorseForm(self.t, self.view.snapshot.follow.endorsement, date.today())
            ask(self, form, self.Endorsed)

    def rating(self) -> None:
        """Open an acceptance or criteria round, or (when one is open) close it."""
        view = self.view
        if view is None:
            return
        if view.open_rating is not None:
            question = Confirm(
                self.t, self.t("menu.rating_close") + "?", self.t("action.close_round")
            )
            ask(self, question, lambda _: self.RatingClosed())
            return
        live = [d.id for d in view.snapshot.drafts if not d.withdrawn and not d.removed]

        def kind_chosen(kind: p.RatingKind | None) -> None:
            if kind is not None:
                dialog = RatingDialog(self.t, kind, live)
                ask(self, dialog, lambda new: self.RatingOpened(new.kind, new.draft_ids, new.blind))

        self.app.push_screen(Choice(self.t("menu.rating"), rating_entries(self.t)), kind_chosen)

    def coach(self) -> None:
        """Teach the formulation coach this session's own words, for everyone's hints."""
        t = self.t
        lists: list[tuple[p.CoachList, str]] = [
            ("output", t("menu.coach_output")),
            ("beneficiary", t("menu.coach_beneficiary")),
        ]

        def chosen(kind: p.CoachList | None) -> None:
            if kind is None:
                return
            prompt = TextPrompt(t, t(f"menu.coach_{kind}"), limit=p.LIMITS["description"])
            ask(self, prompt, lambda typed: self.CoachWordsAdded(kind, split_words(typed)))

        self.app.push_screen(Choice(t("menu.coach"), lists), chosen)

    def export(self) -> None:
        ask(self, Choice(self.t("menu.export"), export_entries(self.t)), self.ExportRequested)

    def close_session(self) -> None:
        question = Confirm(self.t, self.t("menu.confirm_close"), self.t("action.close_session"))
        ask(self, question, lambda _: self.SessionClosed())

    # --- who comes in, and who may stay -------------------------------------------

    def admit_all(self) -> None:
        """Everyone waiting comes in: one key, no question (nobody is harmed by it)."""
        if self.waiting:
            self.post_message(self.AdmitRequested(None))

    def choose_waiting(self) -> None:
        """Pick someone waiting, then let them in or turn them away (asked twice)."""
        people = [(x.id, someone(x.name, x.profession)) for x in self.waiting]

        def picked(waiting_id: str | None) -> None:
            who = next((x for x in self.waiting if x.id == waiting_id), None)
            if who is None:
                return
            actions: list[tuple[WaitingAction, str]] = [
                ("admit", self.t("menu.admit")),
                ("reject", self.t("menu.reject") + "…"),
            ]
            title = someone(who.name, who.profession)
            self.app.push_screen(Choice(title, actions), lambda act: self._decided(who, act))

        self.app.push_screen(Choice(self.t("menu.waiting_title"), people), picked)

    def _decided(self, who: p.WaitingView, action: WaitingAction | None) -> None:
        match action:
            case None:
                pass
            case "admit":
                self.post_message(self.AdmitRequested(who.id))
            case "reject":
                question = self.t("menu.confirm_reject", name=someone(who.name, who.profession))
                ask(
                    self,
                    Confirm(self.t, question, self.t("action.reject")),
                    lambda _: self.RejectRequested(who.id),
                )
            case _:
                assert_never(action)

    def choose_participant(self) -> None:
        """Pick a participant, then mute them, remove what they wrote, or remove them."""
        if self.view is None:
            return
        people = moderated(self.view)
        entries = [
            (x.id, someone(x.name, x.profession) + (self.t("people.muted") if x.muted else ""))
            for x in people
        ]

        def picked(pid: str | None) -> None:
            who = next((x for x in people if x.id == pid), None)
            if who is not None:
                title = someone(who.name, who.profession)
                choice = Choice(title, moderation_entries(self.t, who))
                self.app.push_screen(choice, lambda act: self._moderate(who, act))

        self.app.push_screen(Choice(self.t("menu.participant"), entries), picked)

    def _moderate(self, who: p.ParticipantView, action: ModerationAction | None) -> None:
        name = someone(who.name, who.profession)
        match action:
            case None:
                pass
            case "mute" | "unmute":
                self.post_message(self.ParticipantMuted(who.id, action == "mute"))
            case "remove_writings":
                question = Confirm(
                    self.t,
                    self.t("menu.confirm_remove_writings", name=name),
                    self.t("action.remove_writings"),
                )
                ask(self, question, lambda _: self.WritingsRemoved(who.id))
            case "remove":
                question = Confirm(
                    self.t,
                    self.t("menu.confirm_remove", name=name),
                    self.t("action.remove_participant"),
                )
                ask(self, question, lambda _: self.ParticipantRemoved(who.id))
            case _:
                assert_never(action)
