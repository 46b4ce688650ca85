"""The profession lens on hand-made sessions: split scores, the k-guard, suggestions."""

from __future__ import annotations

import pytest

from server import lens, model
from server import protocol as p
from tests.unit.sim import Sim, new_sim

NURSE, CARE, OT = "Sygeplejerske", "Social- og sundhedsassistent", "Ergoterapeut"


def home(*groups: tuple[str, int], k: int = 3, anonymous: bool = True) -> tuple[Sim, list[str]]:
    """A nursing home with a non-voting leader and the given professions' staff."""
    sim = new_sim(anonymous=anonymous, k=k)
    sim.join("Mette", "Leder", "facilitator", votes=False)
    people = []
    for profession, count in groups:
        people += [sim.join(f"{profession[:3]}{i}", profession) for i in range(count)]
    sim.do("p1", p.AddStatement("s", "Beboeren går selv i haven"))
    return sim, people


def tag(sim: Sim, people: list[str], tags: str, statement: str = "s1") -> None:
    for who, letter in zip(people, tags, strict=True):
        if letter != "-":
            value = "effect" if letter == "e" else "output"
            sim.do(who, p.TagStatement("t", statement, value))  # type: ignore[arg-type]


def score(sim: Sim) -> float:
    statement = sim.state.statements["s1"]
    return lens.split_score([s.share for s in lens.statement_sides(sim.state, statement)])


def test_opposite_professions_score_one() -> None:
    """Nurses all say effect and care assistants all say output: the split is total."""
    sim, people = home((NURSE, 3), (CARE, 3))
    tag(sim, people, "eeeooo")
    assert score(sim) == 1.0


def test_everyone_agreeing_scores_zero() -> None:
    """When every profession tags alike there is nothing to suggest."""
    sim, people = home((NURSE, 3), (CARE, 3))
    tag(sim, people, "eeeeee")
    assert score(sim) == 0.0
    assert lens.suggestions(sim.state, set()) == []


def test_one_profession_has_nothing_to_compare() -> None:
    """A split needs two professions shown on their own."""
    sim, people = home((NURSE, 5))
    tag(sim, people, "eeooo")
    assert score(sim) == 0.0


def test_profession_of_two_never_stands_alone() -> None:
    """Two occupational therapists are folded into 'other': never a figure of their own."""
    sim, people = home((NURSE, 3), (CARE, 3), (OT, 2), ("Pædagog", 1))
    tag(sim, people, "eeeooo" + "ee" + "o")
    split = model.tag_split(sim.state, sim.state.statements["s1"])
    assert OT not in split and set(split) == {NURSE, CARE, ""}
    assert split[""] == {"output": 1, "effect": 2}
    sides = lens.statement_sides(sim.state, sim.state.statements["s1"])
    assert {s.profession for s in sides} == {NURSE, CARE}


def test_small_other_group_takes_the_smallest_profession() -> None:
    """An 'other' group of two pulls in the smallest shown profession (ties: alphabetical)."""
    sim, people = home((NURSE, 3), (CARE, 3), (OT, 2))
    tag(sim, people, "eeeooo" + "ee")
    split = model.tag_split(sim.state, sim.state.statements["s1"])
    assert set(split) == {NURSE, ""}  # care assistants (alphabetically first) joined
    assert score(sim) == 0.0  # one named profession left: nothing to compare


def test_too_few_voters_give_no_figures_at_all() -> None:
    """With fewer than k voters in all, no per-profession figure exists."""
    sim, people = home((NURSE, 1), (CARE, 1))
    tag(sim, people, "eo")
    assert model.tag_split(sim.state, sim.state.statements["s1"]) == {}
    assert lens.equity(sim.state).by_profession == {}


def test_ties_in_share_order_alphabetically() -> None:
    """Sides with equal shares are listed alphabetically, so the output is stable."""
    sim, people = home((NURSE, 3), (CARE, 3))
    tag(sim, people, "eoeeoe")
    sides = lens.statement_sides(sim.state, sim.state.statements["s1"])
    assert [s.profession for s in sides] == [CARE, NURSE] and sides[0].share == sides[1].share


@pytest.mark.parametrize(("threshold", "expected"), [(0.5, 1), (0.7, 0)])
def test_threshold_decides_what_is_suggested(threshold: float, expected: int) -> None:
    """A split of two thirds is suggested at 0.5, not at 0.7."""
    sim, people = home((NURSE, 3), (CARE, 3))
    tag(sim, people, "eeeeoo")  # nurses 100 %, care assistants 33 % effect
    assert len(lens.suggestions(sim.state, set(), threshold)) == expected


def test_dismissed_and_accepted_suggestions_are_not_offered_again() -> None:
    """A suggestion set aside, or recorded as a conflict, is gone from the list."""
    sim, people = home((NURSE, 3), (CARE, 3))
    tag(sim, people, "eeeooo")
    (suggestion,) = lens.suggestions(sim.state, set())
    assert lens.suggestions(sim.state, {suggestion.id}) == []
    sim.do("p1", p.RecordConflict("c", "Haven", [NURSE, CARE], "", [], suggestion.id))
    assert lens.suggestions(sim.state, set()) == []
    assert sim.state.conflicts["c1"].suggestion == suggestion.id


def test_closed_round_split_is_suggested_for_the_draft() -> None:
    """Nurses put their dots on one draft, care assistants on another: a suggestion."""
    sim, people = home((NURSE, 3), (CARE, 3))
    sim.do(people[0], p.ProposeDraft("d", "Vi skaber livskvalitet"))
    sim.do(people[3], p.ProposeDraft("d", "Vi giver tryg pleje"))
    sim.do("p1", p.OpenRound("r", 1, True))
    for who, draft in zip(people, ["d1", "d1", "d1", "d2", "d2", "d2"], strict=True):
        sim.do(who, p.CastVote("v", draft))
    assert lens.suggestions(sim.state, set()) == []  # nothing while the round is open
    sim.do("p1", p.CloseRound("c"))
    (suggestion,) = lens.suggestions(sim.state, set())
    assert (suggestion.kind, suggestion.round_id, suggestion.score) == ("draft", "r1", 1.0)


def test_equity_counts_by_profession_and_names_people_only_in_named_sessions() -> None:
    """Who writes and tags how much, per profession; per person only when named."""
    sim, people = home((NURSE, 3), (CARE, 3))
    for carer in people[3:]:
        sim.do(carer, p.AddStatement("s", "Beboeren får sin medicin til tiden"))
    tag(sim, people, "eee---")
    anonymous = lens.equity(sim.state)
    assert anonymous.by_person is None
    assert anonymous.by_profession[NURSE]["tags"] == 3
    assert anonymous.by_profession[CARE]["tags"] == 0  # silent: the point of the view
    named_sim, named_people = home((NURSE, 3), (CARE, 3), anonymous=False)
    tag(named_sim, named_people, "e-----")
    named = lens.equity(named_sim.state)
    assert named.by_person is not None and named.by_person[named_people[0]]["tags"] == 1


def test_revealed_split_is_fixed_when_revealed() -> None:
    """reveal_split freezes the figures; later tags do not change what was shown."""
    sim, people = home((NURSE, 3), (CARE, 3))
    tag(sim, people, "eeeooo")
    sim.do("p1", p.RevealSplit("r", "s1"))
    shown = sim.state.statements["s1"].split
    tag(sim, people[3:], "eee")
    assert (
        sim.state.statements["s1"].split
        == shown
        == {NURSE: {"output": 0, "effect": 3}, CARE: {"output": 3, "effect": 0}}
    )
