"""The method on screen, in the participant's language: refusals, dialogs, the moments
of the room, and the phase's instruction (issue 15)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button

from kerne_tui.app import KerneApp
from kerne_tui.screens.confirm import Confirm
from kerne_tui.screens.round_dialog import RoundDialog
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
