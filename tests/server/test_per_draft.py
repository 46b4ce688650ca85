"""Dots per draft over real websockets: a round that lets a voter stack dots on a draft."""

from __future__ import annotations

from tests.realserver import Running
from tests.server.peer import hello, join


async def test_stacked_dots_count_are_limited_and_come_back_on_resume(server: Running) -> None:
    """Two dots per draft: the third is vote_limit, one retract takes back one, resume keeps two."""
    lise = await join(
        server.url,
        server.code,
        "Lise",
        "Skoleleder",
        role="facilitator",
        facilitator_key=server.key,
    )
    ole = await join(server.url, server.code, "Ole", "Lærer")
    for text in ("Alle elever lærer at læse", "Eleverne trives i frikvartererne"):
        await lise.ok("propose_draft", text=text)
    await lise.ok("open_round", dots=4, blind=False, per_draft=2)
    opened = await ole.event("round_opened")
    assert opened["data"]["round"]["per_draft"] == 2
    for draft_id in ("d1", "d1", "d2"):
        await ole.ok("cast_vote", draft_id=draft_id)
    assert await ole.refused("cast_vote", draft_id="d1") == "vote_limit"
    last = await ole.ok("retract_vote", draft_id="d2")
    event = await lise.event("vote_retracted")
    while event["seq"] < last["seq"]:
        event = await lise.expect("event")
    assert event["data"]["round"]["tally"] == {"d1": 2}
    await ole.close()
    again, answer = await hello(server.url, server.code, resume_token=ole.token, last_seq=0)
    assert answer["type"] == "welcome"
    assert answer["mine"]["my_votes"] == ["d1", "d1"]
    await again.close()
    await lise.close()


async def test_a_v1_round_sends_no_per_draft(server: Running) -> None:
    """A round opened without per_draft looks on the wire as v1 rounds always did."""
    lise = await join(
        server.url,
        server.code,
        "Lise",
        "Skoleleder",
        role="facilitator",
        facilitator_key=server.key,
    )
    await lise.ok("propose_draft", text="Alle elever lærer at læse")
    await lise.ok("open_round", dots=2, blind=True)
    opened = await lise.event("round_opened")
    assert "per_draft" not in opened["data"]["round"]
    await lise.close()


async def test_per_draft_above_dots_is_invalid(server: Running) -> None:
    """A round of 2 dots that allows 3 on one draft is refused as invalid."""
    lise = await join(
        server.url,
        server.code,
        "Lise",
        "Skoleleder",
        role="facilitator",
        facilitator_key=server.key,
    )
    assert await lise.refused("open_round", dots=2, blind=False, per_draft=3) == "invalid"
    await lise.close()
