"""Skolen ved Søen, rated: a dot round, an acceptance round and a criteria round, all
closed, so every kind of table per profession exists (k = 3, four of each profession)."""

from __future__ import annotations

import csv
import io
import zipfile

from server import export
from server import protocol as p
from tests.unit.sim import Sim, new_sim

TEACHER = "Lærer"
PEDAGOGUE = "Pædagog"
LIVE = p.ACCEPTANCE_QUESTION
# The session decides: the CLI without its flag, the facilitator's menu.
AS_SET = export.MinutesOptions(profession_tables=None)


def rated_school(anonymous: bool = True, include: bool | None = None) -> Sim:
    """Lise facilitates; the teachers back d1, the pedagogues d2; `include` is the
    facilitator's decision on the tables (None: not decided)."""
    sim = new_sim(anonymous=anonymous)
    lise = sim.join("Lise", "Skoleleder", "facilitator", votes=False)
    teachers = [sim.join(n, TEACHER) for n in ("Ole", "Pia", "Rasmus", "Trine")]
    pedagogues = [sim.join(n, PEDAGOGUE) for n in ("Sara", "Tim", "Ulla", "Vera")]
    sim.do(teachers[0], p.ProposeDraft("x", "Alle børn lærer at lære"))
    sim.do(pedagogues[0], p.ProposeDraft("x", "Børnene trives i fællesskabet"))
    sim.do(lise, p.OpenRound("x", 1, True))
    for who in teachers:
        sim.do(who, p.CastVote("x", "d1"))
    for who in pedagogues:
        sim.do(who, p.CastVote("x", "d2"))
    sim.do(lise, p.CloseRound("x"))
    sim.do(lise, p.OpenRating("x", "acceptance", ["d1", "d2"]))
    for who in teachers:
        sim.do(who, p.Rate("x", "d1", LIVE, "full"))
        sim.do(who, p.Rate("x", "d2", LIVE, "doubts"))
    for who in pedagogues:
        sim.do(who, p.Rate("x", "d1", LIVE, "cannot"))
        sim.do(who, p.Rate("x", "d2", LIVE, "support"))
    sim.do(lise, p.CloseRating("x"))
    sim.do(lise, p.OpenRating("x", "criteria", ["d2"], blind=False))
    for who in teachers + pedagogues[:2]:
        sim.do(who, p.Rate("x", "d2", "value", "yes"))
    for who in pedagogues[2:]:
        sim.do(who, p.Rate("x", "d2", "value", "partly"))
    sim.do(lise, p.CloseRating("x"))
    if include is not None:
        sim.do(lise, p.SetMinutesTables("x", include))
    return sim


def tables(data: bytes) -> dict[str, list[list[str]]]:
    """Each CSV file of a zip, read back as rows."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
            for name in archive.namelist()
        }
