"""Decisions and next steps, dilemmas that can be followed, and follow-up after the close:
the rules as plain calls, at a job centre's team meeting."""

from __future__ import annotations

import msgspec
import pytest

from server import model, views
from server import protocol as p
from tests.unit.sim import NOW, Sim, new_sim
from tests.unit.test_rules import EVERY_COMMAND, tag_of

FAIR = "Jobmesse for virksomheder i marts"


def team() -> tuple[Sim, str, str, str]:
    """A team leader facilitating, a job consultant, a social worker and an observer."""
    sim = new_sim()
    helle = sim.join("Helle", "Teamleder", "facilitator", votes=False)
    kim = sim.join("Kim", "Jobkonsulent")
    lone = sim.join("Lone", "Socialrådgiver")
    sim.join("Ulla", None, "observer")
    return sim, helle, kim, lone


def refused(sim: Sim, actor: str, command: p.Command) -> str:
    before = sim.state.seq
    with pytest.raises(model.DomainError) as caught:
        sim.do(actor, command)
    assert sim.state.seq == before
    return caught.value.code


def snapshot(sim: Sim) -> p.Snapshot:
    return views.snapshot(sim.state, None)


# --- decisions and next steps -----------------------------------------------------------


def test_the_facilitator_adds_a_next_step_with_owner_date_and_forum() -> None:
    """Who, what, by when and in which forum, open until someone says otherwise."""
    sim, helle, _, _ = team()
    sim.do(helle, p.AddAction("x", FAIR, "action", "Kim", "2027-03-01", "staff_meeting"))
    [action] = snapshot(sim).actions
    assert (action.id, action.what, action.who, action.due) == ("a1", FAIR, "Kim", "2027-03-01")
    assert (action.forum, action.status, action.kind) == ("staff_meeting", "open", "action")


def test_a_participant_adds_decisions_only_in_the_wrap_up() -> None:
    """Before the wrap-up a participant is refused; in it, anyone may add one."""
    sim, helle, kim, _ = team()
    assert refused(sim, kim, p.AddAction("x", FAIR)) == "forbidden"
    sim.do(helle, p.SetPhase("x", "wrapup"))
    assert sim.do(kim, p.AddAction("x", FAIR, "decision")).kind == "action_added"


def test_an_action_gets_a_status_a_note_and_a_new_owner() -> None:
    """Each update changes what it names and keeps the rest."""
    sim, helle, _, _ = team()
    sim.do(helle, p.AddAction("x", FAIR, who="Kim", forum="staff_meeting"))
    sim.do(helle, p.UpdateAction("x", "a1", status="doing", note="Lokalet er booket"))
    sim.do(helle, p.UpdateAction("x", "a1", who="Lone"))
    [action] = snapshot(sim).actions
    assert (action.status, action.notes, action.who) == ("doing", ["Lokalet er booket"], "Lone")
    assert action.forum == "staff_meeting"


def test_an_unknown_action_is_not_found() -> None:
    """Updating a1 before there is one: not_found."""
    sim, helle, _, _ = team()
    assert refused(sim, helle, p.UpdateAction("x", "a1", status="done")) == "not_found"


def test_a_date_that_is_not_a_date_is_invalid() -> None:
    """`due` is YYYY-MM-DD or absent: the wire refuses anything else."""
    raw = {"type": "add_action", "id": "x", "what": FAIR, "due": "i morgen"}
    with pytest.raises(p.ProtocolError) as caught:
        p.decode_command(raw)
    assert caught.value.code == "invalid"


def test_an_empty_decision_is_invalid() -> None:
    """`what` after hygiene must hold something."""
    with pytest.raises(p.ProtocolError) as caught:
        p.decode_command({"type": "add_action", "id": "x", "what": " \u200b "})
    assert caught.value.code == "invalid"


# --- dilemmas ---------------------------------------------------------------------------


def test_a_dilemma_needs_no_profession_and_holds_two_sides() -> None:
    """Management against staff: no profession named, one hand and the other."""
    sim, _, kim, _ = team()
    sim.do(
        kim,
        p.RecordDilemma(
            "x",
            "Hurtigt i job eller varigt i job",
            "management_staff",
            "",
            "Ledelsen skal vise resultater hvert kvartal",
            "Borgeren holder bedst fast i et job, der passer",
        ),
    )
    [conflict] = snapshot(sim).conflicts
    assert (conflict.kind, conflict.professions) == ("management_staff", [])
    assert conflict.side_a.startswith("Ledelsen") and conflict.side_b.startswith("Borgeren")


def test_editing_a_dilemma_counts_the_edit_and_keeps_the_rest() -> None:
    """A new title; the sides stay; the view says it was edited once."""
    sim, _, kim, _ = team()
    sim.do(kim, p.RecordDilemma("x", "Hurtigt i job", "resources", side_a="Tid", side_b="Penge"))
    sim.do(kim, p.EditDilemma("x", "c1", title="Hurtig afgang eller varig tilknytning"))
    [conflict] = snapshot(sim).conflicts
    assert (conflict.title, conflict.side_a, conflict.edits) == (
        "Hurtig afgang eller varig tilknytning",
        "Tid",
        1,
    )


def test_only_its_author_or_the_facilitator_edits_a_dilemma() -> None:
    """Lone may not reword Kim's dilemma; the facilitator may."""
    sim, helle, kim, lone = team()
    sim.do(kim, p.RecordDilemma("x", "Hurtigt i job", "other"))
    assert refused(sim, lone, p.EditDilemma("x", "c1", title="Andet")) == "forbidden"
    assert sim.do(helle, p.EditDilemma("x", "c1", title="Andet")).kind == "dilemma_edited"


