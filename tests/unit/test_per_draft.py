"""A round may let one voter put more than one dot on a draft (`per_draft`).

The v1 rule, one dot per draft, holds whenever `per_draft` is left out.
"""

from __future__ import annotations

import msgspec
import pytest

from server import model, views
from server import protocol as p
from server.events import RoundOpened, decode_data, encode_data
from server.fold import fold, note_ack, personalize
from tests.unit.test_rules import Home, refusal, seeded


@pytest.fixture
def home() -> Home:
    return seeded()


def round_of(home: Home) -> p.RoundView:
    return views.snapshot(home.sim.state, home.anne).rounds[-1]


def test_a_round_opened_without_per_draft_allows_one_dot_per_draft(home: Home) -> None:
    """Left out, per_draft is 1: a second dot on the same draft is vote_limit."""
    home.sim.do(home.mette, p.OpenRound("x", 5, False))
    home.sim.do(home.anne, p.CastVote("x", "d1"))
    assert refusal(home.sim, home.anne, p.CastVote("x", "d1")) == "vote_limit"


def test_a_voter_may_put_up_to_per_draft_dots_on_one_draft(home: Home) -> None:
    """With 5 dots and 2 per draft, Anne puts two dots on the night-shift draft."""
    home.sim.do(home.mette, p.OpenRound("x", 5, False, per_draft=2))
    home.sim.do(home.anne, p.CastVote("x", "d3"))
    home.sim.do(home.anne, p.CastVote("x", "d3"))
    assert views.mine(home.sim.state, home.anne).my_votes == ["d3", "d3"]
    assert round_of(home).tally == {"d3": 2}


def test_a_dot_beyond_per_draft_is_vote_limit(home: Home) -> None:
    """A third dot on a draft that allows two is vote_limit, though dots are left."""
    home.sim.do(home.mette, p.OpenRound("x", 5, False, per_draft=2))
    home.sim.do(home.anne, p.CastVote("x", "d1"))
    home.sim.do(home.anne, p.CastVote("x", "d1"))
    assert refusal(home.sim, home.anne, p.CastVote("x", "d1")) == "vote_limit"


def test_the_round_total_still_limits_dots_across_drafts(home: Home) -> None:
    """With 3 dots and 2 per draft, a fourth dot anywhere is vote_limit."""
    home.sim.do(home.mette, p.OpenRound("x", 3, True, per_draft=2))
    for draft_id in ("d1", "d1", "d2"):
        home.sim.do(home.bo, p.CastVote("x", draft_id))
    assert refusal(home.sim, home.bo, p.CastVote("x", "d3")) == "vote_limit"


def test_retract_vote_takes_back_one_dot_of_several(home: Home) -> None:
    """Retracting from a draft with two of Dina's dots leaves one on it."""
    home.sim.do(home.mette, p.OpenRound("x", 4, False, per_draft=3))
    for draft_id in ("d2", "d1", "d2"):
        home.sim.do(home.dina, p.CastVote("x", draft_id))
    home.sim.do(home.dina, p.RetractVote("x", "d2"))
    assert views.mine(home.sim.state, home.dina).my_votes == ["d1", "d2"]
    assert round_of(home).tally == {"d1": 1, "d2": 1}


def test_revising_a_draft_gives_back_all_its_dots(home: Home) -> None:
    """When Anne revises her draft, both of Bo's dots on it come back to him."""
    home.sim.do(home.mette, p.OpenRound("x", 4, False, per_draft=2))
    home.sim.do(home.bo, p.CastVote("x", "d1"))
    home.sim.do(home.bo, p.CastVote("x", "d1"))
    home.sim.do(home.anne, p.ReviseDraft("x", "d1", "Vi hjælper beboeren til mest muligt selv"))
    assert views.mine(home.sim.state, home.bo).my_votes == []
    assert round_of(home).tally == {}


def test_per_draft_above_the_rounds_dots_is_refused(home: Home) -> None:
    """A round of 2 dots cannot allow 3 on one draft: the command is invalid."""
    assert refusal(home.sim, home.mette, p.OpenRound("x", 2, False, per_draft=3)) == "invalid"


@pytest.mark.parametrize("per_draft", [0, 11])
def test_per_draft_outside_one_to_ten_is_not_a_command(per_draft: int) -> None:
    """per_draft is bounded 1..10 on the wire, as dots are."""
    raw = {"type": "open_round", "id": "x", "dots": 10, "blind": False, "per_draft": per_draft}
    with pytest.raises(msgspec.ValidationError):
        msgspec.json.decode(msgspec.json.encode(raw), type=p.Command)


def test_a_v1_round_carries_no_per_draft_on_the_wire_or_in_the_store(home: Home) -> None:
    """A round opened the v1 way is the v1 bytes: no per_draft key anywhere."""
    event = home.sim.do(home.mette, p.OpenRound("x", 3, False))
    assert "per_draft" not in encode_data(event.data)
    assert "per_draft" not in p.encode(home.sim.events[-1][1])


def test_a_round_with_per_draft_says_so_and_reads_back(home: Home) -> None:
    """per_draft 2 is stored and shown in the round view, and an old row reads as 1."""
    event = home.sim.do(home.mette, p.OpenRound("x", 6, False, per_draft=2))
    assert decode_data("round_opened", encode_data(event.data)) == RoundOpened("r1", 6, False, 2)
    assert round_of(home).per_draft == 2
    old = decode_data("round_opened", '{"round_id":"r1","dots":3,"blind":true}')
    assert isinstance(old, RoundOpened) and old.per_draft == 1


def test_a_client_folds_its_own_double_dot_as_the_server_holds_it(home: Home) -> None:
    """Camilla's acks and the events give her the same my_votes and round the server has."""
    home.sim.do(home.mette, p.OpenRound("x", 4, False, per_draft=2))
    snap, mine = (
        views.snapshot(home.sim.state, home.camilla),
        views.mine(home.sim.state, home.camilla),
    )
    for command in (p.CastVote("x", "d2"), p.CastVote("x", "d2"), p.RetractVote("x", "d2")):
        event = home.sim.do(home.camilla, command)
        mine = note_ack(mine, command, model.item_id(event), per_draft=2)
        snap = personalize(snap, mine, home.camilla)
        snap, mine = fold(snap, home.sim.events[-1][1], mine, home.camilla)
    assert snap == views.snapshot(home.sim.state, home.camilla)
    assert mine.my_votes == views.mine(home.sim.state, home.camilla).my_votes == ["d2"]


def test_an_acked_dot_beyond_per_draft_is_not_counted_twice() -> None:
    """An ack noted again for a draft already at its per-draft limit changes nothing."""
    mine = p.Mine(my_votes=["d1", "d1"])
    assert note_ack(mine, p.CastVote("x", "d1"), "d1", per_draft=2) is mine
