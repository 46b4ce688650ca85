"""SVG snapshots that pin how each screen looks, in Danish and in English.

The app runs against a real `kerne-server` process whose session was filled in advance
through the wire protocol: a school's workshop with drafts, a closed round, tagged
statements and recorded conflicts. Update with `pytest --snapshot-update` after a
deliberate change of look, and read the new SVGs before committing them.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from websockets.sync.client import ClientConnection, connect

from kerne_tui.app import KerneApp, make_app, options_from
from kerne_tui.demo import stop_server
from kerne_tui.screens.conflict_form import ConflictForm
from kerne_tui.screens.follow_form import FollowForm
from kerne_tui.screens.help import HelpScreen
from kerne_tui.screens.join import JoinScreen
from kerne_tui.screens.reveal import RevealScreen
from kerne_tui.screens.waiting import WaitingScreen
from server.hub import create_session
from server.model import SessionInfo
from server.store import Store

CODE = "K7QXM2PA"
SIZE = (110, 34)
Snap = Callable[..., bool]


@dataclass
class School:
    url: str
    key: str
    home: Path


class Speaker:
    """One colleague typing into the session through the plain protocol."""

    def __init__(self, ws: ClientConnection, name: str, profession: str, **extra: Any) -> None:
        self.ws = ws
        self.n = 0
        self.hello(name=name, profession=profession, **extra)

    def hello(self, **fields: Any) -> None:
        self.ws.send(
            json.dumps({"type": "hello", "id": "h", "protocol": 1, "code": CODE, **fields})
        )
        assert json.loads(self.ws.recv())["type"] == "welcome"

    def do(self, kind: str, **fields: Any) -> None:
        self.n += 1
        cid = f"c{self.n}"
        self.ws.send(json.dumps({"type": kind, "id": cid, **fields}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == cid:
                assert message["type"] == "ack", message
                return


def fill(url: str, key: str) -> None:
    """A school's workshop, halfway through: what the screens are meant to show."""
    with contextlib.ExitStack() as stack:

        def speaker(name: str, profession: str, **extra: Any) -> Speaker:
            # An unbounded queue: these clients never read events, only their acks.
            ws = stack.enter_context(connect(url, max_queue=None, close_timeout=1))
            return Speaker(ws, name, profession, **extra)

        fill_with(
            speaker("Mette", "Skoleleder", role="facilitator", facilitator_key=key, votes=False),
            speaker("Lars", "Lærer"),
            speaker("Lise", "Lærer"),
            speaker("Lone", "Lærer"),
            speaker("Pia", "Pædagog"),
            speaker("Peter", "Pædagog"),
            speaker("Per", "pædagog"),
        )


def fill_with(
    mette: Speaker,
    lars: Speaker,
    lise: Speaker,
    lone: Speaker,
    pia: Speaker,
    peter: Speaker,
    per: Speaker,
) -> None:
    lars.do("propose_draft", text="Alle elever lærer så meget, som de kan")
    pia.do("propose_draft", text="Børn og unge trives og lærer i fællesskaber")
    lone.do("propose_draft", text="Vi giver undervisning efter Fælles Mål")
    pia.do(
        "revise_draft",
        draft_id="d2",
        text="Alle børn trives, lærer og udvikler sig i fællesskaber, sammen med deres forældre",
    )
    lone.do("withdraw_draft", draft_id="d3")
    mette.do("open_round", dots=2, blind=False)
    for who, drafts in (
        (lars, ["d1", "d2"]),
        (lise, ["d1"]),
        (lone, ["d1"]),
        (pia, ["d2"]),
        (peter, ["d2", "d1"]),
        (per, ["d2"]),
    ):
        for draft in drafts:
            who.do("cast_vote", draft_id=draft)
    mette.do("close_round")
    mette.do("finalize_draft", draft_id="d2")
    # The second round is blind and still open: the reveal closes it.
    mette.do("open_round", dots=1, blind=True)
    for who, draft in (
        (lars, "d1"),
        (lise, "d1"),
        (lone, "d2"),
        (pia, "d2"),
        (peter, "d2"),
        (per, "d2"),
    ):
        who.do("cast_vote", draft_id=draft)
    statements = [
        "Antal timer med to voksne i klassen",
        "Eleverne kan læse, når de forlader 3. klasse",
        "Forældre kommer til skole-hjem-samtaler",
    ]
    for text in statements:
        lise.do("add_statement", text=text)
    for who, tags in ((lars, "oeo"), (lise, "oeo"), (lone, "oee"), (pia, "eee"), (peter, "ooe")):
        for index, tag in enumerate(tags):
            who.do(
                "tag_statement",
                statement_id=f"s{index + 1}",
                tag="output" if tag == "o" else "effect",
            )
    mette.do("classify_statement", statement_id="s2", tag="effect")
    pia.do(
        "record_conflict",
        title="Tid til forældresamarbejde eller til undervisning",
        description="Lærerne vil bruge timerne i klassen; pædagogerne vil have tid til hjemmene.",
        professions=["Lærer", "Pædagog"],
        refs=[{"kind": "statement", "id": "s3"}],
    )
    lars.do(
        "record_conflict",
        title="Faglighed eller trivsel først",
        professions=["Lærer"],
        refs=[{"kind": "draft", "id": "d2"}],
    )
    mette.do(
        "update_conflict",
        conflict_id="c1",
        status="discussed",
        note="Vi afprøver faste trivselstimer i 4. klasse",
    )
    mette.do("set_phase", phase="voting")


