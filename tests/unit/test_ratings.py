"""Acceptance and criteria rounds, one behaviour per test: who may open, answer and
close them, what everyone sees while they are open and what is fixed at the close."""

from __future__ import annotations

import pytest

from server import model, views
from server import protocol as p
from server.fold import fold, note_ack
from tests.unit.sim import Sim, new_sim

TEACHER = "Lærer"
PEDAGOGUE = "Pædagog"
LIVE = p.ACCEPTANCE_QUESTION


class School:
    """Skolen ved Søen (k = 3): a leader who facilitates, four teachers, four pedagogues,
    two drafts d1 and d2."""

    def __init__(self, k: int = 3) -> None:
        self.sim: Sim = new_sim(k=k)
        self.lise = self.sim.join("Lise", "Skoleleder", "facilitator", votes=False)
        self.teachers = [self.sim.join(n, TEACHER) for n in ("Ole", "Pia", "Rasmus", "Trine")]
        self.pedagogues = [self.sim.join(n, PEDAGOGUE) for n in ("Sara", "Tim", "Ulla", "Vera")]
        self.sim.do(self.teachers[0], p.ProposeDraft("x", "Alle børn lærer at lære"))
        self.sim.do(self.pedagogues[0], p.ProposeDraft("x", "Børnene trives i fællesskabet"))

    def open(self, kind: p.RatingKind = "acceptance", blind: bool = True) -> None:
        self.sim.do(self.lise, p.OpenRating("x", kind, ["d1", "d2"], blind))

    def rating(self, viewer: str | None = None) -> p.RatingView:
        return views.snapshot(self.sim.state, viewer).ratings[-1]


@pytest.fixture
def school() -> School:
    return School()


def refusal(sim: Sim, actor: str, command: p.Command) -> str:
    before = sim.state.seq
    with pytest.raises(model.DomainError) as caught:
        sim.do(actor, command)
    assert sim.state.seq == before
    return caught.value.code


def test_a_blind_acceptance_round_shows_how_many_answered_but_not_what(school: School) -> None:
    """While blind and open: the number who answered, no counts, no groups."""
    school.open()
    school.sim.do(school.teachers[0], p.Rate("x", "d1", LIVE, "cannot"))
    rating = school.rating(school.pedagogues[0])
    assert (rating.kind, rating.open, rating.answered, rating.tally) == (
        "acceptance",
        True,
        1,
        None,
    )
    assert rating.by_profession is None


def test_an_open_criteria_round_shows_its_counts_as_they_come(school: School) -> None:
    """Not blind: the counts per draft and criterion are live, the groups are not."""
    school.open("criteria", blind=False)
    school.sim.do(school.teachers[0], p.Rate("x", "d1", "value", "partly"))
    assert school.rating().tally == {"d1": {"value": {"partly": 1}}}
    assert school.rating().by_profession is None


def test_closing_fixes_the_answers_per_profession(school: School) -> None:
    """At the close each draft's answers are shown per profession with k or more."""
    school.open()
    for who in school.teachers:
        school.sim.do(who, p.Rate("x", "d1", LIVE, "cannot"))
    for who in school.pedagogues:
        school.sim.do(who, p.Rate("x", "d1", LIVE, "full"))
    school.sim.do(school.lise, p.CloseRating("x"))
    rating = school.rating()
    assert rating.tally == {"d1": {LIVE: {"cannot": 4, "full": 4}}}
    assert rating.by_profession == {
        "d1": {LIVE: {TEACHER: {"cannot": 4}, PEDAGOGUE: {"full": 4}}},
        "d2": {LIVE: {}},
    }


def test_a_profession_with_fewer_than_k_answers_is_not_shown_alone(school: School) -> None:
    """Two teachers answered: with k = 3 everyone is one group, nobody's answer shows."""
    school.open()
    for who in school.teachers[:2]:
        school.sim.do(who, p.Rate("x", "d1", LIVE, "cannot"))
    for who in school.pedagogues:
        school.sim.do(who, p.Rate("x", "d1", LIVE, "support"))
    school.sim.do(school.lise, p.CloseRating("x"))
    assert school.rating().by_profession == {
        "d1": {LIVE: {"": {"cannot": 2, "support": 4}}},
        "d2": {LIVE: {}},
    }


def test_an_answer_can_be_changed_and_taken_back(school: School) -> None:
    """A second answer replaces the first; null takes it back; none to take back is refused."""
    school.open("acceptance", blind=False)
    ole = school.teachers[0]
    school.sim.do(ole, p.Rate("x", "d1", LIVE, "doubts"))
    school.sim.do(ole, p.Rate("x", "d1", LIVE, "support"))
    assert school.rating().tally == {"d1": {LIVE: {"support": 1}}}
    school.sim.do(ole, p.Rate("x", "d1", LIVE, None))
    assert (school.rating().tally, school.rating().answered) == ({}, 0)
    assert refusal(school.sim, ole, p.Rate("x", "d1", LIVE, None)) == "invalid_state"


