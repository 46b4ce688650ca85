"""The method on screen, in the participant's language: refusals, dialogs, the moments
of the room, and the phase's instruction (issue 15)."""

from __future__ import annotations

from pathlib import Path

from kerne_tui.app import KerneApp
from tests.realserver import Running
from tests.tui.drive import client, joined, options, until


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
