"""The phase's instruction over real sockets: set by the facilitator, sent to everyone,
and in the snapshot of whoever joins afterwards (addition to v1)."""

from __future__ import annotations

from tests.realserver import Running
from tests.server.peer import join

ASK = "Hvad gør vi for beboeren, og hvad får beboeren ud af det?"


async def test_an_instruction_reaches_everyone_and_later_joiners(server: Running) -> None:
    """Anne receives the event; Bo, joining afterwards, finds it in his snapshot."""
    mette = await join(
        server.url, server.code, "Mette", "Leder", role="facilitator", facilitator_key=server.key
    )
    anne = await join(server.url, server.code, "Anne", "Sygeplejerske")
    await mette.ok("set_instruction", phase="statements", text=ASK)
    event = await anne.event("instruction_set")
    assert event["data"] == {"phase": "statements", "text": ASK}
    assert event["actor"] == mette.pid  # the facilitator's acts are shown by name
    bo = await join(server.url, server.code, "Bo", "Sygeplejerske")
    assert bo.welcome["state"]["session"]["instructions"] == {"statements": ASK}
    for peer in (mette, anne, bo):
        await peer.close()


async def test_a_participant_may_not_set_the_instruction(server: Running) -> None:
    """Only the facilitator steers what every screen says."""
    anne = await join(server.url, server.code, "Anne", "Sygeplejerske")
    assert await anne.refused("set_instruction", phase="checkin", text=ASK) == "forbidden"
    await anne.close()