@pytest.mark.parametrize(
    ("draft", "question", "answer"),
    [
        ("d3", LIVE, "full"),  # not in the round
        ("d1", "value", "full"),  # a criterion in an acceptance round
        ("d1", LIVE, "yes"),  # a criteria answer in an acceptance round
        ("d1", LIVE, "maybe"),
    ],
)
def test_an_answer_outside_the_round_is_invalid(
    school: School, draft: str, question: str, answer: str
) -> None:
    """Only the round's drafts, its questions and its scale."""
    school.open()
    assert refusal(school.sim, school.teachers[0], p.Rate("x", draft, question, answer)) == (
        "invalid"
    )


def test_rating_needs_an_open_round(school: School) -> None:
    """Answering or closing with no rating round open: no_open_round."""
    assert refusal(school.sim, school.teachers[0], p.Rate("x", "d1", LIVE, "full")) == (
        "no_open_round"
    )
    assert refusal(school.sim, school.lise, p.CloseRating("x")) == "no_open_round"


def test_only_the_facilitator_opens_and_closes_and_only_voters_answer(school: School) -> None:
    """A teacher cannot open or close; the non-voting leader cannot answer."""
    assert refusal(school.sim, school.teachers[0], p.OpenRating("x", "criteria", ["d1"])) == (
        "forbidden"
    )
    school.open()
    assert refusal(school.sim, school.teachers[0], p.CloseRating("x")) == "forbidden"
    assert refusal(school.sim, school.lise, p.Rate("x", "d1", LIVE, "full")) == "forbidden"


def test_one_rating_round_at_a_time_on_live_drafts_each_named_once(school: School) -> None:
    """A second round, a withdrawn draft or a draft named twice is refused."""
    school.sim.do(school.pedagogues[0], p.WithdrawDraft("x", "d2"))
    assert refusal(school.sim, school.lise, p.OpenRating("x", "criteria", ["d2"])) == (
        "invalid_state"
    )
    assert refusal(school.sim, school.lise, p.OpenRating("x", "criteria", ["d1", "d1"])) == (
        "invalid"
    )
    school.sim.do(school.lise, p.OpenRating("x", "criteria", ["d1"]))
    assert refusal(school.sim, school.lise, p.OpenRating("x", "acceptance", ["d1"])) == (
        "invalid_state"
    )


def test_a_blind_rating_holds_off_choosing_revising_and_closing(school: School) -> None:
    """Until the answers are shown: no choice, no change to a rated draft, no close."""
    school.open()
    assert refusal(school.sim, school.lise, p.FinalizeDraft("x", "d1")) == "invalid_state"
    ole = school.teachers[0]
    assert refusal(school.sim, ole, p.ReviseDraft("x", "d1", "Alle lærer")) == "invalid_state"
    assert refusal(school.sim, school.lise, p.CloseSession("x")) == "invalid_state"
    school.sim.do(school.lise, p.CloseRating("x"))
    assert school.sim.do(school.lise, p.FinalizeDraft("x", "d1")).kind == "draft_finalized"


def test_a_clients_fold_of_a_rating_round_equals_a_fresh_snapshot(school: School) -> None:
    """Folding the rating events (and its own acks) gives what a new hello would."""
    ole = school.teachers[0]
    snap = views.snapshot(school.sim.state, ole)
    mine = views.mine(school.sim.state, ole)
    start = len(school.sim.events)
    school.open()
    command = p.Rate("x", "d1", LIVE, "reservations")
    school.sim.do(ole, command)
    school.sim.do(school.pedagogues[1], p.Rate("x", "d2", LIVE, "full"))
    for _, wire in school.sim.events[start:]:
        snap, mine = fold(snap, wire, mine, ole)
    mine = note_ack(mine, command, "d1")
    assert snap.ratings == views.snapshot(school.sim.state, ole).ratings
    assert (
        mine.my_answers
        == views.mine(school.sim.state, ole).my_answers
        == {"d1/live": "reservations"}
    )
    school.sim.do(school.lise, p.CloseRating("x"))
    snap, mine = fold(snap, school.sim.events[-1][1], mine, ole)
    assert snap.ratings == views.snapshot(school.sim.state, ole).ratings
    assert p.encode(mine) == p.encode(views.mine(school.sim.state, ole))
