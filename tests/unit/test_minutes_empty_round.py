"""A voting round opened and closed with nobody voting: it says nothing about how the
core task was chosen, and the appendix says so in one line rather than a table of zeros."""

from __future__ import annotations

import pytest

from server import export
from server import protocol as p
from server.catalog.minutes import CATALOGS
from tests.unit.sim import new_sim
from tests.unit.test_export import log_of
from tests.unit.test_minutes_front import front, minutes

WORDING = "Vi giver hver elev lyst og mod til at lære"


def chosen_after_an_empty_round() -> export.SessionLog:
    """Ravnsholt Skole: three teachers dot the one draft in round 1; round 2 is opened
    and closed with nobody voting; then the draft is chosen."""
    sim = new_sim()
    lise = sim.join("Lise", "Skoleleder", role="facilitator", votes=False)
    teachers = [sim.join(name, "Lærer") for name in ("Anders", "Mette", "Jonas")]
    sim.do(lise, p.SetPhase("f", "drafts"))
    sim.do(teachers[0], p.ProposeDraft("d", WORDING))
    sim.do(lise, p.SetPhase("f", "voting"))
    sim.do(lise, p.OpenRound("r", 1, False))
    for teacher in teachers:
        sim.do(teacher, p.CastVote("v", "d1"))
    sim.do(lise, p.CloseRound("r"))
    sim.do(lise, p.OpenRound("r", 1, False))
    sim.do(lise, p.CloseRound("r"))
    sim.do(lise, p.FinalizeDraft("c", "d1"))
    return log_of(sim)


def test_a_round_nobody_voted_in_does_not_decide_how_the_wording_was_chosen() -> None:
    """The last round with dots counts: one voting round, and its broad support."""
    text = front(minutes(chosen_after_an_empty_round()))
    assert "efter 1 afstemningsrunde." in text
    assert "Bred opbakning: 3 af de 3, der stemte i sidste runde, satte en prik ved den." in text
    assert CATALOGS["da"]["support.not_in_round"] not in text


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_appendix_says_in_one_line_that_nobody_voted(lang: str) -> None:
    """Round 2 is its heading and one line; round 1 keeps its table."""
    words = CATALOGS[lang]
    text = minutes(chosen_after_an_empty_round(), lang)
    heading = f"### {words['rounds.round'].format(number=2)}\n"
    empty = text.split(heading)[1].split("\n## ")[0].split("\n### ")[0]
    lines = [line for line in empty.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].endswith(f"{words['rounds.nobody_voted']}.")
    assert "|" not in empty
