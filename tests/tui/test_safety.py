"""Psychological safety in the real app: the facilitator reveals a held round split from
the menu, and switches blind tagging, while a participant's screen shows "hidden"."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, Static

from kerne_tui.app import KerneApp
from kerne_tui.screens.confirm import Confirm
from kerne_tui.screens.reveal import RevealScreen
from kerne_tui.screens.round_dialog import RoundDialog
from tests.realserver import Running
from tests.server.peer import Peer, join
from tests.tui.drive import client, joined, options, pick, static, until

NURSE, CARE = "Sygeplejerske", "Social- og sundhedsassistent"


async def ward(server: Running) -> list[Peer]:
    """Three nurses and three care assistants, and two drafts to vote on."""
    people = [await join(server.url, server.code, n, NURSE) for n in ("Bo", "Cille", "Dorte")]
    people += [await join(server.url, server.code, n, CARE) for n in ("Emil", "Finn", "Gry")]
    await people[0].ok("propose_draft", text="Beboeren mestrer sin egen hverdag")
    await people[3].ok("propose_draft", text="Vi giver bad to gange om ugen")
    return people


def result(app: KerneApp) -> str:
    """The reveal screen's text, as the person reads it."""
    screen = app.screen
    assert isinstance(screen, RevealScreen)
    return str(screen.query_one("#result", Static).content)


async def test_facilitator_reveals_a_held_split_from_the_menu(
    server: Running, tmp_path: Path
) -> None:
    """Closed with the split held, Anne reads that it comes later; the menu shows it."""
    people = await ward(server)
    mette = client(
        server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key, votes=False
    )
    anne = client(server, tmp_path / "anne", "Anne", NURSE)
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await m.press("m")
        await pick(m, mette, "round_open")
        await until(m, lambda: isinstance(mette.screen, RoundDialog))
        assert mette.screen.query_one("#hold", Checkbox).value  # held unless unticked
        await m.press("enter")
        await until(a, lambda: anne.view is not None and anne.view.open_round is not None)
        for peer, draft in zip(people, ["d1"] * 3 + ["d2"] * 3, strict=True):
            await peer.ok("cast_vote", draft_id=draft)
        await m.press("r")
        await until(m, lambda: isinstance(mette.screen, Confirm))
        await m.press("enter")
        await until(a, lambda: isinstance(anne.screen, RevealScreen))
        assert "The facilitator shows the split by profession" in result(anne)
        assert CARE not in result(anne)
        await a.press("escape")
        await until(m, lambda: isinstance(mette.screen, RevealScreen))
        assert "Held back from participants" in result(mette)
        await m.press("escape")
        await until(m, lambda: "Round 1" in static(mette, "#lens-held"))
        assert f"{CARE}: d2 3" in static(mette, "#lens-held")  # the facilitator sees it
        await m.press("m")
        await pick(m, mette, "round_split")
        await until(a, lambda: isinstance(anne.screen, RevealScreen) and CARE in result(anne))
        assert NURSE in result(anne)


async def test_statements_show_hidden_while_tagging_is_blind(
    server: Running, tmp_path: Path
) -> None:
    """Blind tagging from the menu: Anne's list says hidden, keeps her tag, and shows
    the counts again when the facilitator shows the tags."""
    people = await ward(server)
    await people[0].ok("add_statement", text="Fru Hansen går selv i haven igen")
    mette = client(
        server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key, votes=False
    )
    anne = client(server, tmp_path / "anne", "Anne", NURSE)
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await m.press("m")
        await pick(m, mette, "tagging")
        await until(a, lambda: any("Tags are hidden" in n.message for n in anne._notifications))
        await a.press("2")
        await until(a, lambda: "tags: hidden" in options(anne, "#statement-list")[0])
        await people[1].ok("tag_statement", statement_id="s1", tag="output")
        await a.press("e")
        await until(a, lambda: "you tagged it: effect" in options(anne, "#statement-list")[0])
        assert "tags: hidden" in options(anne, "#statement-list")[0]
        await m.press("m")
        await pick(m, mette, "tagging")
        await until(a, lambda: "output 1 · effect 1" in options(anne, "#statement-list")[0])
