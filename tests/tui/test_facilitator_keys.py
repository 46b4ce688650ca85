"""What a facilitator reaches at a small terminal and what the round key means: a
menu longer than the screen scrolls to its highlighted entry, and `r` with only a
rating round open asks to close that round (a user trial at 80x24, in Danish)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import OptionList, Static

from kerne_tui.app import KerneApp
from kerne_tui.screens.choice import Choice
from kerne_tui.screens.confirm import Confirm
from kerne_tui.screens.help import HelpScreen
from kerne_tui.screens.rating_dialog import RatingDialog
from tests.realserver import Running
from tests.tui.drive import client, joined, pick, until
from tests.tui.screen_text import screen_text


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_menus_last_entry_is_in_view_when_highlighted_and_closes_the_meeting(
    server: Running, tmp_path: Path, size: tuple[int, int]
) -> None:
    """At a small terminal the manager walks the menu to its last entry: the list
    scrolls so it shows, and Enter asks whether to close the meeting."""
    mette = client(
        server, tmp_path / "mette", "Mette", "Leder", lang="da", facilitator_key=server.key
    )
    async with mette.run_test(size=size) as m:
        await until(m, lambda: joined(mette))
        await m.press("m")
        await until(m, lambda: isinstance(mette.screen, Choice))
        menu = mette.screen
        assert isinstance(menu, Choice)
        last = len(menu.choices) - 1
        assert menu.choices[last][0] == "close_session"
        await m.press("home", *["down"] * last)
        await m.pause()
        listed = menu.query_one("#choices", OptionList)
        assert listed.highlighted == last
        assert listed.scroll_offset.y > 0  # the list is longer than the room it has
        assert listed.region.bottom <= size[1]
        assert "Luk mødet" in screen_text(mette)
        await m.press("enter")
        await until(m, lambda: isinstance(mette.screen, Confirm))


async def test_r_with_only_a_rating_round_open_asks_to_close_that_round(
    server: Running, tmp_path: Path
) -> None:
    """The school leader opens an acceptance round, then presses r: she is asked to close
    the rating round, and confirming closes it without opening a dot round."""
    mette = client(
        server, tmp_path / "mette", "Mette", "Skoleleder", lang="da", facilitator_key=server.key
    )
    async with mette.run_test(size=(100, 32)) as m:
        await until(m, lambda: joined(mette))
        await m.press("n", *"Vi giver eleverne lyst til at lære", "enter")
        await until(m, lambda: mette.view is not None and bool(mette.view.snapshot.drafts))
        await m.press("m")
        await pick(m, mette, "rating_open")
        await until(m, lambda: isinstance(mette.screen, Choice) and len(mette.screen.choices) == 2)
        await m.press("enter")  # acceptance
        await until(m, lambda: isinstance(mette.screen, RatingDialog))
        await m.press("enter")
        await until(m, lambda: mette.view is not None and mette.view.open_rating is not None)
        await m.press("r")
        await until(m, lambda: isinstance(mette.screen, Confirm))
        assert isinstance(mette.screen, Confirm)
        assert str(mette.screen.question) == "Luk runden og vis svarene?"
        await m.press("enter")
        await until(m, lambda: mette.view is not None and mette.view.open_rating is None)
        assert mette.view is not None
        assert mette.view.open_round is None  # no dot round was opened


async def test_a_participant_is_told_and_sees_when_the_meeting_is_reopened_for_follow_up(
    server: Running, tmp_path: Path
) -> None:
    """The job centre's meeting is closed, then reopened: the caseworker is told so, and
    her header says it is open for follow-up, not read only."""
    mette = client(
        server, tmp_path / "mette", "Mette", "Leder", lang="da", facilitator_key=server.key
    )
    sara = client(server, tmp_path / "sara", "Sara", "Sagsbehandler", lang="da")
    async with mette.run_test(size=(100, 32)) as m, sara.run_test(size=(100, 32)) as s:
        await until(m, lambda: joined(mette))
        await until(s, lambda: joined(sara))
        await m.press("m")
        await pick(m, mette, "close_session")
        await until(m, lambda: isinstance(mette.screen, Confirm))
        assert isinstance(mette.screen, Confirm)
        assert "Ingen kan ændre" not in str(mette.screen.question)
        await m.press("enter")
        closed = "Facilitatoren har lukket mødet"
        await until(s, lambda: any(closed in str(n.message) for n in sara._notifications))
        await until(s, lambda: "lukket: kun læsning" in screen_text(sara))
        await m.press("m")
        await pick(m, mette, "reopen")
        await until(m, lambda: isinstance(mette.screen, Confirm))
        await m.press("enter")
        told = "Facilitatoren har genåbnet mødet til opfølgning"
        await until(s, lambda: any(told in str(n.message) for n in sara._notifications))
        await until(s, lambda: "åben for opfølgning" in screen_text(sara))
        assert "kun læsning" not in screen_text(sara)


def help_keys(app: KerneApp) -> str:
    """The help's page of keys as plain text, as wide as the dialog draws it."""
    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(app.screen.query_one("#help-body", Static).content)
    return console.export_text()


async def test_the_danish_help_lists_y_for_ydelse_and_says_who_may_follow_up(
    server: Running, tmp_path: Path
) -> None:
    """The nurse's help (?) in Danish names one key for ydelse, y, and says that the
    follow-up of a conflict is for the facilitator or for everyone in the wrap-up."""
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske", lang="da")
    async with anne.run_test(size=(110, 34)) as a:
        await until(a, lambda: joined(anne))
        await a.press("question_mark")
        await until(a, lambda: isinstance(anne.screen, HelpScreen))
        await a.press("right", "right", "right")  # past the method's three pages
        keys = [" ".join(line.split()) for line in help_keys(anne).splitlines()]
        assert "y Ydelse" in keys
        assert "o Ydelse" not in keys
        said = " ".join(" ".join(keys).split())  # a long description wraps
        assert "f Opfølgning: ansvarlig, forum, dato, niveauet over" in said
        assert "niveauet over (facilitator, eller alle i opsamlingen)" in said
