"""The minutes on the chosen core task: how it was chosen, its support in words (dots
and acceptance by profession), and the criteria; a choice on nothing is said plainly."""

from __future__ import annotations

from server import export
from server import protocol as p
from tests.unit.test_export import log_of
from tests.unit.test_ratings import LIVE, PEDAGOGUE, TEACHER, School


def minutes(school: School, lang: str = "da") -> str:
    return export.render(log_of(school.sim), "md", lang).decode()


def test_a_choice_without_votes_or_reason_is_said_plainly() -> None:
    """No round, no answers, no reason: the minutes say so in one sentence."""
    school = School()
    school.sim.do(school.lise, p.FinalizeDraft("x", "d1"))
    text = minutes(school)
    assert "Kl. 08.46: d1 valgt. Ingen begrundelse." in text
    assert "Den blev valgt, uden at der var stemt om den, og uden en begrundelse." in text
    assert "Der er ikke stemt om det." in text


def test_the_minutes_name_the_profession_that_gave_the_chosen_draft_no_dots() -> None:
    """The school: four teachers dotted d1, the chosen d2 got only the pedagogues' dots."""
    school = School()
    school.sim.do(school.lise, p.OpenRound("x", 1, True))
    for who in school.teachers:
        school.sim.do(who, p.CastVote("x", "d1"))
    for who in school.pedagogues:
        school.sim.do(who, p.CastVote("x", "d2"))
    school.sim.do(school.lise, p.CloseRound("x"))
    school.sim.do(school.lise, p.FinalizeDraft("x", "d2", "Ledelsen foretrækker den"))
    text = minutes(school)
    assert "Begrundelse: Ledelsen foretrækker den" in text
    assert f"Prikker pr. faggruppe: {TEACHER} 0, {PEDAGOGUE} 4." in text
    assert f"Ingen prikker fra: {TEACHER}." in text
    assert "uden en begrundelse" not in text


def test_the_minutes_say_who_cannot_live_with_it_and_the_criteria() -> None:
    """Acceptance by profession in words, and each criterion's answers, in English too."""
    school = School()
    school.sim.do(school.lise, p.OpenRating("x", "acceptance", ["d1"]))
    for who in school.teachers:
        school.sim.do(who, p.Rate("x", "d1", LIVE, "full"))
    for who, answer in zip(
        school.pedagogues, ("cannot", "cannot", "doubts", "support"), strict=True
    ):
        school.sim.do(who, p.Rate("x", "d1", LIVE, answer))
    school.sim.do(school.lise, p.CloseRating("x"))
    school.sim.do(school.lise, p.OpenRating("x", "criteria", ["d1"], blind=False))
    for who in school.teachers + school.pedagogues:
        school.sim.do(who, p.Rate("x", "d1", "value", "yes"))
        school.sim.do(who, p.Rate("x", "d1", "shared", "no"))
    school.sim.do(school.lise, p.CloseRating("x"))
    school.sim.do(school.lise, p.FinalizeDraft("x", "d1"))
    text = minutes(school)
    assert "Accept (runde 1): 5 af 8 bakker op." in text
    assert f"Kan ikke leve med det: {PEDAGOGUE} (2 af 4)." in text
    assert "Værdi for borger eller samfund, ikke ydelser: 8 ja" in text
    assert f"Ingen faggruppe kan løse den alene: 8 nej Flertallet af {TEACHER}, {PEDAGOGUE}" in text
    english = minutes(school, "en")
    assert f"Cannot live with it: {PEDAGOGUE} (2 of 4)." in english
    assert "Ingen prikker" not in english


def test_the_minutes_table_each_rating_round_per_profession_as_fixed() -> None:
    """Acceptance answers per profession in a table; none of it without rating rounds."""
    school = School()
    assert "Accept og kriterier" not in minutes(school)
    school.sim.do(school.lise, p.OpenRating("x", "acceptance", ["d1"]))
    for who in school.teachers:
        school.sim.do(who, p.Rate("x", "d1", LIVE, "cannot"))
    for who in school.pedagogues:
        school.sim.do(who, p.Rate("x", "d1", LIVE, "full"))
    school.sim.do(school.lise, p.CloseRating("x"))
    text = minutes(school)
    assert f"| Svar | I alt | {TEACHER} | {PEDAGOGUE} |" in text
    assert "| Kan ikke leve med det | 4 | 4 | 0 |" in text
    assert "| Acceptance, round 1" not in text and "### Acceptance, round 1" in minutes(
        school, "en"
    )
