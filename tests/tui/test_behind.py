"""A terminal the server cut for falling too far behind (close code 4001) resumes by
itself and shows what it missed, driven with Pilot against the real server."""

from __future__ import annotations

from pathlib import Path

from server.budget import CLOSE_BEHIND
from tests.realserver import Running
from tests.tui.drive import client, joined, options, until


async def test_terminal_cut_for_falling_behind_resumes_and_catches_up(
    server: Running, tmp_path: Path
) -> None:
    """Cut with 4001, the terminal says goodbye with 4001, resumes, and has the news."""
    mette = client(server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key)
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        assert anne.view is not None
        live = server.hub.sessions[server.code]
        cut = server.hub.sockets[live.connections[anne.view.me.id]]
        server.hub.budget.cut_behind(cut)  # what the output budget does to the furthest behind
        await until(a, lambda: anne.link == "reconnecting")
        assert cut.close_code == CLOSE_BEHIND  # the terminal answered the very code
        await m.press("n", *"Beboeren bestemmer selv over sin dag", "enter")
        await until(a, lambda: joined(anne))
        await until(a, lambda: any("sin dag" in x for x in options(anne, "#draft-list")))
