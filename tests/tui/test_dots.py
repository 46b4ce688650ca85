"""Dots as facilitators hand them out: a suggested number, and more than one per draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from kerne_tui.screens.round_dialog import RoundDialog, suggested_dots
from tests.realserver import Running
from tests.server.peer import join
from tests.tui.drive import client, joined, options, until

SCHOOL_DRAFTS = (
    "Alle elever lærer at læse og regne",
    "Eleverne trives i klassen og i frikvartererne",
    "Vi samarbejder med forældrene om hver elevs læring",
    "Eleverne lærer at arbejde sammen",
    "Skolen er et trygt sted at være",
    "Vi udfordrer de dygtigste elever",
)


@pytest.mark.parametrize(
    ("drafts", "dots"), [(1, 1), (2, 1), (4, 1), (5, 2), (6, 2), (9, 3), (12, 4), (40, 10)]
)
def test_suggested_dots_are_about_a_third_of_the_drafts(drafts: int, dots: int) -> None:
    """About a third of the drafts, at least one and at most a round's ten."""
    assert suggested_dots(drafts) == dots


async def test_the_round_dialog_suggests_dots_and_a_voter_stacks_two(
    server: Running, tmp_path: Path
) -> None:
    """Six drafts: the dialog starts at 2 dots; with 2 per draft, Ole puts both on one
    draft with space twice, sees "2 of your dots", and a third space takes both back."""
    ulla = await join(server.url, server.code, "Ulla", "Pædagog")
    for text in SCHOOL_DRAFTS:
        await ulla.ok("propose_draft", text=text)
    lise = client(server, tmp_path / "lise", "Lise", "Skoleleder", facilitator_key=server.key)
    ole = client(server, tmp_path / "ole", "Ole", "Lærer")
    async with lise.run_test(size=(120, 40)) as m, ole.run_test(size=(120, 40)) as o:
        await until(m, lambda: joined(lise))
        await until(o, lambda: joined(ole) and len(options(ole, "#draft-list")) == 6)
        await m.press("r")
        await until(m, lambda: isinstance(lise.screen, RoundDialog))
        assert lise.screen.query_one("#dots", Input).value == "2"
        await m.press("tab", "tab", "backspace", "2", "enter")  # past "blind" to per draft
        await until(o, lambda: ole.view is not None and ole.view.open_round is not None)
        assert ole.view is not None and ole.view.open_round is not None
        assert ole.view.open_round.per_draft == 2
        await o.press("space", "space")
        await until(o, lambda: "2 of your dots" in options(ole, "#draft-list")[0])
        await o.press("space")
        await until(o, lambda: "your dot" not in options(ole, "#draft-list")[0])
        assert ole.view.mine.my_votes == []
    await ulla.close()
