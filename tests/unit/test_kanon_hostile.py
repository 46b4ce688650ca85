"""The k-rule against a hostile participant and against subtraction over time.

Plejecenter Solhaven, k = 3: three nurses, two care assistants and one occupational
therapist. A participant who wants the therapist's dots joins fake members who never act;
a latecomer's tag must not fall out of a revealed split shown again in the minutes; and a
lone professional who arrives late must not pull a profession shown on its own back into
"other professions".
"""

from __future__ import annotations

import json

from server import export, lens, model, views
from server import protocol as p
from tests.unit.disclosure import assert_safe_figure
from tests.unit.sim import Sim, new_sim
from tests.unit.test_export import log_of, md, section

NURSE = "Sygeplejerske"
CARE = "Social- og sundhedsassistent"
OT = "Ergoterapeut"
PHYSIO = "Fysioterapeut"
PEDAGOGUE = "Pædagog"


def solhaven(fakes: bool) -> tuple[Sim, str, dict[str, str]]:
    """The real staff and, if `fakes`, two fake therapists and a fake care assistant,
    joined by one hostile participant before anything happens. Returns the sim, the
    facilitator and ids by name."""
    sim = new_sim(k=3)
    lead = sim.join("Mette", "Leder", "facilitator", votes=False)
    staff = [
        ("Anne", NURSE),
        ("Bo", NURSE),
        ("Camilla", NURSE),
        ("Dina", CARE),
        ("Emil", CARE),
        ("Rasmus", OT),
    ]
    if fakes:
        staff += [("Ergo 2", OT), ("Ergo 3", OT), ("Sosu 3", CARE)]
    ids = {name: sim.join(name, profession) for name, profession in staff}
    return sim, lead, ids


REAL = ("Anne", "Bo", "Camilla", "Dina", "Emil", "Rasmus")


def round_with_the_therapist_alone_on_d3(sim: Sim, lead: str, ids: dict[str, str]) -> p.RoundView:
    """A blind round in which only the therapist puts his dot on his own draft, d3."""
    sim.do(ids["Anne"], p.ProposeDraft("d", "Vi skaber tryghed og livskvalitet for beboerne"))
    sim.do(ids["Dina"], p.ProposeDraft("d", "Beboeren mestrer sin hverdag"))
    sim.do(ids["Rasmus"], p.ProposeDraft("d", "Beboeren træner sig til et selvstændigt liv"))
    sim.do(lead, p.OpenRound("r", 1, True))
    for name, draft in zip(REAL, ["d1", "d1", "d2", "d2", "d1", "d3"], strict=True):
        sim.do(ids[name], p.CastVote("v", draft))
    sim.do(lead, p.CloseRound("r"))
    return views.snapshot(sim.state, None).rounds[-1]


def revealed_split_with_the_therapist_alone_on_effect(
    sim: Sim, lead: str, ids: dict[str, str]
) -> dict[str, dict[str, int]]:
    """Everyone real tags s1, only the therapist "effect"; the facilitator reveals it."""
    sim.do(ids["Anne"], p.AddStatement("s", "Beboeren går selv i haven"))
    for name, tag in zip(REAL, "ooooo" + "e", strict=True):
        sim.do(ids[name], p.TagStatement("t", "s1", "effect" if tag == "e" else "output"))
    sim.do(lead, p.RevealSplit("r", "s1"))
    split = sim.state.statements["s1"].split
    assert split is not None
    return split


def test_silent_fake_members_reveal_nothing_of_a_round() -> None:
    """Three fakes who never vote give the therapist no figure of his own: the round is
    split exactly as it would be without them."""
    sim, lead, ids = solhaven(fakes=True)
    rnd = round_with_the_therapist_alone_on_d3(sim, lead, ids)
    assert rnd.by_profession is not None and rnd.tally is not None
    assert OT not in rnd.by_profession and CARE not in rnd.by_profession
    assert_safe_figure(sim.state, rnd.by_profession, sim.state.rounds[-1].votes, rnd.tally)
    honest, honest_lead, honest_ids = solhaven(fakes=False)
    assert (
        rnd.by_profession
        == round_with_the_therapist_alone_on_d3(honest, honest_lead, honest_ids).by_profession
    )


def test_silent_fake_members_reveal_nothing_of_a_revealed_split() -> None:
    """The therapist's lone "effect" is never a figure of its own in the revealed split."""
    sim, lead, ids = solhaven(fakes=True)
    split = revealed_split_with_the_therapist_alone_on_effect(sim, lead, ids)
    statement = sim.state.statements["s1"]
    assert OT not in split and CARE not in split
    assert_safe_figure(sim.state, split, statement.tags, {"output": 5, "effect": 1})
    honest, honest_lead, honest_ids = solhaven(fakes=False)
    assert split == revealed_split_with_the_therapist_alone_on_effect(
        honest, honest_lead, honest_ids
    )


