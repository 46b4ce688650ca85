"""What the minutes carry and what a writer has at hand, under the Pilot against the real
server: the facilitator's menu entry for the tables per profession, and the agreed
statements beside the draft being written."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label

from kerne_tui.app import KerneApp
from kerne_tui.screens.choice import Choice
from kerne_tui.screens.draft_prompt import DraftPrompt
from tests.realserver import Running
from tests.server.peer import join
from tests.tui.drive import client, joined, pick, until


def tables_setting(app: KerneApp) -> object:
    assert app.view is not None
    return app.view.snapshot.session.settings.minutes_tables


def menu_labels(app: KerneApp) -> dict[str, str]:
    screen = app.screen
    assert isinstance(screen, Choice)
    return dict(screen.choices)


async def test_the_facilitator_puts_the_tables_in_and_takes_them_out_from_the_menu(
    server: Running, tmp_path: Path
) -> None:
    """In an anonymous session the entry offers to put them in; chosen, it offers the reverse."""
    mette = client(server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key)
    async with mette.run_test(size=(120, 40)) as m:
        await until(m, lambda: joined(mette))
        await m.press("m")
        await until(m, lambda: isinstance(mette.screen, Choice))
        assert menu_labels(mette)["minutes_tables"] == (
            "Put the tables per profession in the minutes"
        )
        await pick(m, mette, "minutes_tables")
        await until(m, lambda: tables_setting(mette) is True)
        await m.press("m")
        await until(m, lambda: isinstance(mette.screen, Choice))
        assert menu_labels(mette)["minutes_tables"] == (
            "Leave the tables per profession out of the minutes"
        )
        await pick(m, mette, "minutes_tables")
        await until(m, lambda: tables_setting(mette) is False)
    session = server.hub.sessions[server.code].state
    assert session.minutes_tables is False


async def test_a_participant_gets_no_such_entry(server: Running, tmp_path: Path) -> None:
    """Only the facilitator decides: a participant's screen has no menu entry for it."""
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(anne))
        await a.press("m")
        await a.pause(0.1)
        assert not isinstance(anne.screen, Choice)


def blocks_text(app: KerneApp) -> str:
    found = app.screen.query("#blocks")
    return str(found.first(Label).content) if found else ""


async def test_the_draft_prompt_shows_the_agreed_statements_as_building_blocks(
    server: Running, tmp_path: Path
) -> None:
    """Agreed effects are listed under the input, an agreed output marked as such."""
    mette = await join(
        server.url, server.code, "Mette", "Leder", role="facilitator", facilitator_key=server.key
    )
    effect = "Beboeren bestemmer selv over sin dag"
    output = "Beboeren får bad to gange om ugen"
    await mette.ok("add_statement", text=effect)
    await mette.ok("add_statement", text=output)
    await mette.ok("add_statement", text="Vi [bold]griner[/bold] sammen")  # not agreed
    await mette.ok("classify_statement", statement_id="s1", tag="effect")
    await mette.ok("classify_statement", statement_id="s2", tag="output")
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske", lang="da")
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(anne))
        await a.press("n")
        await until(a, lambda: isinstance(anne.screen, DraftPrompt))
        shown = blocks_text(anne)
        assert "Aftalt som effekt (byggesten):" in shown and f"• {effect}" in shown
        assert "Aftalt som ydelse (det, vi leverer):" in shown and f"• {output}" in shown
        assert shown.index(effect) < shown.index("Aftalt som ydelse")
        assert "griner" not in shown
    await mette.close()


async def test_without_agreed_statements_the_draft_prompt_says_nothing_of_them(
    server: Running, tmp_path: Path
) -> None:
    """Statements written but not agreed give no list at all."""
    mette = await join(
        server.url, server.code, "Mette", "Leder", role="facilitator", facilitator_key=server.key
    )
    await mette.ok("add_statement", text="Beboeren bestemmer selv over sin dag")
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(anne))
        await a.press("n")
        await until(a, lambda: isinstance(anne.screen, DraftPrompt))
        await until(a, lambda: bool(anne.screen.query("#coach")))
        assert not anne.screen.query("#blocks")
    await mette.close()
