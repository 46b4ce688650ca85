"""The client as people use it, driven with Pilot against the real server."""

from __future__ import annotations

from pathlib import Path

from kerne_tui.screens.join import JoinScreen
from tests.realserver import Running
from tests.tui.drive import client, joined, options, until


async def test_join_screen_asks_name_and_profession(server: Running, tmp_path: Path) -> None:
    """Without --name/--profession the join screen asks, offering the session's list."""
    app = client(server, tmp_path / "anne")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, JoinScreen))
        assert "Sygeplejerske" in options(app, "#pick")
        await pilot.press(*"Anne", "enter")
        await pilot.press(*"Sygeplejerske", "enter")
        await until(pilot, lambda: joined(app))
        assert app.view is not None and app.view.me.profession == "Sygeplejerske"
    assert app.memory.name == "Anne"  # remembered for next time


async def test_two_clients_see_each_others_drafts(server: Running, tmp_path: Path) -> None:
    """A draft proposed in one terminal appears in the other at once."""
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    dina = client(server, tmp_path / "dina", "Dina", "Social- og sundhedsassistent")
    async with anne.run_test(size=(120, 40)) as a, dina.run_test(size=(120, 40)) as d:
        await until(a, lambda: joined(anne))
        await until(d, lambda: joined(dina))
        await a.press("n")
        await a.press(*"Beboeren lever et trygt liv", "enter")
        await until(d, lambda: any("trygt liv" in x for x in options(dina, "#drafts")))
        await until(a, lambda: any("yours" in x for x in options(anne, "#drafts")))