def test_a_conflict_gets_an_owner_a_forum_a_date_and_a_mark_for_the_level_above() -> None:
    """A v1 conflict between professions can be followed as well as a new dilemma."""
    sim, helle, kim, _ = team()
    sim.do(kim, p.RecordConflict("x", "Hvem ringer til arbejdsgiveren", ["Jobkonsulent"]))
    sim.do(helle, p.FollowConflict("x", "c1", "Helle", "management_group", "2027-01-15", True))
    [conflict] = snapshot(sim).conflicts
    assert (conflict.owner, conflict.forum, conflict.due, conflict.above) == (
        "Helle",
        "management_group",
        "2027-01-15",
        True,
    )


def test_removing_a_dilemma_blanks_its_sides_and_owner() -> None:
    """What was removed leaves no text: not the sides, not the owner."""
    sim, helle, kim, _ = team()
    sim.do(kim, p.RecordDilemma("x", "Tryghed", "citizens_staff", side_a="Ja", side_b="Nej"))
    sim.do(helle, p.FollowConflict("x", "c1", owner="Helle"))
    sim.do(helle, p.RemoveItem("x", "conflict", "c1", "Navn på en borger"))
    [conflict] = snapshot(sim).conflicts
    assert (conflict.title, conflict.side_a, conflict.side_b, conflict.owner) == (None, "", "", "")


# --- what is kept for after the meeting ---------------------------------------------------


def test_the_facilitator_writes_what_it_means_in_everyday_work() -> None:
    """Two texts for the minutes; an empty text clears one."""
    sim, helle, _, _ = team()
    sim.do(helle, p.SetSummary("x", "everyday", "Vi spørger borgeren, hvad et godt job er"))
    sim.do(helle, p.SetSummary("x", "contribution", "Flere i varigt job"))
    sim.do(helle, p.SetSummary("x", "contribution", ""))
    follow = snapshot(sim).follow
    assert (follow.everyday, follow.contribution) == (
        "Vi spørger borgeren, hvad et godt job er",
        None,
    )


def test_an_endorsement_without_a_day_is_dated_when_recorded() -> None:
    """By whom as written; the day is the recording's own."""
    sim, helle, _, _ = team()
    sim.do(helle, p.Endorse("x", "Centerchef Birthe Lund"))
    assert snapshot(sim).follow.endorsement == p.EndorsementView("Centerchef Birthe Lund", NOW[:10])


# --- follow-up after the close ------------------------------------------------------------


def closed_with_work() -> tuple[Sim, str, str]:
    sim, helle, kim, _ = team()
    sim.do(kim, p.RecordConflict("x", "Hvem ringer til arbejdsgiveren", ["Jobkonsulent"]))
    sim.do(helle, p.AddAction("x", FAIR))
    sim.do(kim, p.ProposeDraft("x", "Borgeren kommer i varigt job"))
    sim.do(kim, p.AddStatement("x", "Antal samtaler"))
    sim.do(helle, p.CloseSession("x"))
    return sim, helle, kim


def test_reopening_needs_a_closed_session() -> None:
    """An open session has nothing to reopen; a reopened one is not reopened twice."""
    sim, helle, _, _ = team()
    assert refused(sim, helle, p.ReopenForFollowUp("x")) == "invalid_state"
    sim.do(helle, p.CloseSession("x"))
    sim.do(helle, p.ReopenForFollowUp("x"))
    assert refused(sim, helle, p.ReopenForFollowUp("x")) == "invalid_state"


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=tag_of)
def test_reopened_for_follow_up_takes_exactly_the_follow_up_commands(command: p.Command) -> None:
    """Statuses, notes and owners of conflicts and actions pass; everything else is
    refused as closed, and the state stays as it was at the close."""
    sim, helle, _ = closed_with_work()
    sim.do(helle, p.ReopenForFollowUp("x"))
    if tag_of(command) in p.FOLLOW_UP_COMMANDS:
        assert sim.do(helle, command).kind in (
            "conflict_updated",
            "conflict_followed",
            "action_updated",
            "endorsed",
        )
    elif tag_of(command) == "reopen_for_follow_up":
        assert refused(sim, helle, command) == "invalid_state"
    else:
        assert refused(sim, helle, command) == "session_closed"
    assert snapshot(sim).session.closed


def test_the_key_holder_reopens_and_follows_up_without_being_a_participant() -> None:
    """A facilitator visiting a closed session reopens it; the events name no actor."""
    sim, _, _ = closed_with_work()
    reopened = model.decide_by_key(sim.state, p.ReopenForFollowUp("x"), NOW)
    model.apply(sim.state, reopened)
    done = model.decide_by_key(sim.state, p.UpdateAction("x", "a1", status="done"), NOW)
    assert (reopened.actor, done.actor, done.kind) == (None, None, "action_updated")
    with pytest.raises(model.DomainError) as caught:
        model.decide_by_key(sim.state, p.AddStatement("x", "Flere i job"), NOW)
    assert caught.value.code == "session_closed"


def test_the_key_holder_may_not_follow_up_before_reopening() -> None:
    """Visiting is read-only until the session is reopened for follow-up."""
    sim, _, _ = closed_with_work()
    with pytest.raises(model.DomainError) as caught:
        model.decide_by_key(sim.state, p.UpdateAction("x", "a1", status="done"), NOW)
    assert caught.value.code == "session_closed"


def test_every_follow_up_command_decodes_from_its_json() -> None:
    """The wire's JSON of each addition decodes to the command the rules see."""
    for command in EVERY_COMMAND:
        raw = msgspec.json.decode(msgspec.json.encode(command))
        assert p.decode_command(raw) == command
