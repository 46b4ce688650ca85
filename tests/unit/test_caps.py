"""A flood is a nuisance, not an outage: a session holds a bounded number of items.

Jobcenter Nord: Hanne facilitates; Omar, a participant, writes far more than any person
would. Past a cap his command is refused `invalid_state`, which every v1 client knows,
and nothing changes; once the facilitator removes items, there is room again.
"""

from __future__ import annotations

import pytest

from server import model
from server import protocol as p
from tests.unit.sim import Sim, new_sim

TITLE = "Borgeren venter for længe på en samtale"
PROFESSIONS = ["Jobkonsulent", "Socialrådgiver"]


def jobcentre() -> tuple[Sim, str, str]:
    sim = new_sim()
    return sim, sim.join("Hanne", "Leder", "facilitator"), sim.join("Omar", "Jobkonsulent")


def refused(sim: Sim, actor: str, command: p.Command) -> model.DomainError:
    """The refusal of a command past a cap; the state must not have moved."""
    before = sim.state.seq
    with pytest.raises(model.DomainError) as caught:
        sim.do(actor, command)
    assert sim.state.seq == before
    return caught.value


def test_a_session_holds_3000_statements_and_refuses_the_next() -> None:
    """The 3001st statement is refused invalid_state, saying why, and changes nothing."""
    sim, _hanne, omar = jobcentre()
    for n in range(model.MAX_STATEMENTS):
        sim.do(omar, p.AddStatement(sim.cmd_id(), f"Antal samtaler i uge {n}"))
    error = refused(sim, omar, p.AddStatement(sim.cmd_id(), "Ventetid i dage"))
    assert error.code == "invalid_state" and "3000 statements" in error.message
    assert len(sim.state.statements) == model.MAX_STATEMENTS


def test_a_removed_statement_makes_room_for_another() -> None:
    """Only the facilitator frees room: what she removed no longer counts."""
    sim, hanne, omar = jobcentre()
    for n in range(model.MAX_STATEMENTS):
        sim.do(omar, p.AddStatement(sim.cmd_id(), f"Antal samtaler i uge {n}"))
    sim.do(hanne, p.RemoveItem(sim.cmd_id(), "statement", "s7", "gentaget"))
    sim.do(omar, p.AddStatement(sim.cmd_id(), "Ventetid i dage"))
    refused(sim, omar, p.AddStatement(sim.cmd_id(), "Antal aflyste samtaler"))


def test_a_session_holds_500_drafts_withdrawn_ones_included() -> None:
    """The 501st draft is refused; withdrawing a draft frees nothing (or proposing and
    withdrawing would be a flood of its own)."""
    sim, _hanne, omar = jobcentre()
    for n in range(model.MAX_DRAFTS):
        sim.do(omar, p.ProposeDraft(sim.cmd_id(), f"Borgeren kommer i job, udkast {n}"))
    sim.do(omar, p.WithdrawDraft(sim.cmd_id(), "d1"))
    error = refused(sim, omar, p.ProposeDraft(sim.cmd_id(), "Borgeren bliver selvforsørgende"))
    assert error.code == "invalid_state" and "500 drafts" in error.message


def test_a_session_holds_200_conflicts() -> None:
    """The 201st conflict is refused, also one the facilitator records."""
    sim, hanne, omar = jobcentre()
    for n in range(model.MAX_CONFLICTS):
        sim.do(omar, p.RecordConflict(sim.cmd_id(), f"{TITLE} ({n})", PROFESSIONS))
    error = refused(sim, hanne, p.RecordConflict(sim.cmd_id(), TITLE, PROFESSIONS))
    assert error.code == "invalid_state" and "200 conflicts" in error.message


def test_a_session_holds_300_notes_on_its_conflicts() -> None:
    """Each conflict holds 100 notes, and the session 300 in all: every update carries
    its conflict's notes, so they are what makes events and welcomes big."""
    sim, hanne, omar = jobcentre()
    conflicts = model.MAX_SESSION_NOTES // model.MAX_NOTES
    for n in range(conflicts):
        sim.do(omar, p.RecordConflict(sim.cmd_id(), f"{TITLE} ({n})", PROFESSIONS))
        for _ in range(model.MAX_NOTES):
            sim.do(omar, p.UpdateConflict(sim.cmd_id(), f"c{n + 1}", note="Aftalt: ring i morgen"))
    sim.do(hanne, p.RecordConflict(sim.cmd_id(), TITLE, PROFESSIONS))
    late = p.UpdateConflict(sim.cmd_id(), f"c{conflicts + 1}", note="Tages op på mødet")
    error = refused(sim, hanne, late)
    assert error.code == "invalid_state" and "300 notes" in error.message
    sim.do(hanne, p.UpdateConflict(sim.cmd_id(), f"c{conflicts + 1}", status="parked"))


def test_the_caps_are_far_above_a_real_session() -> None:
    """A kick-off day of 200 people writes a few statements each, a few dozen drafts and
    conflicts; the caps leave several times that (docs/security.md)."""
    assert (model.MAX_STATEMENTS, model.MAX_DRAFTS, model.MAX_CONFLICTS) == (3000, 500, 200)
    assert model.MAX_SESSION_NOTES == 300


@pytest.mark.parametrize(
    ("field", "item"),
    [("professions", "Jobkonsulent"), ("refs", {"kind": "statement", "id": "s1"})],
)
def test_a_conflict_names_at_most_20_professions_and_refs(field: str, item: object) -> None:
    """Every conflict_updated carries its whole conflict: its lists are bounded too."""
    raw = {"type": "record_conflict", "id": "c", "title": TITLE, "professions": PROFESSIONS}
    assert p.decode_command(raw | {field: [item] * 20})
    with pytest.raises(p.ProtocolError) as caught:
        p.decode_command(raw | {field: [item] * 21})
    assert caught.value.code == "too_long"
