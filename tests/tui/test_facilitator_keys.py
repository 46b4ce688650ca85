"""What a facilitator reaches at a small terminal and what the round key means: a
menu longer than the screen scrolls to its highlighted entry, and `r` with only a
rating round open asks to close that round (a user trial at 80x24, in Danish)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from kerne_tui.screens.choice import Choice
from kerne_tui.screens.confirm import Confirm
from tests.realserver import Running
from tests.tui.drive import client, joined, until
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
