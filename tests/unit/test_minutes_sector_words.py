"""The minutes name a dilemma's kind in the sector's words: a school's dilemma between
the school and a family is between pupils or parents and staff, never citizens."""

from __future__ import annotations

import pytest

from server import protocol as p
from tests.unit.sim import new_sim
from tests.unit.test_export import log_of
from tests.unit.test_minutes_front import minutes


@pytest.mark.parametrize(
    ("sector", "lang", "kind"),
    [
        ("school", "da", "Mellem elever eller forældre og medarbejdere"),
        ("school", "en", "Between pupils or parents and staff"),
        ("daycare", "da", "Mellem børn eller forældre og medarbejdere"),
        ("library", "da", "Mellem brugere og medarbejdere"),
        (None, "da", "Mellem borgere eller pårørende og medarbejdere"),
    ],
)
def test_a_dilemma_with_families_is_named_in_the_sectors_words(
    sector: str | None, lang: str, kind: str
) -> None:
    """Homework in the after-school club: the kind as the sector says it."""
    sim = new_sim()
    sim.state.info.sector = sector
    anders = sim.join("Anders", "Lærer")
    sim.do(
        anders,
        p.RecordDilemma(
            "d1",
            "Lektier i fritidsordningen",
            kind="citizens_staff",
            side_a="forældrene ønsker lektiehjælp efter skoletid",
            side_b="fritidsordningen er til leg og fællesskab",
        ),
    )
    text = minutes(log_of(sim), lang)
    assert kind in text
    if sector is not None:
        assert "borger" not in text.lower() and "citizen" not in text.lower()