@pytest.fixture
def school(tmp_path: Path) -> Iterator[School]:
    """A real server process with the workshop filled in: snapshots need a fixed code and
    a fixed history, and snap_compare runs its own event loop, so no in-process server."""
    db = tmp_path / "k.db"
    store = Store(db)
    info = SessionInfo(
        code=CODE,
        title="Skolen ved Søen: vores kerneopgave",
        level="institution",
        parent_task="Alle børn og unge lærer og trives",
        professions=["Lærer", "Pædagog", "Psykolog", "Sekretær"],
        sector="school",
    )
    _, key = create_session(store, info)
    store.close()
    ready = tmp_path / "ready.json"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "server",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--db",
            str(db),
            "--session",
            CODE,
            "--ready-file",
            str(ready),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            if ready.exists() and ready.read_text():
                break
            time.sleep(0.05)
        url = json.loads(ready.read_text())["url"]
        fill(url, key)
        yield School(url, key, tmp_path / "home")
    finally:
        stop_server(process)


def app_for(school: School, lang: str, **options: Any) -> KerneApp:
    return make_app(
        options_from(CODE, server=school.url, lang=lang, config_dir=school.home, env={}, **options)
    )


def settled(keys: tuple[str, ...] = (), screen: type | None = None) -> Callable[..., Any]:
    """Wait until the app shows the whole session, press keys, wait for a screen."""

    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, KerneApp)
        for _ in range(500):
            if app.view is not None and app.link == "online" and app.view.seq >= 1:
                break
            await pilot.pause(0.02)
        await pilot.press(*keys)
        for _ in range(500):
            if screen is None or isinstance(app.screen, screen):
                break
            await pilot.pause(0.02)
        await pilot.pause(0.3)
        await steady(pilot)

    return run_before


async def steady(pilot: Pilot[Any]) -> None:
    """Still cursors, then until two pictures of the screen 0.1 s apart are the same (at
    most 3 s): on a busy machine a footer or a list could still be redrawing after the
    fixed pause."""
    # A focused field's cursor blinks on a 0.5 s clock, so which phase the picture caught
    # depended on how loaded the machine was (the conflict form at 80x24 failed so under
    # the full suite). Without the blink the cursor stays drawn; users still see it blink.
    for screen in pilot.app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False
    before = pilot.app.export_screenshot()
    for _ in range(30):
        await pilot.pause(0.1)
        now = pilot.app.export_screenshot()
        if now == before:
            return
        before = now


LANGS = pytest.mark.parametrize("lang", ["da", "en"])


@LANGS
def test_join_screen(snap_compare: Snap, school: School, lang: str) -> None:
    """The join screen: session title, name, the session's professions."""

    async def run_before(pilot: Pilot[Any]) -> None:
        for _ in range(500):
            if isinstance(pilot.app.screen, JoinScreen):
                break
            await pilot.pause(0.02)
        await pilot.press(*"Sofie")
        await pilot.pause(0.2)
        await steady(pilot)

    assert snap_compare(app_for(school, lang), terminal_size=SIZE, run_before=run_before)


@LANGS
def test_core_task_area(snap_compare: Snap, school: School, lang: str) -> None:
    """Drafts with versions, the final one, a withdrawn one, and the last round's dots."""
    app = app_for(school, lang, name="Sofie", profession="Psykolog")
    assert snap_compare(app, terminal_size=SIZE, run_before=settled(("1",)))


