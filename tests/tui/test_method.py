"""The method on screen, in the participant's language: refusals, dialogs, the moments
of the room, and the phase's instruction (issue 15)."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.widgets import Button, Static, TabbedContent

from kerne_tui.app import KerneApp
from kerne_tui.screens.confirm import Confirm
from kerne_tui.screens.help import HelpScreen
from kerne_tui.screens.round_dialog import RoundDialog
from kerne_tui.screens.text_prompt import TextPrompt
from tests.realserver import Running, nursing_home, run_server
from tests.server.peer import join
from tests.tui.drive import client, joined, options, static, until


def notices(app: KerneApp) -> list[str]:
    """The text of every notice the app has shown and not yet taken down."""
    return [str(n.message) for n in app._notifications]


async def test_a_refused_vote_is_explained_in_danish(server: Running, tmp_path: Path) -> None:
    """A vote with no round open is refused; the Danish client says so in Danish."""
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske", lang="da")
    async with anne.run_test(size=(100, 30)) as a:
        await until(a, lambda: joined(anne))
        await a.press("n", *"Beboeren lever et trygt liv", "enter")
        await until(a, lambda: len(options(anne, "#draft-list")) == 1)
        await a.press("space")
        await until(a, lambda: any("afstemningsrunde" in n for n in notices(anne)))
        shown = " ".join(notices(anne))
        assert "Ikke udført: Der er ingen åben afstemningsrunde." in shown
        assert "no voting round" not in shown


async def test_enter_on_a_confirmation_performs_its_action(server: Running, tmp_path: Path) -> None:
    """The facilitator closes a round: the focused button says "Luk runden", and Enter
    closes it; → then Enter on the other button would have cancelled."""
    mette = client(
        server, tmp_path / "mette", "Mette", "Leder", lang="da", facilitator_key=server.key
    )
    async with mette.run_test(size=(100, 30)) as m:
        await until(m, lambda: joined(mette))
        await m.press("r")
        await until(m, lambda: isinstance(mette.screen, RoundDialog))
        await m.press("enter")
        await until(m, lambda: mette.view is not None and mette.view.open_round is not None)
        await m.press("r")
        await until(m, lambda: isinstance(mette.screen, Confirm))
        focused = mette.screen.focused
        assert isinstance(focused, Button) and str(focused.label) == "Luk runden"
        await m.press("right")
        assert mette.screen.focused is not focused  # arrows move between the buttons
        await m.press("left", "enter")
        await until(m, lambda: mette.view is not None and mette.view.open_round is None)
        assert mette.view is not None and len(mette.view.snapshot.rounds) == 1


async def test_a_round_opening_reaches_a_participant_in_another_area(
    server: Running, tmp_path: Path
) -> None:
    """Anne is tagging statements when the round opens: a notice tells her what to do,
    in Danish, and the round line says how many of those who may vote have voted."""
    mette = client(
        server, tmp_path / "mette", "Mette", "Leder", lang="da", facilitator_key=server.key
    )
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske", lang="da")
    async with mette.run_test(size=(100, 30)) as m, anne.run_test(size=(100, 30)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await a.press("2")
        assert anne.screen.query_one(TabbedContent).active == "statements"
        await m.press("r")
        await until(m, lambda: isinstance(mette.screen, RoundDialog))
        await m.press("enter")  # 3 dots
        await until(a, lambda: any("Runde 1 er åben" in n for n in notices(anne)))
        told = next(n for n in notices(anne) if "Runde 1 er åben" in n)
        assert "du har 3 prikker" in told and "mellemrum" in told
        assert "0 af 2 har stemt" in static(anne, "#round")
        assert not any("Runde 1 er åben" in n for n in notices(mette))  # she opened it


async def test_a_late_joiner_lands_on_the_phase_s_area(server: Running, tmp_path: Path) -> None:
    """The room is sorting statements: someone joining now starts in that area."""
    mette = client(server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key)
    async with mette.run_test(size=(100, 30)) as m:
        await until(m, lambda: joined(mette))
        await m.press("right_square_bracket")  # check-in -> statements
        await until(
            m, lambda: mette.view is not None and mette.view.snapshot.session.phase == "statements"
        )
        dina = client(server, tmp_path / "dina", "Dina", "Ergoterapeut")
        async with dina.run_test(size=(100, 30)) as d:
            await until(d, lambda: joined(dina))
            await d.pause(0.1)
            assert dina.screen.query_one(TabbedContent).active == "statements"


async def test_time_running_out_is_told_on_every_screen(server: Running, tmp_path: Path) -> None:
    """A two-second countdown ends: the participant is told, in her language."""
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske", lang="da")
    async with anne.run_test(size=(100, 30)) as a:
        await until(a, lambda: joined(anne))
        mette = await join(
            server.url,
            server.code,
            "Mette",
            "Leder",
            role="facilitator",
            facilitator_key=server.key,
        )
        await mette.ok("start_timer", seconds=2, label="Skriv udsagn")
        await until(a, lambda: any("Tiden er gået: Skriv udsagn" in n for n in notices(anne)))
        await mette.close()


async def test_an_edited_instruction_appears_on_every_screen(
    server: Running, tmp_path: Path
) -> None:
    """The facilitator rewrites the check-in's instruction with i: Anne's screen shows it
    under the header at once, and the default is gone."""
    mette = client(server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key)
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske", lang="da")
    async with mette.run_test(size=(100, 30)) as m, anne.run_test(size=(100, 30)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        assert "gjorde en forskel for en borger" in static(anne, "#instruction")
        await m.press("i")
        await until(m, lambda: isinstance(mette.screen, TextPrompt))
        await m.press("ctrl+u", *"Fortæl om en beboer, der fik en god dag", "enter")
        await until(a, lambda: "en beboer, der fik en god dag" in static(anne, "#instruction"))
        assert "gjorde en forskel" not in static(anne, "#instruction")
        assert "en beboer, der fik en god dag" in static(mette, "#instruction")


async def test_the_statements_area_explains_ydelse_and_effekt(tmp_path: Path) -> None:
    """In a care session the definitions come with a care example, stay until Anne has
    tagged three statements, and come back with d; y tags ydelse on a Danish screen."""
    info = nursing_home()
    info.sector = "care"
    server = await run_server(tmp_path, info)
    try:
        anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske", lang="da")
        async with anne.run_test(size=(110, 34)) as a:
            await until(a, lambda: joined(anne))
            await a.press("2")
            shown = static(anne, "#definitions")
            assert "Ydelse: det, vi gør" in shown and "Fru Jensen" in shown
            for text in ("Bad to gange om ugen", "Beboeren føler sig tryg", "Vi ringer hver dag"):
                await a.press("n", *text, "enter")
            await until(a, lambda: len(options(anne, "#statement-list")) == 3)
            await a.press("home", "y", "down", "e", "down", "y")
            await until(a, lambda: anne.view is not None and len(anne.view.mine.my_tags) == 3)
            assert anne.view is not None and anne.view.mine.my_tags["s1"] == "output"
            await until(a, lambda: not anne.screen.query_one("#definitions").display)
            await a.press("d")
            assert anne.screen.query_one("#definitions").display
    finally:
        await server.stop()


async def test_a_school_reads_ydelse_and_effekt_about_its_pupils(tmp_path: Path) -> None:
    """In a school session the definitions speak of the pupil, not of the citizen."""
    info = nursing_home()
    info.sector = "school"
    server = await run_server(tmp_path, info)
    try:
        lars = client(server, tmp_path / "lars", "Lars", "Lærer", lang="da")
        async with lars.run_test(size=(110, 34)) as a:
            await until(a, lambda: joined(lars))
            await a.press("2")
            shown = static(lars, "#definitions")
            assert "om eleven fik gavn" in shown and "borger" not in shown
    finally:
        await server.stop()


async def test_help_explains_the_method_before_the_keys(server: Running, tmp_path: Path) -> None:
    """? opens on the three shifts; → turns to the levels, then conflicts, then the keys."""
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske", lang="da")
    async with anne.run_test(size=(110, 34)) as a:
        await until(a, lambda: joined(anne))
        await a.press("question_mark")
        await until(a, lambda: isinstance(anne.screen, HelpScreen))
        assert "Fra ydelse til effekt" in static(anne, "#help-body")
        await a.press("right")
        assert "niveauet over" in static(anne, "#help-body")
        await a.press("right")
        assert "ikke et nederlag" in static(anne, "#help-body")
        await a.press("right")
        keys = anne.screen.query_one("#help-body", Static).content
        console = Console(width=100, file=io.StringIO(), record=True)
        console.print(keys)
        assert "mellemrum" in console.export_text()  # the keys, named in Danish
