"""A list is redrawn only when what it shows changed: with hundreds of drafts, redrawing
every list on every event lags a room."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tests.realserver import Running
from tests.server.peer import join
from tests.tui.drive import client, joined, options, until


async def test_a_statement_leaves_the_drafts_as_drawn(server: Running, tmp_path: Path) -> None:
    """A colleague's new statement does not redraw the draft list; a new draft does."""
    dina = await join(server.url, server.code, "Dina", "Social- og sundhedsassistent")
    await dina.ok("propose_draft", text="Beboeren lever et trygt liv")
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(anne) and len(options(anne, "#draft-list")) == 1)
        drafts = anne.screen.query_one("#draft-list", OptionList)
        drawn = drafts.get_option_at_index(0)
        await dina.ok("add_statement", text="Antal faldulykker pr. måned")
        await until(a, lambda: len(options(anne, "#statement-list")) == 1)
        assert drafts.get_option_at_index(0) is drawn
        await dina.ok("propose_draft", text="Beboeren mestrer sin hverdag")
        await until(a, lambda: len(options(anne, "#draft-list")) == 2)
        assert drafts.get_option_at_index(0) is not drawn
