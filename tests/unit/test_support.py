"""A draft's support before it is chosen: when a choice asks for a reason, and what the
facilitator reads about it (the school whose teachers dotted nothing of the choice)."""

from __future__ import annotations

from server import protocol as p
from server import support, views
from server.catalog import SCREEN
from server.catalog.minutes import CATALOGS
from tests.unit.test_ratings import LIVE, PEDAGOGUE, TEACHER, School


def t(key: str, **values: object) -> str:
    return SCREEN["da"][key].format(**values)


def support_of(school: School, draft_id: str) -> support.Support:
    snap = views.snapshot(school.sim.state, school.lise)
    return support.support(snap.rounds, snap.ratings, draft_id)


def dotted(school: School) -> School:
    """Four teachers dot d1, four pedagogues d2, in one closed blind round."""
    school.sim.do(school.lise, p.OpenRound("x", 1, True))
    for who in school.teachers:
        school.sim.do(who, p.CastVote("x", "d1"))
    for who in school.pedagogues[:3]:
        school.sim.do(who, p.CastVote("x", "d2"))
    school.sim.do(school.lise, p.CloseRound("x"))
    return school


def test_a_draft_never_voted_on_needs_a_reason() -> None:
    """Nothing shows support yet: a choice asks why."""
    found = support_of(School(), "d1")
    assert (found.dots, found.acceptance, found.needs_reason) == (None, None, True)
    assert support.describe(found, t)[0] == "Der er ikke stemt om det."


def test_the_best_supported_draft_needs_no_reason() -> None:
    """Most dots, from every profession shown, and nobody who cannot live with it."""
    school = School()
    school.sim.do(school.lise, p.OpenRound("x", 2, False))
    for who in school.teachers + school.pedagogues:
        school.sim.do(who, p.CastVote("x", "d1"))
    school.sim.do(school.pedagogues[0], p.CastVote("x", "d2"))
    school.sim.do(school.lise, p.CloseRound("x"))
    found = support_of(school, "d1")
    assert (found.dots is not None and found.dots.best, found.needs_reason) == (True, False)


def test_the_most_dots_without_one_professions_dots_still_asks_why() -> None:
    """The issue's school: d1 won on the teachers' dots alone; the pedagogues gave none."""
    found = support_of(dotted(School()), "d1")
    assert found.dots is not None and found.dots.best
    assert found.needs_reason is True
    assert f"Ingen prikker fra: {PEDAGOGUE}." in support.describe_dots(found, t)


def test_the_school_sees_that_the_teachers_gave_it_no_dots() -> None:
    """d2 got three dots, none from the four teachers: said in words, and a reason asked."""
    found = support_of(dotted(School()), "d2")
    assert found.needs_reason is True
    assert support.describe_dots(found, t) == [
        "Runde 1: 3 af 7 prikker.",
        "Et andet udkast fik flere prikker (4).",
        f"Prikker pr. faggruppe: {TEACHER} 0, {PEDAGOGUE} 3.",
        f"Ingen prikker fra: {TEACHER}.",
    ]


def test_a_profession_that_cannot_live_with_the_best_draft_asks_for_a_reason() -> None:
    """Most dots, but three pedagogues cannot live with it: a reason is asked."""
    school = dotted(School())
    school.sim.do(school.lise, p.OpenRating("x", "acceptance", ["d1"]))
    for who in school.teachers:
        school.sim.do(who, p.Rate("x", "d1", LIVE, "full"))
    for who in school.pedagogues[:3]:
        school.sim.do(who, p.Rate("x", "d1", LIVE, "cannot"))
    school.sim.do(school.lise, p.CloseRating("x"))
    found = support_of(school, "d1")
    assert found.needs_reason is True
    assert support.describe_acceptance(found, t) == [
        "Accept (runde 1): 4 af 7 bakker op.",
        f"Kan ikke leve med det: {PEDAGOGUE} (3 af 3).",
    ]


def test_every_profession_can_live_with_it_is_said_in_words() -> None:
    """No one who cannot live with it: one sentence for all the professions."""
    school = School()
    school.sim.do(school.lise, p.OpenRating("x", "acceptance", ["d2"]))
    for who in school.teachers + school.pedagogues:
        school.sim.do(who, p.Rate("x", "d2", LIVE, "reservations"))
    school.sim.do(school.lise, p.CloseRating("x"))
    found = support_of(school, "d2")
    assert found.needs_reason is False
    assert support.describe_acceptance(found, t)[-1] == "Alle faggrupper kan leve med det."


def test_acceptance_withheld_per_profession_still_counts_who_cannot() -> None:
    """Two answers with k = 3: no groups, but the total's "cannot" still asks a reason."""
    school = School()
    school.sim.do(school.lise, p.OpenRating("x", "acceptance", ["d2"]))
    school.sim.do(school.teachers[0], p.Rate("x", "d2", LIVE, "cannot"))
    school.sim.do(school.teachers[1], p.Rate("x", "d2", LIVE, "full"))
    school.sim.do(school.lise, p.CloseRating("x"))
    found = support_of(school, "d2")
    assert found.needs_reason is True
    assert support.describe_acceptance(found, t)[1:] == [
        "1 af 2 kan ikke leve med det.",
        "For få i faggrupperne til at vise fordelingen.",
    ]


def test_pooled_professions_have_one_name_on_screen_and_in_the_minutes() -> None:
    """The k-rule's pooled group reads "øvrige faggrupper" wherever a manager meets it."""
    for lang in ("da", "en"):
        assert SCREEN[lang]["support.other"] == CATALOGS[lang]["group.other"].lower()
    pooled = support.Support("d1", support.Dots(1, 5, 9, 5, {TEACHER: 4, "": 1}), None, None)
    assert f"Prikker pr. faggruppe: {TEACHER} 4, øvrige faggrupper 1." in support.describe_dots(
        pooled, t
    )
