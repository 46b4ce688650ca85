"""Psychological safety through the real server: a round's per-profession split held
until the facilitator reveals it, and blind tagging, as participants receive them."""

from __future__ import annotations

from typing import Any

from tests.realserver import Running
from tests.server.peer import Peer, join

NURSE, CARE = "Sygeplejerske", "Social- og sundhedsassistent"


async def ward(server: Running) -> tuple[Peer, list[Peer], list[Peer]]:
    """A leader who facilitates without voting, three nurses and three care assistants."""
    mette = await join(
        server.url,
        server.code,
        "Mette",
        "Leder",
        role="facilitator",
        facilitator_key=server.key,
        votes=False,
    )
    nurses = [await join(server.url, server.code, name, NURSE) for name in ("Anne", "Bo", "Cille")]
    carers = [await join(server.url, server.code, name, CARE) for name in ("Dina", "Emil", "Finn")]
    return mette, nurses, carers


async def lens_where(peer: Peer, condition: Any) -> dict[str, Any]:
    while True:
        message = await peer.expect("lens")
        if condition(message):
            return message


async def test_held_split_reaches_participants_only_at_the_reveal(server: Running) -> None:
    """round_closed carries no split; the reveal carries exactly the close-time figure."""
    mette, nurses, carers = await ward(server)
    await nurses[0].ok("propose_draft", text="Beboeren mestrer sin egen hverdag")
    await carers[0].ok("propose_draft", text="Vi giver bad to gange om ugen")
    await mette.ok("open_round", dots=1, blind=True, hold_split=True)
    for peer in nurses:
        await peer.ok("cast_vote", draft_id="d1")
    for peer in carers:
        await peer.ok("cast_vote", draft_id="d2")
    await mette.ok("close_round")
    closed = await carers[2].event("round_closed")
    assert closed["data"]["round"]["tally"] == {"d1": 3, "d2": 3}
    assert closed["data"]["round"]["by_profession"] is None
    held = await lens_where(mette, lambda m: m.get("held"))
    figure = held["held"]["r1"]
    assert figure == {NURSE: {"d1": 3}, CARE: {"d2": 3}}
    # A latecomer of a new profession joins before the reveal: the figure stays.
    await join(server.url, server.code, "Gustav", "Ergoterapeut")
    await mette.ok("reveal_round_split", round_id="r1")
    revealed = await carers[2].event("round_split_revealed")
    assert revealed["data"]["round"]["by_profession"] == figure
    assert revealed["actor"] == mette.pid


async def test_a_participant_who_joins_before_the_reveal_sees_no_split(server: Running) -> None:
    """A fresh welcome after a held close has by_profession null and hold_split true."""
    mette, nurses, carers = await ward(server)
    await nurses[0].ok("propose_draft", text="Beboeren mestrer sin egen hverdag")
    await mette.ok("open_round", dots=1, blind=False, hold_split=True)
    for peer in [*nurses, *carers]:
        await peer.ok("cast_vote", draft_id="d1")
    await mette.ok("close_round")
    late = await join(server.url, server.code, "Hanne", NURSE)
    (shown,) = late.welcome["state"]["rounds"]
    assert (shown["by_profession"], shown["hold_split"]) == (None, True)
    assert await nurses[0].refused("reveal_round_split", round_id="r1") == "forbidden"


async def test_blind_tagging_hides_tallies_and_keeps_my_tag(server: Running) -> None:
    """Blind tags move no tally anyone sees, name no statement, and come back at reveal."""
    mette, nurses, carers = await ward(server)
    anne, bo = nurses[0], nurses[1]
    await anne.ok("add_statement", text="Fru Hansen går selv i haven igen")
    await anne.ok("tag_statement", statement_id="s1", tag="effect")
    await mette.ok("set_tagging", blind=True)
    await bo.ok("tag_statement", statement_id="s1", tag="output")
    await carers[0].ok("tag_statement", statement_id="s1", tag="output")
    blind_tag = await anne.event("statement_tagged_blind")
    assert (blind_tag["data"], blind_tag["actor"]) == ({}, None)
    again = await join(server.url, server.code, "Bo", resume_token=bo.token)
    (mine,) = again.welcome["state"]["statements"]
    assert mine["tally"] == {"output": 0, "effect": 1}
    assert mine["my_tag"] == "output"
    assert again.welcome["state"]["session"]["blind_tagging"] is True
    await mette.ok("set_tagging", blind=False)
    revealed = await anne.event("tagging_set")
    assert revealed["data"] == {"blind": False, "tallies": {"s1": {"output": 2, "effect": 1}}}


async def test_a_v1_session_welcome_has_no_new_fields(server: Running) -> None:
    """Without the new options, the snapshot carries neither blind_tagging nor hold_split."""
    mette, _, _ = await ward(server)
    await mette.ok("open_round", dots=1, blind=True)
    late = await join(server.url, server.code, "Hanne", NURSE)
    state = late.welcome["state"]
    assert "blind_tagging" not in state["session"]
    assert "hold_split" not in state["rounds"][0]
