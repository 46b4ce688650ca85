"""The acceptance and criteria rounds as tables: the totals in ratings.csv, and the split
per profession in ratings_by_profession.csv exactly as fixed at each close."""

from __future__ import annotations

from server import export
from server import protocol as p
from tests.export.school import AS_SET, LIVE, PEDAGOGUE, TEACHER, rated_school, tables
from tests.unit.sim import new_sim
from tests.unit.test_export import log_of

EVERYTHING = export.MinutesOptions(profession_tables=True)


def rows(sim_log: export.SessionLog, name: str) -> list[list[str]]:
    return tables(export.render(sim_log, "csv", "da", EVERYTHING))[name]


def test_ratings_csv_has_a_count_per_draft_question_and_answer() -> None:
    """Acceptance of d1: four in full support, four who cannot live with it, the rest 0."""
    table = rows(log_of(rated_school()), "ratings.csv")
    assert table[0] == [
        "round",
        "rating_id",
        "kind",
        "blind",
        "open",
        "answered",
        "draft_id",
        "question",
        "answer",
        "count",
    ]
    d1 = {row[8]: row[9] for row in table[1:] if row[0] == "1" and row[6] == "d1"}
    assert d1 == {"full": "4", "support": "0", "reservations": "0", "doubts": "0", "cannot": "4"}
    value = [row[8:] for row in table[1:] if row[2] == "criteria" and row[7] == "value"]
    assert value == [["yes", "6"], ["partly", "2"], ["no", "0"]]


def test_a_blind_round_still_open_shows_no_count() -> None:
    """While answers are hidden from the room, the table hides them too."""
    sim = new_sim()
    lise = sim.join("Lise", "Skoleleder", "facilitator", votes=False)
    ole = sim.join("Ole", "Lærer")
    sim.do(ole, p.ProposeDraft("x", "Alle børn lærer at lære"))
    sim.do(lise, p.OpenRating("x", "acceptance", ["d1"]))
    sim.do(ole, p.Rate("x", "d1", LIVE, "full"))
    table = rows(log_of(sim), "ratings.csv")
    assert [row[9] for row in table[1:]] == ["", "", "", "", ""]
    assert [row[3:6] for row in table[1:2]] == [["true", "true", "1"]]
    assert rows(log_of(sim), "ratings_by_profession.csv")[1:] == []


def test_the_split_is_the_one_fixed_at_the_close() -> None:
    """Every row is a figure of the round's by_profession, and every figure has its row."""
    sim = rated_school()
    table = rows(log_of(sim), "ratings_by_profession.csv")
    found = {(r[1], r[3], r[5], r[6], r[7]): int(r[8]) for r in table[1:]}
    fixed = {
        (rating.id, group, draft, question, answer): counts.get(answer, 0)
        for rating in sim.state.ratings
        for draft, questions in (rating.by_profession or {}).items()
        for question, figure in questions.items()
        for group, counts in figure.items()
        for answer in p.rating_answers(rating.kind)
    }
    assert found == fixed and len(found) == 26
    assert found[("a1", TEACHER, "d2", LIVE, "doubts")] == 4
    assert found[("a2", PEDAGOGUE, "d2", "value", "partly")] == 2


def test_a_question_nobody_answered_has_no_rows_per_profession() -> None:
    """Only the value criterion was answered: no other criterion appears per group."""
    table = rows(log_of(rated_school()), "ratings_by_profession.csv")
    assert {row[6] for row in table[1:] if row[2] == "criteria"} == {"value"}


def test_a_small_profession_is_counted_among_the_others() -> None:
    """Two pedagogues under k = 3 are never a group of their own: merged with the rest."""
    sim = new_sim()
    lise = sim.join("Lise", "Skoleleder", "facilitator", votes=False)
    teachers = [sim.join(n, TEACHER) for n in ("Ole", "Pia", "Rasmus")]
    pedagogues = [sim.join(n, PEDAGOGUE) for n in ("Sara", "Tim")]
    sim.do(teachers[0], p.ProposeDraft("x", "Alle børn lærer at lære"))
    sim.do(lise, p.OpenRating("x", "acceptance", ["d1"]))
    for who in teachers + pedagogues:
        sim.do(who, p.Rate("x", "d1", LIVE, "support"))
    sim.do(lise, p.CloseRating("x"))
    table = rows(log_of(sim), "ratings_by_profession.csv")
    # Teachers alone would leave the two pedagogues to be worked out: all are merged.
    assert {(row[3], row[4]) for row in table[1:]} == {("", "true")}
    assert [row[8] for row in table[1:] if row[7] == "support"] == ["5"]


def test_a_session_without_rating_rounds_has_no_rating_tables() -> None:
    """Its files are the five they always were."""
    sim = new_sim()
    sim.join("Lise", "Skoleleder", "facilitator", votes=False)
    files = tables(export.render(log_of(sim), "csv", "da", AS_SET))
    assert "ratings.csv" not in files and "ratings_by_profession.csv" not in files
    assert len(files) == 5
