"""The kerne client app: one session, live. `make_app` is the one factory that the CLI
and the tests share."""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass
from pathlib import Path

import msgspec
import platformdirs
from rich.text import Text
from textual import on
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from kerne_tui import messages as m
from kerne_tui import state
from kerne_tui.connection import Connection, Identity, lookup, new_join_id
from kerne_tui.discovery import browse, find_session
from kerne_tui.intent import Intent
from kerne_tui.locale import Lang, Strings, pick_language
from kerne_tui.moments import Moment, moment, timer_out
from kerne_tui.profile import Memory
from kerne_tui.refusal import refusal_text
from kerne_tui.screens.join import JoinScreen, Profile
from kerne_tui.screens.searching import Searching
from kerne_tui.screens.session import SessionScreen
from kerne_tui.screens.waiting import WaitingScreen
from kerne_tui.state import View
from kerne_tui.text import safe
from kerne_tui.widgets.facilitator_menu import FacilitatorMenu
from kerne_tui.widgets.header import SessionHeader
from kerne_tui.widgets.lens.lens_area import LensArea
from server import protocol as p
from server import public_events as pe

FRAME = 1 / 30  # seconds: the least time between two folds (a screen shows no more)


@dataclass
class Options:
    """Everything `kerne-tui join` was told."""

    code: str
    # None: find the server that holds the code on the local network (DNS-SD).
    server: str | None = "ws://localhost:8765"
    name: str | None = None
    profession: str | None = None
    observer: bool = False
    facilitator_key: str | None = None
    votes: bool = True
    lang: Lang = "en"
    config_dir: Path | None = None
    # Where exports are written: the Downloads folder unless told otherwise.
    export_dir: Path | None = None
    # A CA certificate to trust for wss:// (a facilitator's self-made certificate).
    cafile: str | None = None
    # Ring the terminal's bell with the room's moments (a round opens, time is up).
    bell: bool = True


class KerneApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "kerne"
    # People in a workshop need the session's own keys, not a developer's palette.
    ENABLE_COMMAND_PALETTE = False

    # State, not pixels: the widgets bound to it draw what changed (a repaint here would
    # repaint the whole screen on every event in the room).
    view: reactive[View | None] = reactive(None, always_update=True, repaint=False)
    """The session as this participant sees it; None until the first welcome."""

    online: reactive[frozenset[str]] = reactive(frozenset(), repaint=False)
    """Ids of the participants connected right now."""

    link: reactive[m.LinkStatus] = reactive("connecting", repaint=False)
    """The connection's state, for the header."""

    lens: reactive[p.Lens | None] = reactive(None, repaint=False)
    """The facilitator's profession lens, as the server last sent it (None for others)."""

    banner: reactive[str] = reactive("", repaint=False)
    """A warning across the top while the connection is down; empty when all is well."""

    waiting: reactive[tuple[p.WaitingView, ...]] = reactive((), repaint=False)
    """Facilitators only: who waits to be admitted, as the server last said."""

    def __init__(self, options: Options) -> None:
        super().__init__()
        self.options = options
        self.t = Strings(options.lang)
        self.memory = Memory.load(options.config_dir)
        self.code = p.normalize_code(options.code) or options.code
        self.connection: Connection | None = None
        self.unfolded: list[p.WireEvent] = []  # received, to be folded in one go
        self.fold_due = False  # a fold of `unfolded` is scheduled
        self.fold_ready_at = 0.0  # time.monotonic() before which no fold is scheduled
        self.last_export: Path | None = None
        self.pending_afterwards: dict[str, Intent] = {}  # command id -> its intent
        self.title = self.t("app.title")

    def get_key_display(self, binding: Binding) -> str:
        """Keys in the footer by the names people use in their language (mellemrum, slet)."""
        shown = super().get_key_display(binding)
        names = {"space": "keyname.space", "delete": "keyname.delete", "del": "keyname.delete"}
        key = names.get(shown.lower()) or names.get(binding.key)
        return self.t(key) if key else shown

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies in a text field): say which key does, in the
        person's language."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                shown = self.get_key_display(active.binding) or key
                self.notify(
                    self.t("quit.prompt", shortcut=shown), title=self.t("quit.title"), markup=False
                )
                return

    @property
    def role(self) -> p.Role:
        if self.options.facilitator_key:
            return "facilitator"
        return "observer" if self.options.observer else "participant"

    @property
    def token_key(self) -> str:
        return Memory.key(self.options.server or "", self.code, self.role)

    # --- starting ------------------------------------------------------------------

    async def on_mount(self) -> None:
        if self.options.server is None:
            self.push_screen(Searching(self.t, self.shown_code))
            self.run_worker(self.discover(), exclusive=True, group="join")
            return
        self.begin()

    @property
    def shown_code(self) -> str:
        return p.format_code(self.code) if len(self.code) == 8 else self.code

    async def discover(self) -> None:
        """Browse the local network for servers and join the one that knows the code."""
        found = await find_session(self.code, await browse())
        if isinstance(found, p.Error):
            self.fail(found)
            return
        if found is None:
            self.exit(2, 2, Text(self.t("error.no_server", code=self.shown_code)))
            return
        self.options.server = found[0]
        self.pop_screen()
        self.begin()

    def begin(self) -> None:
        options = self.options
        token = self.memory.tokens.get(self.token_key)
        if token or self.role == "observer" or (options.name and options.profession):
            self.start(options.name or "", options.profession, token)
            return
        self.run_worker(self.ask_who(), exclusive=True, group="join")

    async def ask_who(self) -> None:
        """Look the code up, then ask for name and profession on the join screen."""
        options = self.options
        assert options.server is not None  # discovery has run
        try:
            info = await lookup(options.server, self.code, cafile=options.cafile)
        except (OSError, TimeoutError):
            self.exit(2, 2, Text(self.t("error.cannot_connect", url=options.server)))
            return
        except Exception:  # an old server without `lookup`: join without the list
            info = None
        if isinstance(info, p.Error):
            self.fail(info)
            return
        screen = JoinScreen(
            self.t,
            self.shown_code,
            info,
            name=options.name or self.memory.name,
            profession=options.profession or self.memory.profession,
        )
        profile: Profile = await self.push_screen_wait(screen)
        self.memory.name, self.memory.profession = profile.name, profile.profession
        self.memory.save()
        self.start(profile.name, profile.profession, None)

    def start(self, name: str, profession: str | None, token: str | None) -> None:
        join_id = None
        if token is None:
            # Kept until the welcome, on disk too: a client stopped before its welcome
            # arrived says the same hello when started again, and is the same person.
            join_id = self.memory.joins.get(self.token_key) or new_join_id()
            if self.memory.joins.get(self.token_key) != join_id:
                self.memory.joins[self.token_key] = join_id
                self.memory.save()
        identity = Identity(
            code=self.code,
            name=name or None,
            profession=profession,
            role=self.role,
            votes=self.options.votes,
            facilitator_key=self.options.facilitator_key,
            resume_token=token,
            join_id=join_id,
        )
        assert self.options.server is not None  # discovery has run
        self.connection = Connection(
            self.options.server,
            identity,
            self.post_message,
            self.remember_token,
            cafile=self.options.cafile,
        )
        app = KerneApp
        screen = SessionScreen(self.t).data_bind(
            app.view, app.online, app.link, app.lens, app.banner, app.waiting
        )
        self.push_screen(screen)
        self.run_worker(self.connection.run(), exclusive=True, group="link")

    def remember_token(self, token: str) -> None:
        self.memory.tokens[self.token_key] = token
        self.memory.joins.pop(self.token_key, None)
        self.memory.save()

    def fail(self, error: p.Error) -> None:
        # A refused join: the code's text, except where the client itself wrote the one
        # message that helps (an untrusted certificate, said as `invalid_state`).
        if error.code == "invalid_state":
            text = safe(error.message)
        else:
            text = refusal_text(self.t, None, error, code=self.shown_code)
        self.exit(2, 2, Text(text))

    # --- sending -------------------------------------------------------------------

    def send(self, command: p.Command) -> str | None:
        """Give a command a fresh id and hand it to the connection (sent now or later)."""
        if self.connection is None:
            return None
        command_id = self.connection.next_id()
        self.connection.send(msgspec.structs.replace(command, id=command_id))
        return command_id

    @on(Intent)
    def send_intent(self, intent: Intent) -> None:
        """Whatever a person asked for in the session, as the one command it means (and,
        for the few that need it, a second once the first is done)."""
        command_id = self.send(intent.command)
        if command_id is not None and type(intent).afterwards is not Intent.afterwards:
            self.pending_afterwards[command_id] = intent

    def on_facilitator_menu_export_requested(
        self, message: FacilitatorMenu.ExportRequested
    ) -> None:
        self.export(message.format)

    def on_lens_area_suggestion_dismissed(self, message: LensArea.SuggestionDismissed) -> None:
        self.dismiss_suggestion(message.suggestion_id)

    def on_facilitator_menu_admit_requested(self, message: FacilitatorMenu.AdmitRequested) -> None:
        if self.connection is not None:
            self.connection.request(p.Admit(self.connection.next_id(), message.waiting_id))

    def on_facilitator_menu_reject_requested(
        self, message: FacilitatorMenu.RejectRequested
    ) -> None:
        if self.connection is not None:
            self.connection.request(p.Reject(self.connection.next_id(), message.waiting_id))

    # --- what the server said ------------------------------------------------------

    def on_welcomed(self, message: m.Welcomed) -> None:
        self.fold_received()  # what came before the welcome is folded before it
        self.view = state.welcomed(self.view, message.welcome)
        if isinstance(self.screen, WaitingScreen):
            self.pop_screen()  # the facilitator let us in

    def on_waiting(self, message: m.Waiting) -> None:
        """The session admits newcomers: nothing of it is shown until we are let in."""
        if not isinstance(self.screen, WaitingScreen):
            self.push_screen(WaitingScreen(self.t, message.waiting.title))

    def on_lobby_changed(self, message: m.LobbyChanged) -> None:
        self.waiting = tuple(message.lobby.waiting)

    def on_events_received(self, message: m.EventsReceived) -> None:
        """Keep the events and fold them in one go, soon: at once after a quiet spell, and
        under a flood no sooner after the last fold than that fold took. One participant
        writing 25 statements a second then costs a redraw per batch, not per event, and
        the time between folds is left to keys (a key passes through several widgets'
        queues, each a turn of the event loop, so a fold in every turn starves it)."""
        self.unfolded.extend(message.events)
        if self.fold_due:
            return
        self.fold_due = True
        wait = self.fold_ready_at - time.monotonic()
        if wait > 0:
            self.set_timer(wait, self.fold_when_due)
        else:
            self.call_later(self.fold_when_due)

    def fold_when_due(self) -> None:
        self.fold_due = False
        self.fold_received()

    def fold_received(self) -> None:
        """Fold every event received so far, then redraw once. Called before any other
        message that reads or changes the view, so everything stays in the server's order."""
        events, self.unfolded = self.unfolded, []
        view = self.view
        if not events or view is None:
            return
        started = time.monotonic()
        try:
            self.fold_batch(view, events)
        finally:
            ended = time.monotonic()
            self.fold_ready_at = ended + max(FRAME, ended - started)

    def fold_batch(self, view: View, events: list[p.WireEvent]) -> None:
        try:
            view = state.folded_all(view, events)
        except (msgspec.ValidationError, KeyError, ValueError, TypeError):
            # An event this client cannot fold (a newer server, say): rather than show a
            # wrong session, start again from a fresh snapshot.
            if self.connection is not None:
                self.connection.resync()
            return
        self.view = view
        session = self.session_screen
        for event in events:
            if session is None:
                break
            # The moments a screen reacts to, beyond redrawing (the fold read them already).
            data = pe.from_wire(event.kind, event.data)
            match data:
                case pe.PhaseChangedView(phase=phase):
                    session.follow_phase(phase)
                case pe.RoundClosedView(round=rnd) | pe.RoundSplitRevealedView(round=rnd):
                    session.reveal(rnd)
                case _:
                    pass
            said = moment(self.t, view, data, event.actor)
            if said is not None:
                self.tell(said)

    def tell(self, said: Moment) -> None:
        """A moment of the room on this screen, and the bell unless it is switched off. A
        new moment replaces the last ones (the round that opened has closed since)."""
        self.clear_notifications()
        self.notify(said.text, markup=False, timeout=12)
        if said.loud and self.options.bell:
            self.bell()

    def on_session_header_timer_ran_out(self, message: SessionHeader.TimerRanOut) -> None:
        self.tell(timer_out(self.t, message.label))

    def on_acked(self, message: m.Acked) -> None:
        self.fold_received()  # an ack is judged against the events before it
        if self.view is not None:
            self.view = state.acked(self.view, message.command, message.ack)
        intent = self.pending_afterwards.pop(message.command.id, None)
        if intent is not None and message.ack.item_id is not None:
            then = intent.afterwards(message.ack.item_id)
            if then is not None:
                self.send(then)

    def on_refused(self, message: m.Refused) -> None:
        if message.command is not None:
            self.pending_afterwards.pop(message.command.id, None)
        reason = refusal_text(self.t, message.command, message.error, code=self.shown_code)
        text = self.t("notice.refused", message=reason)
        self.notify(text, markup=False, severity="error", timeout=6)

    def on_presence_changed(self, message: m.PresenceChanged) -> None:
        self.online = frozenset(message.online)

    def on_noticed(self, message: m.Noticed) -> None:
        if message.notice.code == "votes_released":
            text = self.t("notice.votes_released", id=safe(message.notice.draft_id))
            self.notify(text, markup=False, severity="warning", timeout=8)
        elif message.notice.code == "joined" and self.view is not None:
            self.fold_received()  # the join's event came before the notice
            who = next(
                (
                    x
                    for x in self.view.snapshot.participants
                    if x.id == message.notice.participant_id
                ),
                None,
            )
            if who is not None:
                name = safe(who.name) + (f" ({safe(who.profession)})" if who.profession else "")
                self.notify(self.t("notice.joined_late", name=name), markup=False, timeout=10)

    def on_link_changed(self, message: m.LinkChanged) -> None:
        self.link = message.status
        if message.status == "reconnecting" and message.delay:
            if message.reason == "cannot_connect":
                self.banner = self.t("error.cannot_connect", url=self.options.server or "")
            else:
                self.banner = self.t(
                    "banner.reconnecting",
                    delay=self.t.number(message.delay),
                    attempt=message.attempt,
                )
        elif message.status == "online":
            self.banner = ""
        elif message.status == "stopped" and message.reason == "replaced":
            self.banner = self.t("banner.replaced")
        elif message.status == "stopped" and message.reason in ("removed", "not_admitted"):
            # The facilitator's decision, in this person's language (close 4003 or 4004).
            self.banner = self.t(f"banner.{message.reason}")

    def export(self, fmt: p.ExportFormat) -> None:
        """Ask the server for the session's minutes or data; they arrive as ExportReady."""
        if self.connection is None:
            return
        request = p.Export(self.connection.next_id(), fmt, self.options.lang)
        if not self.connection.request(request):
            self.notify(self.t("export.offline"), markup=False, severity="error")

    def on_lens_updated(self, message: m.LensUpdated) -> None:
        self.lens = message.lens

    def dismiss_suggestion(self, suggestion_id: str) -> None:
        if self.connection is not None:
            self.connection.request(p.DismissSuggestion(self.connection.next_id(), suggestion_id))

    def on_export_ready(self, message: m.ExportReady) -> None:
        data = message.data
        folder = self.options.export_dir or platformdirs.user_downloads_path()
        # The server suggests a name, never a path, and never one with controls in it.
        name = safe(Path(data.filename).name).replace("/", "_") or "kerne-export"
        path = _free_path(folder / name)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if data.encoding == "base64":
                path.write_bytes(base64.b64decode(data.content))
            else:
                path.write_text(data.content, encoding="utf-8")
        except (OSError, ValueError) as exc:
            self.notify(self.t("export.failed", reason=str(exc)), markup=False, severity="error")
            return
        self.last_export = path
        self.notify(self.t("export.saved", path=str(path)), markup=False, timeout=10)

    def on_join_refused(self, message: m.JoinRefused) -> None:
        if message.error.code == "bad_resume_token" and self.token_key in self.memory.tokens:
            # The server forgot us (a new database): join afresh instead.
            del self.memory.tokens[self.token_key]
            self.memory.save()
            self.pop_screen()
            self.unfolded = []
            self.view = None
            self.run_worker(self.ask_who(), exclusive=True, group="join")
            return
        self.fail(message.error)

    @property
    def session_screen(self) -> SessionScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen):
                return screen
        return None


def _free_path(path: Path) -> Path:
    """`path`, or `name (2).ext` and so on if a file of that name is already there."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
    return candidate


def make_app(options: Options) -> KerneApp:
    """The one way to build the client, for the CLI and for tests alike."""
    return KerneApp(options)


def options_from(
    code: str,
    *,
    server: str | None = None,
    name: str | None = None,
    profession: str | None = None,
    observer: bool = False,
    facilitator_key: str | None = None,
    votes: bool = True,
    lang: str | None = None,
    config_dir: Path | None = None,
    export_dir: Path | None = None,
    cafile: str | None = None,
    env: dict[str, str] | None = None,
    bell: bool | None = None,
) -> Options:
    import os

    env = dict(os.environ) if env is None else env
    return Options(
        code=code,
        server=server or env.get("KERNE_SERVER") or None,
        name=name,
        profession=profession,
        observer=observer,
        facilitator_key=facilitator_key,
        votes=votes,
        lang=pick_language(lang, env),
        config_dir=config_dir,
        export_dir=export_dir,
        cafile=cafile or env.get("KERNE_CAFILE") or None,
        bell=bell if bell is not None else env.get("KERNE_BELL", "1") not in ("0", "off", "no"),
    )
