"""Who comes in, and who stays, in the terminal: the waiting screen, the facilitator's
waiting list and one key to admit everyone, and removing a participant after a yes.

Plejecenter Egebakken on the real server; the apps under Textual's Pilot.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from kerne_tui.app import KerneApp
from kerne_tui.screens.choice import Choice
from kerne_tui.screens.confirm import Confirm
from kerne_tui.screens.session import SessionScreen
from kerne_tui.screens.waiting import WaitingScreen
from kerne_tui.widgets.people import ParticipantsPanel
from tests.realserver import Running
from tests.server.peer import Peer, hello, join
from tests.tui.drive import client, joined, pick, until

NURSE = "Sygeplejerske"


def labels(app: KerneApp) -> list[str]:
    """The options of the question on screen, as the facilitator reads them."""
    screen = app.screen
    return [label for _, label in screen.choices] if isinstance(screen, Choice) else []


async def lobby_with_someone(peer: Peer) -> list[str]:
    """The names in the first waiting list that is not empty."""
    while True:
        waiting = (await peer.expect("lobby"))["waiting"]
        if waiting:
            return [x["name"] for x in waiting]


async def admitting(server: Running) -> Peer:
    """Mette at her own raw client, with the lobby switched on."""
    mette = await join(
        server.url, server.code, "Mette", "Leder", role="facilitator", facilitator_key=server.key
    )
    await mette.ok("set_admission", admit=True)
    return mette


async def test_a_newcomer_sees_only_the_waiting_screen_until_admitted(
    server: Running, tmp_path: Path
) -> None:
    """The app shows the waiting screen (in Danish) and, once admitted, the session."""
    mette = await admitting(server)
    anne = client(server, tmp_path / "anne", "Anne", NURSE, lang="da")
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: isinstance(anne.screen, WaitingScreen))
        shown = " ".join(str(label.content) for label in anne.screen.query(Static))
        assert "Du venter på at blive lukket ind" in shown
        assert anne.view is None  # nothing of the session before the welcome
        assert await lobby_with_someone(mette) == ["Anne"]
        await mette.send({"type": "admit", "id": "m-1", "waiting_id": "w1"})
        await until(a, lambda: joined(anne) and isinstance(anne.screen, SessionScreen))
        assert anne.view is not None and anne.view.me.name == "Anne"


async def test_the_facilitator_sees_who_waits_and_admits_everyone_with_one_key(
    server: Running, tmp_path: Path
) -> None:
    """The waiting list shows name and profession; l lets everyone in."""
    mette = client(server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key)
    async with mette.run_test(size=(120, 40)) as m:
        await until(m, lambda: joined(mette))
        await m.press("m")
        await until(m, lambda: isinstance(mette.screen, Choice))
        steps = labels(mette).index("Let newcomers wait until you admit them")
        await m.press(*["down"] * steps, "enter")
        await until(m, lambda: mette.view is not None and mette.view.snapshot.session.admit)
        anne, answer = await hello(server.url, server.code, name="Anne", profession=NURSE)
        bo, _ = await hello(server.url, server.code, name="Bo", profession="Ergoterapeut")
        assert answer["type"] == "waiting"
        panel = mette.screen.query_one(ParticipantsPanel)
        await until(m, lambda: "Bo (Ergoterapeut)" in str(panel.content))
        assert "Waiting to come in (2)" in str(panel.content)
        assert "Anne (Sygeplejerske)" in str(panel.content)
        await m.press("l")
        for peer in (anne, bo):
            assert (await peer.expect("welcome"))["participant"]["role"] == "participant"
        await until(m, lambda: "Waiting to come in (0)" in str(panel.content))
        await until(
            m, lambda: "Bo" in str(panel.content) and "Ergoterapeut (1)" in str(panel.content)
        )


async def test_the_facilitator_removes_a_participant_after_a_yes(
    server: Running, tmp_path: Path
) -> None:
    """Menu, a participant, remove, yes: their terminal is told in their language."""
    mette = client(server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key)
    anne = client(server, tmp_path / "anne", "Anne", NURSE, lang="da")
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await until(
            m, lambda: mette.view is not None and len(mette.view.snapshot.participants) == 2
        )
        await m.press("m")
        await pick(m, mette, "participant")
        await until(m, lambda: "Anne (Sygeplejerske)" in labels(mette))
        await m.press("enter")  # Anne (Sygeplejerske)
        await until(m, lambda: any("Mute" in x for x in labels(mette)))
        await m.press("end", "enter")  # remove them from the session…
        await until(m, lambda: isinstance(mette.screen, Confirm))
        assert isinstance(mette.screen, Confirm)
        assert "Anne (Sygeplejerske)" in str(mette.screen.question)
        await m.press("enter")  # the focused button names the action: remove
        await until(a, lambda: "Facilitatoren har fjernet dig" in anne.banner)
        await until(m, lambda: "Anne" not in str(mette.screen.query_one(ParticipantsPanel).content))


async def test_a_cancelled_removal_changes_nothing(server: Running, tmp_path: Path) -> None:
    """Escape at the question: the participant stays, nothing is sent."""
    mette = client(server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key)
    bo = await join(server.url, server.code, "Bo", NURSE)
    async with mette.run_test(size=(120, 40)) as m:
        await until(m, lambda: joined(mette))
        await until(
            m, lambda: mette.view is not None and len(mette.view.snapshot.participants) == 2
        )
        await m.press("m")
        await pick(m, mette, "participant")
        await until(m, lambda: "Bo (Sygeplejerske)" in labels(mette))
        await m.press("enter", "end", "enter")
        await until(m, lambda: isinstance(mette.screen, Confirm))
        await m.press("escape")
        await until(m, lambda: isinstance(mette.screen, SessionScreen))
        await bo.ok("add_statement", text="Beboeren vælger selv")  # still here, still writes
        assert mette.view is not None
        assert not any(x.removed for x in mette.view.snapshot.participants)


def notices(app: KerneApp) -> str:
    """Every notification the app has shown and still shows, as one text."""
    return " ".join(str(n.message) for n in app._notifications)


async def test_a_muted_participant_is_told_why_in_their_language(
    server: Running, tmp_path: Path
) -> None:
    """Muted, a new statement is refused and the refusal reads in Danish."""
    mette = await join(
        server.url, server.code, "Mette", "Leder", role="facilitator", facilitator_key=server.key
    )
    anne = client(server, tmp_path / "anne", "Anne", NURSE, lang="da")
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(anne))
        assert anne.view is not None
        await mette.ok("mute_participant", participant_id=anne.view.me.id, muted=True)
        await a.press("2", "n", *"Vi holder 40 samtaler om ugen", "enter")
        await until(a, lambda: "skrivepause" in notices(anne))
        assert anne.view is not None and not anne.view.snapshot.statements


async def test_the_facilitator_hears_of_a_join_after_the_first_figure(
    server: Running, tmp_path: Path
) -> None:
    """Lobby off: after the first tag, a newcomer is named to the facilitator."""
    mette = client(server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key)
    async with mette.run_test(size=(120, 40)) as m:
        await until(m, lambda: joined(mette))
        anne = await join(server.url, server.code, "Anne", NURSE)
        await anne.ok("add_statement", text="Beboeren vælger selv")
        await anne.ok("tag_statement", statement_id="s1", tag="effect")
        await join(server.url, server.code, "Ib", "Pedel")
        await until(m, lambda: "Ib (Pedel)" in notices(mette))


async def test_a_newcomer_turned_away_is_told_so_and_the_app_ends(
    server: Running, tmp_path: Path
) -> None:
    """Turned away from the lobby: the app ends with code 2 (its last line says why),
    having shown nothing of the session."""
    mette = await admitting(server)
    anne = client(server, tmp_path / "anne", "Anne", NURSE)
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: isinstance(anne.screen, WaitingScreen))
        assert await lobby_with_someone(mette) == ["Anne"]
        await mette.send({"type": "reject", "id": "m-1", "waiting_id": "w1"})
        await until(a, lambda: not anne.is_running)
    assert anne.return_code == 2
    assert anne.view is None  # nothing of the session was ever shown
