"""Psychological safety in the profession lens: a round's split held until the
facilitator reveals it, and blind tagging. Pure rules and views, no I/O."""

from __future__ import annotations

import msgspec
import pytest

from server import lens, model, views
from server import protocol as p
from tests.unit.sim import Sim, new_sim

NURSE, CARE = "Sygeplejerske", "Social- og sundhedsassistent"
DRAFTS = ("Beboeren mestrer sin egen hverdag", "Vi giver bad to gange om ugen")


def home() -> tuple[Sim, str, list[str], list[str]]:
    """A nursing home: a leader who facilitates without voting, three nurses and three
    care assistants, two drafts and a statement."""
    sim = new_sim()
    mette = sim.join("Mette", "Leder", "facilitator", votes=False)
    nurses = [sim.join(name, NURSE) for name in ("Anne", "Bo", "Camilla")]
    carers = [sim.join(name, CARE) for name in ("Dina", "Emil", "Frida")]
    for text in DRAFTS:
        sim.do(nurses[0], p.ProposeDraft("x", text))
    sim.do(carers[0], p.AddStatement("x", "Fru Hansen går selv i haven igen"))
    return sim, mette, nurses, carers


def held_round(sim: Sim, mette: str, nurses: list[str], carers: list[str]) -> None:
    """Nurses dot the first draft, care assistants the second; the split is held."""
    sim.do(mette, p.OpenRound("x", 1, True, hold_split=True))
    for who in nurses:
        sim.do(who, p.CastVote("x", "d1"))
    for who in carers:
        sim.do(who, p.CastVote("x", "d2"))
    sim.do(mette, p.CloseRound("x"))


CLOSE_TIME_SPLIT = {NURSE: {"d1": 3}, CARE: {"d2": 3}}


def last_wire(sim: Sim) -> dict[str, object]:
    """The last event as every client received it, as plain JSON."""
    decoded: dict[str, object] = msgspec.json.decode(p.encode(sim.events[-1][1]))
    return decoded


# --- a held round split ------------------------------------------------------------------


def test_held_split_is_not_in_the_close_event() -> None:
    """round_closed of a held round carries the tally and no split."""
    sim, mette, nurses, carers = home()
    held_round(sim, mette, nurses, carers)
    data = last_wire(sim)["data"]
    assert isinstance(data, dict)
    assert data["round"]["tally"] == {"d1": 3, "d2": 3}
    assert data["round"]["by_profession"] is None
    assert data["round"]["hold_split"] is True


def test_held_split_is_in_no_snapshot_before_the_reveal() -> None:
    """Neither a participant's nor the facilitator's snapshot holds the held split."""
    sim, mette, nurses, carers = home()
    held_round(sim, mette, nurses, carers)
    for viewer in (nurses[0], carers[0], mette, None):
        assert views.snapshot(sim.state, viewer).rounds[0].by_profession is None


def test_facilitator_lens_shows_the_held_split() -> None:
    """The lens (facilitators only) carries the held figure so they can decide."""
    sim, mette, nurses, carers = home()
    held_round(sim, mette, nurses, carers)
    shown = lens.lens(sim.state, set(), 0.5)
    assert shown.held == {"r1": CLOSE_TIME_SPLIT}


def test_reveal_shows_exactly_the_close_time_figure() -> None:
    """A latecomer and a removal between close and reveal do not change the figure."""
    sim, mette, nurses, carers = home()
    held_round(sim, mette, nurses, carers)
    sim.join("Gitte", NURSE)
    sim.do(mette, p.RemoveParticipant("x", carers[2], "Gik hjem"))
    sim.do(mette, p.RevealRoundSplit("x", "r1"))
    data = last_wire(sim)["data"]
    assert isinstance(data, dict)
    assert last_wire(sim)["kind"] == "round_split_revealed"
    assert data["round"]["by_profession"] == CLOSE_TIME_SPLIT
    assert views.snapshot(sim.state, nurses[1]).rounds[0].by_profession == CLOSE_TIME_SPLIT
    assert lens.lens(sim.state, set(), 0.5).held == {}


def test_reveal_is_refused_when_nothing_is_held() -> None:
    """Revealing an open round, a round not held, or twice is invalid_state."""
    sim, mette, nurses, _carers = home()
    sim.do(mette, p.OpenRound("x", 1, False, hold_split=True))
    with pytest.raises(model.DomainError) as still_open:
        sim.do(mette, p.RevealRoundSplit("x", "r1"))
    sim.do(nurses[0], p.CastVote("x", "d1"))
    sim.do(mette, p.CloseRound("x"))
    sim.do(mette, p.RevealRoundSplit("x", "r1"))
    with pytest.raises(model.DomainError) as twice:
        sim.do(mette, p.RevealRoundSplit("x", "r1"))
    sim.do(mette, p.OpenRound("x", 1, False))
    sim.do(mette, p.CloseRound("x"))
    with pytest.raises(model.DomainError) as not_held:
        sim.do(mette, p.RevealRoundSplit("x", "r2"))
    with pytest.raises(model.DomainError) as unknown:
        sim.do(mette, p.RevealRoundSplit("x", "r9"))
    codes = [e.value.code for e in (still_open, twice, not_held, unknown)]
    assert codes == ["invalid_state", "invalid_state", "invalid_state", "not_found"]


def test_only_the_facilitator_reveals() -> None:
    """A participant asking to reveal a held split is forbidden."""
    sim, mette, nurses, carers = home()
    held_round(sim, mette, nurses, carers)
    with pytest.raises(model.DomainError) as refused:
        sim.do(nurses[0], p.RevealRoundSplit("x", "r1"))
    assert refused.value.code == "forbidden"