def test_silent_fake_members_reveal_nothing_in_the_facilitators_lens() -> None:
    """The live lens obeys the same rule: no split or activity row for the therapist."""
    sim, _, ids = solhaven(fakes=True)
    sim.do(ids["Anne"], p.AddStatement("s", "Beboeren går selv i haven"))
    for name, tag in zip(REAL, "ooooo" + "e", strict=True):
        sim.do(ids[name], p.TagStatement("t", "s1", "effect" if tag == "e" else "output"))
    shown = lens.lens(sim.state, set(), lens.DEFAULT_THRESHOLD)
    statement = sim.state.statements["s1"]
    assert_safe_figure(sim.state, shown.statements["s1"], statement.tags)
    assert OT not in shown.equity.by_profession and CARE not in shown.equity.by_profession
    assert all(OT not in {side.profession for side in s.sides} for s in shown.suggestions)


def test_a_latecomers_tag_cannot_be_subtracted_from_a_revealed_split() -> None:
    """Reveal, then a second therapist joins and tags: the minutes and the data show the
    split as revealed, so no figure differs from it by the latecomer's tag."""
    sim, lead, ids = solhaven(fakes=False)
    revealed = revealed_split_with_the_therapist_alone_on_effect(sim, lead, ids)
    late = sim.join("Ergo 2", OT)
    sim.do(late, p.TagStatement("t", "s1", "effect"))
    sim.do(lead, p.CloseSession("c"))
    log = log_of(sim)
    assert export.statement_split(sim.state)["s1"] == {
        group: (counts["output"], counts["effect"]) for group, counts in revealed.items()
    }
    table = section(md(log, "en"), "### Output and effect by profession")
    row = next(line for line in table.splitlines() if line.startswith("| s1 |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")][1:]
    shown = sorted(cell for cell in cells if "/" in cell)
    assert shown == sorted(f"{c['output']} / {c['effect']}" for c in revealed.values())
    final = json.loads(export.render(log, "json"))["final_state"]
    assert next(s for s in final["statements"] if s["id"] == "s1")["split"] == revealed


def test_a_lone_latecomer_does_not_merge_a_profession_shown_on_its_own() -> None:
    """Nurses and care assistants each shown on their own stay so after a lone therapist
    arrives: once more people join "other", the care assistants are shown again."""
    sim = new_sim(k=3)
    lead = sim.join("Mette", "Leder", "facilitator", votes=False)
    nurses = [sim.join(name, NURSE) for name in ("Anne", "Bo", "Camilla")]
    carers = [sim.join(name, CARE) for name in ("Dina", "Emil", "Fie")]
    sim.do(nurses[0], p.ProposeDraft("d", "Vi skaber tryghed og livskvalitet for beboerne"))
    sim.do(carers[0], p.ProposeDraft("d", "Beboeren mestrer sin hverdag"))

    def close_round(voters: list[str]) -> dict[str, dict[str, int]]:
        sim.do(lead, p.OpenRound("r", 1, False))
        for n, pid in enumerate(voters):
            sim.do(pid, p.CastVote("v", "d1" if n % 2 else "d2"))
        sim.do(lead, p.CloseRound("r"))
        by_profession = sim.state.rounds[-1].by_profession
        assert by_profession is not None
        assert_safe_figure(sim.state, by_profession, sim.state.rounds[-1].votes)
        return by_profession

    assert set(close_round([*nurses, *carers])) == {NURSE, CARE}
    therapist = sim.join("Rasmus", OT)
    assert set(model.profession_groups(sim.state)) == {NURSE, CARE, ""}
    # His one dot would be the "" group's figure: the smallest group joins it this time.
    assert set(close_round([*nurses, *carers, therapist])) == {NURSE, ""}
    others = [therapist, sim.join("Pernille", PHYSIO), sim.join("Pia", PEDAGOGUE)]
    assert set(close_round([*nurses, *carers, *others])) == {NURSE, CARE, ""}


def test_a_profession_in_other_stays_there_when_it_reaches_k() -> None:
    """Care assistants counted with "other" when figures began stay there at three."""
    sim, lead, ids = solhaven(fakes=False)
    revealed_split_with_the_therapist_alone_on_effect(sim, lead, ids)
    sim.join("Fie", CARE)
    assert set(model.profession_groups(sim.state)) == {NURSE, ""}
