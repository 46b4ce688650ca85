"""The follow-up after the close in the minutes: every change after the reopening reads as
a sentence (the school whose head endorsed the minutes only after the reopening)."""

from __future__ import annotations

import pytest

from server import export
from server import protocol as p
from server.catalog.minutes import CATALOGS
from tests.unit.sim import new_sim
from tests.unit.test_export import log_of
from tests.unit.test_minutes_front import minutes


def endorsed_after_reopening() -> export.SessionLog:
    """Ravnsholt Skole's team meeting: closed, reopened, then endorsed by the head."""
    sim = new_sim()
    lise = sim.join("Lise", "Skoleleder", role="facilitator", votes=False)
    for name in ("Anders", "Mette", "Jonas"):
        sim.join(name, "Lærer")
    sim.do(lise, p.CloseSession("x"))
    sim.do(lise, p.ReopenForFollowUp("x"))
    sim.do(lise, p.Endorse("x", "Lise Holm, skoleleder", "2026-11-30"))
    return log_of(sim)


def follow_up_section(text: str, lang: str) -> list[str]:
    part = text.split(f"## {CATALOGS[lang]['section.followup']}\n")[1].split("\n## ")[0]
    return [line for line in part.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("da", "Godkendt af Lise Holm, skoleleder, den 30. november 2026."),
        ("en", "Endorsed by Lise Holm, skoleleder, on 30 November 2026."),
    ],
)
def test_an_endorsement_after_the_reopening_says_who_and_when(lang: str, sentence: str) -> None:
    """Who endorsed and on which day, not an empty line ending in a colon."""
    lines = follow_up_section(minutes(endorsed_after_reopening(), lang), lang)
    assert any(line.startswith("- ") and line.endswith(sentence) for line in lines)
    assert not [line for line in lines if line.rstrip().endswith(":")]


def test_a_titled_endorser_closes_the_apposition_with_a_comma() -> None:
    """The endorsement section reads "Lise Holm, skoleleder, den ...", comma before "den"."""
    text = minutes(endorsed_after_reopening())
    section = text.split(f"## {CATALOGS['da']['section.endorsement']}\n")[1]
    assert section.lstrip().startswith("Godkendt af Lise Holm, skoleleder, den 30. november 2026.")