def test_a_round_not_held_sends_v1_frames() -> None:
    """Without hold_split the round's frames have no new key and show the split at close."""
    sim, mette, nurses, carers = home()
    sim.do(mette, p.OpenRound("x", 1, True))
    opened = p.encode(sim.events[-1][1])
    for who in nurses:
        sim.do(who, p.CastVote("x", "d1"))
    for who in carers:
        sim.do(who, p.CastVote("x", "d2"))
    sim.do(mette, p.CloseRound("x"))
    closed = p.encode(sim.events[-1][1])
    assert "hold_split" not in opened + closed
    assert f'"by_profession":{{"{NURSE}":{{"d1":3}},"{CARE}":{{"d2":3}}}}}}}}' in closed


# --- blind tagging -----------------------------------------------------------------------


def blind(sim: Sim, mette: str, nurses: list[str]) -> None:
    """Anne tags effect in the open; then tagging goes blind and two more tag."""
    sim.do(nurses[0], p.TagStatement("x", "s1", "effect"))
    sim.do(mette, p.SetTagging("x", True))
    sim.do(nurses[1], p.TagStatement("x", "s1", "output"))
    sim.do(nurses[2], p.TagStatement("x", "s1", "output"))


def test_blind_tags_leave_every_tally_as_it_was() -> None:
    """Everyone, the facilitator too, sees the tally as of going blind."""
    sim, mette, nurses, carers = home()
    blind(sim, mette, nurses)
    for viewer in (mette, nurses[0], nurses[1], carers[0], None):
        snap = views.snapshot(sim.state, viewer)
        assert snap.statements[0].tally == {"output": 0, "effect": 1}
        assert snap.session.blind_tagging is True


def test_blind_tagger_still_sees_their_own_tag() -> None:
    """my_tag and mine.my_tags hold one's own blind tag."""
    sim, mette, nurses, _carers = home()
    blind(sim, mette, nurses)
    assert views.snapshot(sim.state, nurses[1]).statements[0].my_tag == "output"
    assert views.mine(sim.state, nurses[1]).my_tags == {"s1": "output"}


def test_blind_tag_event_names_no_statement() -> None:
    """What others receive of a blind tag is its kind and nothing else."""
    sim, mette, nurses, _carers = home()
    blind(sim, mette, nurses)
    wire = last_wire(sim)
    assert (wire["kind"], wire["data"], wire["actor"]) == ("statement_tagged_blind", {}, None)


def test_statement_added_while_blind_shows_no_tags() -> None:
    """A statement written while blind shows zero until the reveal, however tagged."""
    sim, mette, nurses, carers = home()
    blind(sim, mette, nurses)
    sim.do(carers[1], p.AddStatement("x", "Vi tilbyder gåture hver dag"))
    sim.do(carers[1], p.TagStatement("x", "s2", "output"))
    shown = views.snapshot(sim.state, mette).statements[1].tally
    assert shown == {"output": 0, "effect": 0}


def test_switching_blind_off_reveals_the_live_tallies() -> None:
    """tagging_set with blind false carries every statement's tally as it now is."""
    sim, mette, nurses, carers = home()
    blind(sim, mette, nurses)
    sim.do(mette, p.SetTagging("x", False))
    wire = last_wire(sim)
    assert wire["data"] == {"blind": False, "tallies": {"s1": {"output": 2, "effect": 1}}}
    assert views.snapshot(sim.state, carers[0]).statements[0].tally == {"output": 2, "effect": 1}


def test_blind_lens_shows_no_statement_split_or_suggestion() -> None:
    """While blind, the facilitator's lens leaves statements out entirely."""
    sim, mette, nurses, carers = home()
    blind(sim, mette, nurses)
    for who in carers:
        sim.do(who, p.TagStatement("x", "s1", "effect"))
    shown = lens.lens(sim.state, set(), 0.1)
    assert (shown.statements, shown.suggestions, shown.blind_tagging) == ({}, [], True)


def test_open_lens_suggests_the_same_statement_after_the_reveal() -> None:
    """After the reveal the lens sees the tags again (the test above can fail)."""
    sim, mette, nurses, carers = home()
    blind(sim, mette, nurses)
    for who in carers:
        sim.do(who, p.TagStatement("x", "s1", "effect"))
    sim.do(mette, p.SetTagging("x", False))
    shown = lens.lens(sim.state, set(), 0.1)
    assert [s.item_id for s in shown.suggestions] == ["s1"]


def test_split_and_close_wait_for_the_reveal() -> None:
    """Revealing a statement's split or closing the session while blind: invalid_state."""
    sim, mette, nurses, _carers = home()
    blind(sim, mette, nurses)
    with pytest.raises(model.DomainError) as split:
        sim.do(mette, p.RevealSplit("x", "s1"))
    with pytest.raises(model.DomainError) as close:
        sim.do(mette, p.CloseSession("x"))
    with pytest.raises(model.DomainError) as again:
        sim.do(mette, p.SetTagging("x", True))
    assert [e.value.code for e in (split, close, again)] == ["invalid_state"] * 3


def test_removal_while_blind_names_no_statement() -> None:
    """Removing someone who tagged blind sends no tallies (they would say what was tagged)."""
    sim, mette, nurses, _carers = home()
    blind(sim, mette, nurses)
    sim.do(mette, p.RemoveParticipant("x", nurses[1], "Forkert møde"))
    data = last_wire(sim)["data"]
    assert isinstance(data, dict)
    assert data["tallies"] == {}
    assert views.snapshot(sim.state, mette).statements[0].tally == {"output": 0, "effect": 1}