@LANGS
def test_statements_area(snap_compare: Snap, school: School, lang: str) -> None:
    """Statements with their output/effect split, a disputed one, an agreed class."""
    app = app_for(school, lang, name="Sofie", profession="Psykolog")
    assert snap_compare(app, terminal_size=SIZE, run_before=settled(("2", "o")))


@LANGS
def test_conflicts_area(snap_compare: Snap, school: School, lang: str) -> None:
    """The register: status, professions, linked items and notes."""
    app = app_for(school, lang, name="Sofie", profession="Psykolog")
    assert snap_compare(app, terminal_size=SIZE, run_before=settled(("3",)))


@LANGS
def test_reveal(snap_compare: Snap, school: School, lang: str) -> None:
    """The facilitator closes a blind round: the tally and, under the k-rule, by profession."""
    app = app_for(
        school,
        lang,
        name="Marianne",
        profession="Skoleleder",
        facilitator_key=school.key,
        votes=False,
    )
    keys = ("r", "enter")  # close the open blind round: Enter presses "Close the round"
    assert snap_compare(app, terminal_size=SIZE, run_before=settled(keys, RevealScreen))


@LANGS
def test_help_screen(snap_compare: Snap, school: School, lang: str) -> None:
    """Every key, grouped by where it works."""
    app = app_for(school, lang, name="Sofie", profession="Psykolog")
    assert snap_compare(app, terminal_size=SIZE, run_before=settled(("question_mark",), HelpScreen))


@LANGS
def test_lens_area(snap_compare: Snap, school: School, lang: str) -> None:
    """The facilitator's lens: where professions split, and who takes part how much."""
    app = app_for(
        school,
        lang,
        name="Marianne",
        profession="Skoleleder",
        facilitator_key=school.key,
        votes=False,
    )

    async def run_before(pilot: Pilot[Any]) -> None:
        await settled()(pilot)
        assert isinstance(pilot.app, KerneApp)
        for _ in range(500):
            if pilot.app.lens is not None:
                break
            await pilot.pause(0.02)
        await pilot.press("4")
        await pilot.pause(0.3)
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@LANGS
def test_waiting_screen(snap_compare: Snap, school: School, lang: str) -> None:
    """A newcomer while the facilitator admits people: the title, and nothing else."""
    with connect(school.url, close_timeout=1) as ws:
        Speaker(ws, "Mette", "Skoleleder", role="facilitator", facilitator_key=school.key).do(
            "set_admission", admit=True
        )
    app = app_for(school, lang, name="Sofie", profession="Psykolog")

    async def run_before(pilot: Pilot[Any]) -> None:
        for _ in range(500):
            if isinstance(pilot.app.screen, WaitingScreen):
                break
            await pilot.pause(0.02)
        await pilot.pause(0.3)
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


SMALL = pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
AREAS = pytest.mark.parametrize(
    "area", ["1", "2", "3", "4"], ids=["core", "statements", "conflicts", "lens"]
)


@LANGS
@SMALL
@AREAS
def test_area_on_a_small_terminal(
    snap_compare: Snap, school: School, lang: str, size: tuple[int, int], area: str
) -> None:
    """Every area as the facilitator sees it at 80x24 and 60x20: the people panel folded
    away, the phase's instruction and the footer still readable."""
    app = app_for(
        school,
        lang,
        name="Marianne",
        profession="Skoleleder",
        facilitator_key=school.key,
        votes=False,
    )

    async def run_before(pilot: Pilot[Any]) -> None:
        await settled()(pilot)
        assert isinstance(pilot.app, KerneApp)
        for _ in range(500):
            if pilot.app.lens is not None:
                break
            await pilot.pause(0.02)
        await pilot.press(area)
        await pilot.pause(0.3)
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@LANGS
def test_conflict_form_on_a_small_terminal(snap_compare: Snap, school: School, lang: str) -> None:
    """Recording a dilemma at 80x24: title, text, kind, two sides, professions, one a line."""
    app = app_for(school, lang, name="Sofie", profession="Psykolog")
    keys = ("3", "n")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled(keys, ConflictForm))


@LANGS
def test_follow_form_on_a_small_terminal(snap_compare: Snap, school: School, lang: str) -> None:
    """Following a conflict up at 80x24: owner, forum, date, the level above."""
    app = app_for(
        school, lang, name="Marianne", profession="Skoleleder", facilitator_key=school.key
    )
    keys = ("3", "f")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled(keys, FollowForm))
