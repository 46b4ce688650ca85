"""The rules of a session, one behaviour per test: `model.join`, `model.decide` and what
`views.snapshot` and `views.public_event` then show to whom."""

from __future__ import annotations

from dataclasses import dataclass

import msgspec
import pytest

from server import model, views
from server import protocol as p
from server.events import DraftFinalized
from server.fold import note_ack
from tests.unit.sim import NOW, Sim, new_sim

# --- the people and the texts ---------------------------------------------------------

CARE = "Vi hjælper beboeren til at klare mest muligt selv og leve et liv med mening"
DIGNITY = "Sammen med beboeren og de pårørende skaber vi en hverdag med værdighed"
NIGHT = "Beboerne skal kunne sove trygt, også når vagten er tynd om natten"
REVISED = "Vi hjælper beboeren til at mestre sin egen hverdag, så længe det er muligt"
BATHS = "Hver beboer får tilbudt bad to gange om ugen"
SAFE = "Beboeren føler sig tryg ved at bede om hjælp"
CONFLICT_TITLE = "Genoptræning eller hjælp"
CONFLICT_TEXT = "Skal vi holde fast i træningen, når fru Hansen hellere vil have hjælp til alt?"
NURSE = "Sygeplejerske"
ASSISTANT = "Social- og sundhedsassistent"


@dataclass
class Home:
    """Plejecenter Solhaven: a leader facilitating, nurses and assistants, an observer."""

    sim: Sim
    mette: str  # facilitator, votes
    anne: str  # nurse
    bo: str  # nurse
    camilla: str  # nurse
    dina: str  # social and health care assistant
    frida: str  # observer from the municipality


def nursing_home(anonymous: bool = True) -> Home:
    sim = new_sim(anonymous=anonymous)
    return Home(
        sim,
        mette=sim.join("Mette", "Leder", "facilitator"),
        anne=sim.join("Anne", NURSE),
        bo=sim.join("Bo", NURSE),
        camilla=sim.join("Camilla", NURSE),
        dina=sim.join("Dina", ASSISTANT),
        frida=sim.join("Frida", None, "observer"),
    )


def seeded(anonymous: bool = True) -> Home:
    """The nursing home with drafts d1 (Anne), d2 (Bo), d3 (Dina), statements s1 (Anne),
    s2 (Dina) and conflict c1 (Bo) that refers to d1."""
    home = nursing_home(anonymous)
    sim = home.sim
    sim.do(home.anne, p.ProposeDraft("a1", CARE))
    sim.do(home.bo, p.ProposeDraft("b1", DIGNITY))
    sim.do(home.dina, p.ProposeDraft("d1", NIGHT))
    sim.do(home.anne, p.AddStatement("a2", BATHS))
    sim.do(home.dina, p.AddStatement("d2", SAFE))
    sim.do(
        home.bo,
        p.RecordConflict(
            "b2", CONFLICT_TITLE, [NURSE, ASSISTANT], CONFLICT_TEXT, [p.Ref("draft", "d1")]
        ),
    )
    return home


@pytest.fixture
def home() -> Home:
    return seeded()


def refusal(sim: Sim, actor: str, command: p.Command) -> str:
    """The error code of a refused command; the state must not have moved."""
    before = sim.state.seq
    with pytest.raises(model.DomainError) as caught:
        sim.do(actor, command)
    assert sim.state.seq == before
    return caught.value.code


def draft_of(snap: p.Snapshot, draft_id: str) -> p.DraftView:
    return next(x for x in snap.drafts if x.id == draft_id)


def statement_of(snap: p.Snapshot, statement_id: str) -> p.StatementView:
    return next(x for x in snap.statements if x.id == statement_id)


def conflict_of(snap: p.Snapshot, conflict_id: str) -> p.ConflictView:
    return next(x for x in snap.conflicts if x.id == conflict_id)


def last_round(snap: p.Snapshot) -> p.RoundView:
    return snap.rounds[-1]


def last_wire(sim: Sim) -> p.WireEvent:
    return sim.events[-1][1]


def tag_of(command: p.Command) -> str:
    return str(type(command).__struct_config__.tag)


def case_id(value: object) -> str:
    """A readable test id: a command's type, a participant's name, nothing for step lists."""
    if isinstance(value, msgspec.Struct):
        return str(type(value).__struct_config__.tag)
    return value if isinstance(value, str) else ""


# One of every command; targets exist in `seeded`.
EVERY_COMMAND: list[p.Command] = [
    p.ProposeDraft("x", CARE),
    p.ReviseDraft("x", "d1", REVISED),
    p.WithdrawDraft("x", "d1"),
    p.CastVote("x", "d1"),
    p.RetractVote("x", "d1"),
    p.AddStatement("x", BATHS),
    p.TagStatement("x", "s1", "output"),
    p.RecordConflict("x", CONFLICT_TITLE, [NURSE]),
    p.UpdateConflict("x", "c1", "discussed", None),
    p.SetPhase("x", "voting"),
    p.StartTimer("x", 300, "Summemøde"),
    p.StopTimer("x"),
    p.OpenRound("x", 3, False),
    p.CloseRound("x"),
    p.FinalizeDraft("x", "d1"),
    p.ClassifyStatement("x", "s1", "output"),
    p.RemoveItem("x", "draft", "d1", "Personfølsomt"),
    p.CloseSession("x"),
    p.RevealSplit("x", "s1"),
    p.SetAdmission("x", True),
    p.RemoveParticipant("x", "p2", "Ikke en del af mødet"),
    p.MuteParticipant("x", "p2", True),
    p.RemoveWritings("x", "p2", "Gentagelser"),
    # Additions: decisions, dilemmas, follow-up (their own rules: tests/unit/test_followup.py)
    p.AddAction("x", "Tavlemøde hver mandag"),
    p.UpdateAction("x", "a1", status="done"),
    p.RecordDilemma("x", "Tryghed eller selvbestemmelse", "citizens_staff"),
    p.EditDilemma("x", "c1", title="Natlig tryghed"),
    p.FollowConflict("x", "c1", owner="Afdelingslederen"),
    p.SetSummary("x", "everyday", "Vi spørger beboeren først"),
    p.Endorse("x", "Centerchef Birthe Lund"),
    p.ReopenForFollowUp("x"),
    p.OpenRating("x", "acceptance", ["d1", "d2"]),
    p.Rate("x", "d1", "live", "support"),
    p.CloseRating("x"),
    p.AddCoachWords("x", "output", ["plejeplan"]),
    p.SetInstruction("x", "statements", "Hvad gør vi, og hvad får beboeren ud af det?"),
    p.SetMinutesTables("x", include=True),
    # Additions: a held round split and blind tagging (tests/unit/test_safety.py)
    p.RevealRoundSplit("x", "r1"),
    p.SetTagging("x", True),
]
FACILITATOR_COMMANDS = [c for c in EVERY_COMMAND if tag_of(c) in p.FACILITATOR_ONLY]
# Every command but the one that reopens a closed session for follow-up.
REFUSED_AFTER_CLOSE = [c for c in EVERY_COMMAND if tag_of(c) != "reopen_for_follow_up"]
WRITER_COMMANDS = [c for c in EVERY_COMMAND if tag_of(c) not in p.FACILITATOR_ONLY]


def test_every_command_type_is_covered() -> None:
    """The command tables above hold exactly one command of each protocol type."""
    assert sorted(tag_of(c) for c in EVERY_COMMAND) == sorted(p.COMMAND_TYPES)
    assert {tag_of(c) for c in FACILITATOR_COMMANDS} == set(p.FACILITATOR_ONLY)


# --- join -----------------------------------------------------------------------------


def join_code(
    sim: Sim, name: str | None, profession: str | None, role: p.Role, votes: bool = True
) -> str:
    with pytest.raises(model.DomainError) as caught:
        model.join(sim.state, name=name, profession=profession, role=role, votes=votes, now=NOW)
    return caught.value.code


def test_join_adds_a_participant_everyone_sees() -> None:
    """A participant who joins appears, with profession and role, in every snapshot."""
    home = nursing_home()
    snap = views.snapshot(home.sim.state, home.frida)
    anne = next(x for x in snap.participants if x.id == home.anne)
    assert (anne.name, anne.profession, anne.role) == ("Anne", NURSE, "participant")
    assert anne.votes is True
    assert len(snap.participants) == 6


def test_join_gives_sequential_participant_ids() -> None:
    """Participants get the ids p1, p2, ... in the order they joined."""
    home = nursing_home()
    assert [home.mette, home.anne, home.bo] == ["p1", "p2", "p3"]


@pytest.mark.parametrize("name", [None, ""])
def test_join_requires_a_name(name: str | None) -> None:
    """A new participant without a name is refused as invalid."""
    assert join_code(new_sim(), name, "Lærer", "participant") == "invalid"


@pytest.mark.parametrize("role", ["participant", "facilitator"])
@pytest.mark.parametrize("profession", [None, ""])
def test_join_requires_a_profession_except_for_observers(
    role: p.Role, profession: str | None
) -> None:
    """Participants and facilitators must give a profession."""
    assert join_code(new_sim(), "Karin", profession, role) == "invalid"


def test_observer_may_join_without_a_profession() -> None:
    """An observer joins without a profession and is listed with none."""
    sim = new_sim()
    pid = sim.join("Frida", None, "observer")
    who = views.snapshot(sim.state, pid).participants[0]
    assert (who.role, who.profession, who.votes) == ("observer", None, False)


def test_observer_never_votes_even_if_asked() -> None:
    """An observer is recorded with votes False whatever it asked for."""
    sim = new_sim()
    sim.join("Frida", "Konsulent", "observer", votes=True)
    assert sim.state.participants["p1"].votes is False


def test_participant_may_not_join_without_voting() -> None:
    """Only a facilitator may say votes=False; a participant saying it is invalid."""
    assert join_code(new_sim(), "Anne", NURSE, "participant", votes=False) == "invalid"


def test_facilitator_may_join_without_voting() -> None:
    """A facilitator may join with votes=False and is shown as not voting."""
    sim = new_sim()
    pid = sim.join("Mette", "Leder", "facilitator", votes=False)
    assert views.snapshot(sim.state, pid).participants[0].votes is False


def test_closed_session_refuses_new_participants(home: Home) -> None:
    """After close_session a new participant gets session_closed."""
    home.sim.do(home.mette, p.CloseSession("x"))
    assert join_code(home.sim, "Gustav", ASSISTANT, "participant") == "session_closed"


def test_join_event_shows_the_joiner_as_actor() -> None:
    """participant_joined carries the joiner as actor, even in an anonymous session."""
    sim = new_sim(anonymous=True)
    pid = sim.join("Anne", NURSE)
    wire = last_wire(sim)
    assert (wire.kind, wire.actor) == ("participant_joined", pid)
    assert wire.data["participant"]["id"] == pid


# --- success of every command ---------------------------------------------------------


def test_propose_draft(home: Home) -> None:
    """propose_draft adds version 1 of a live draft with the cleaned text."""
    event = home.sim.do(home.camilla, p.ProposeDraft("x", "Beboeren bestemmer over sin dag"))
    assert event.kind == "draft_proposed"
    draft = draft_of(views.snapshot(home.sim.state, home.camilla), "d4")
    assert (draft.text, draft.version, draft.author) == ("Beboeren bestemmer over sin dag", 1, "p4")
    assert (draft.withdrawn, draft.removed, draft.final) == (False, False, False)


def test_revise_draft_by_its_author(home: Home) -> None:
    """revise_draft by the author replaces the text and bumps the version."""
    event = home.sim.do(home.anne, p.ReviseDraft("x", "d1", REVISED))
    assert event.kind == "draft_revised"
    draft = draft_of(views.snapshot(home.sim.state, home.bo), "d1")
    assert (draft.text, draft.version) == (REVISED, 2)


def test_revise_draft_by_the_facilitator(home: Home) -> None:
    """The facilitator may revise a participant's draft."""
    assert home.sim.do(home.mette, p.ReviseDraft("x", "d1", REVISED)).kind == "draft_revised"
    assert draft_of(views.snapshot(home.sim.state, home.anne), "d1").text == REVISED


def test_withdraw_draft(home: Home) -> None:
    """withdraw_draft marks the draft withdrawn and keeps its text."""
    event = home.sim.do(home.bo, p.WithdrawDraft("x", "d2"))
    assert event.kind == "draft_withdrawn"
    draft = draft_of(views.snapshot(home.sim.state, home.anne), "d2")
    assert (draft.withdrawn, draft.text) == (True, DIGNITY)


def test_withdraw_draft_by_the_facilitator(home: Home) -> None:
    """The facilitator may withdraw a participant's draft."""
    assert home.sim.do(home.mette, p.WithdrawDraft("x", "d2")).kind == "draft_withdrawn"


def test_cast_vote(home: Home) -> None:
    """cast_vote puts one dot on the draft: tally, voters and the voter's my_votes."""
    home.sim.do(home.mette, p.OpenRound("x", 2, False))
    event = home.sim.do(home.anne, p.CastVote("x", "d1"))
    assert event.kind == "vote_cast"
    snap = views.snapshot(home.sim.state, home.anne)
    assert (last_round(snap).tally, last_round(snap).voters) == ({"d1": 1}, 1)
    assert snap.my_votes == ["d1"]
    assert views.snapshot(home.sim.state, home.bo).my_votes == []


def test_two_dots_on_two_drafts_count_one_voter(home: Home) -> None:
    """A voter using two dots on two drafts counts once in voters."""
    home.sim.do(home.mette, p.OpenRound("x", 2, False))
    home.sim.do(home.anne, p.CastVote("x", "d1"))
    home.sim.do(home.anne, p.CastVote("x", "d2"))
    rnd = last_round(views.snapshot(home.sim.state, home.bo))
    assert (rnd.tally, rnd.voters) == ({"d1": 1, "d2": 1}, 1)


def test_voting_facilitator_may_vote(home: Home) -> None:
    """A facilitator who votes puts dots like anyone else."""
    home.sim.do(home.mette, p.OpenRound("x", 1, False))
    assert home.sim.do(home.mette, p.CastVote("x", "d3")).kind == "vote_cast"


def test_retract_vote(home: Home) -> None:
    """retract_vote takes the dot back: tally, voters and my_votes drop."""
    home.sim.do(home.mette, p.OpenRound("x", 2, False))
    home.sim.do(home.anne, p.CastVote("x", "d1"))
    event = home.sim.do(home.anne, p.RetractVote("x", "d1"))
    assert event.kind == "vote_retracted"
    snap = views.snapshot(home.sim.state, home.anne)
    assert (last_round(snap).tally, last_round(snap).voters, snap.my_votes) == ({}, 0, [])


def test_retracted_dot_can_be_used_again(home: Home) -> None:
    """After retracting, the dot is free for another draft."""
    home.sim.do(home.mette, p.OpenRound("x", 1, False))
    home.sim.do(home.anne, p.CastVote("x", "d1"))
    home.sim.do(home.anne, p.RetractVote("x", "d1"))
    home.sim.do(home.anne, p.CastVote("x", "d2"))
    assert views.snapshot(home.sim.state, home.anne).my_votes == ["d2"]


def test_add_statement(home: Home) -> None:
    """add_statement adds an untagged statement with its text."""
    event = home.sim.do(home.bo, p.AddStatement("x", "Antal minutters rengøring pr. uge"))
    assert event.kind == "statement_added"
    statement = statement_of(views.snapshot(home.sim.state, home.bo), "s3")
    assert statement.text == "Antal minutters rengøring pr. uge"
    assert (statement.tally, statement.my_tag, statement.agreed) == (
        {"output": 0, "effect": 0},
        None,
        None,
    )


def test_tag_statement(home: Home) -> None:
    """tag_statement counts the tag for everyone; only the tagger sees it as my_tag."""
    event = home.sim.do(home.bo, p.TagStatement("x", "s1", "output"))
    assert event.kind == "statement_tagged"
    mine = statement_of(views.snapshot(home.sim.state, home.bo), "s1")
    other = statement_of(views.snapshot(home.sim.state, home.anne), "s1")
    assert (mine.tally, mine.my_tag) == ({"output": 1, "effect": 0}, "output")
    assert (other.tally, other.my_tag) == ({"output": 1, "effect": 0}, None)


def test_tag_statement_can_be_changed(home: Home) -> None:
    """Tagging again replaces the participant's own tag rather than adding one."""
    home.sim.do(home.bo, p.TagStatement("x", "s2", "output"))
    home.sim.do(home.bo, p.TagStatement("x", "s2", "effect"))
    statement = statement_of(views.snapshot(home.sim.state, home.bo), "s2")
    assert (statement.tally, statement.my_tag) == ({"output": 0, "effect": 1}, "effect")


def test_tag_statement_can_be_cleared(home: Home) -> None:
    """Tagging with null takes the participant's tag away."""
    home.sim.do(home.bo, p.TagStatement("x", "s2", "effect"))
    home.sim.do(home.bo, p.TagStatement("x", "s2", None))
    statement = statement_of(views.snapshot(home.sim.state, home.bo), "s2")
    assert (statement.tally, statement.my_tag) == ({"output": 0, "effect": 0}, None)


def test_tags_of_several_participants_add_up(home: Home) -> None:
    """Each voter has one tag per statement; the tally counts voters per tag."""
    home.sim.do(home.anne, p.TagStatement("x", "s2", "effect"))
    home.sim.do(home.bo, p.TagStatement("x", "s2", "effect"))
    home.sim.do(home.dina, p.TagStatement("x", "s2", "output"))
    statement = statement_of(views.snapshot(home.sim.state, home.frida), "s2")
    assert statement.tally == {"output": 1, "effect": 2}


def test_record_conflict(home: Home) -> None:
    """record_conflict adds an open conflict with title, professions and refs."""
    event = home.sim.do(
        home.dina,
        p.RecordConflict(
            "x",
            "Hvem bestemmer over badet",
            [ASSISTANT, NURSE],
            "Pårørende ønsker daglige bade; beboeren vil ikke.",
            [p.Ref("statement", "s1"), p.Ref("draft", "d2")],
        ),
    )
    assert event.kind == "conflict_recorded"
    conflict = conflict_of(views.snapshot(home.sim.state, home.anne), "c2")
    assert conflict.title == "Hvem bestemmer over badet"
    assert conflict.description == "Pårørende ønsker daglige bade; beboeren vil ikke."
    assert conflict.professions == [ASSISTANT, NURSE]
    assert conflict.refs == [p.Ref("statement", "s1"), p.Ref("draft", "d2")]
    assert (conflict.status, conflict.notes, conflict.removed) == ("open", [], False)


def test_update_conflict_status(home: Home) -> None:
    """update_conflict with a status changes the status only."""
    event = home.sim.do(home.anne, p.UpdateConflict("x", "c1", "parked", None))
    assert event.kind == "conflict_updated"
    conflict = conflict_of(views.snapshot(home.sim.state, home.anne), "c1")
    assert (conflict.status, conflict.notes) == ("parked", [])


def test_update_conflict_note(home: Home) -> None:
    """update_conflict with a note appends it and keeps the status."""
    home.sim.do(home.anne, p.UpdateConflict("x", "c1", None, "Tages op på personalemødet"))
    home.sim.do(home.dina, p.UpdateConflict("x", "c1", "discussed", "Vi prøver en uge ad gangen"))
    conflict = conflict_of(views.snapshot(home.sim.state, home.bo), "c1")
    assert conflict.notes == ["Tages op på personalemødet", "Vi prøver en uge ad gangen"]
    assert conflict.status == "discussed"


def test_set_phase(home: Home) -> None:
    """set_phase moves the session to the phase and tells the previous one."""
    event = home.sim.do(home.mette, p.SetPhase("x", "conflicts"))
    assert event.kind == "phase_changed"
    assert views.snapshot(home.sim.state, home.anne).session.phase == "conflicts"
    assert last_wire(home.sim).data == {"phase": "conflicts", "previous": "checkin"}


def test_phases_may_come_in_any_order(home: Home) -> None:
    """The facilitator may go back to an earlier phase."""
    home.sim.do(home.mette, p.SetPhase("x", "wrapup"))
    home.sim.do(home.mette, p.SetPhase("x", "statements"))
    assert views.snapshot(home.sim.state, home.anne).session.phase == "statements"


def test_start_timer(home: Home) -> None:
    """start_timer shows a timer that ends `seconds` after now, with its label."""
    event = home.sim.do(home.mette, p.StartTimer("x", 600, "Summemøde to og to"))
    assert event.kind == "timer_started"
    timer = views.snapshot(home.sim.state, home.anne).timer
    assert timer == p.TimerView("2026-11-28T10:25:00Z", "Summemøde to og to")


def test_stop_timer(home: Home) -> None:
    """stop_timer removes the running timer."""
    home.sim.do(home.mette, p.StartTimer("x", 120, None))
    assert home.sim.do(home.mette, p.StopTimer("x")).kind == "timer_stopped"
    assert views.snapshot(home.sim.state, home.anne).timer is None


def test_open_round(home: Home) -> None:
    """open_round adds round 1, open, with its dots and blindness and an empty tally."""
    event = home.sim.do(home.mette, p.OpenRound("x", 3, False))
    assert event.kind == "round_opened"
    rnd = last_round(views.snapshot(home.sim.state, home.anne))
    assert (rnd.id, rnd.number, rnd.dots, rnd.blind, rnd.open) == ("r1", 1, 3, False, True)
    assert (rnd.voters, rnd.tally, rnd.by_profession) == (0, {}, None)


def test_close_round(home: Home) -> None:
    """close_round closes the round, keeps its tally and fixes by_profession."""
    home.sim.do(home.mette, p.OpenRound("x", 1, False))
    home.sim.do(home.anne, p.CastVote("x", "d2"))
    event = home.sim.do(home.mette, p.CloseRound("x"))
    assert event.kind == "round_closed"
    rnd = last_round(views.snapshot(home.sim.state, home.anne))
    assert (rnd.open, rnd.tally, rnd.voters) == (False, {"d2": 1}, 1)
    assert rnd.by_profession is not None


def test_closing_a_round_empties_my_votes(home: Home) -> None:
    """my_votes lists dots in the open round only."""
    home.sim.do(home.mette, p.OpenRound("x", 1, False))
    home.sim.do(home.anne, p.CastVote("x", "d2"))
    home.sim.do(home.mette, p.CloseRound("x"))
    assert views.snapshot(home.sim.state, home.anne).my_votes == []


def test_a_new_round_after_closing_gets_the_next_number(home: Home) -> None:
    """After close_round a new round may open; it is number 2 with fresh dots."""
    home.sim.do(home.mette, p.OpenRound("x", 1, False))
    home.sim.do(home.anne, p.CastVote("x", "d2"))
    home.sim.do(home.mette, p.CloseRound("x"))
    home.sim.do(home.mette, p.OpenRound("x", 1, True))
    assert home.sim.do(home.anne, p.CastVote("x", "d2")).kind == "vote_cast"
    rnd = last_round(views.snapshot(home.sim.state, home.anne))
    assert (rnd.id, rnd.number, rnd.blind, rnd.voters) == ("r2", 2, True, 1)


def test_finalize_draft(home: Home) -> None:
    """finalize_draft marks the chosen draft final."""
    event = home.sim.do(home.mette, p.FinalizeDraft("x", "d2"))
    assert event.kind == "draft_finalized"
    snap = views.snapshot(home.sim.state, home.anne)
    assert [d.id for d in snap.drafts if d.final] == ["d2"]
    assert last_wire(home.sim).data["previous"] is None


def test_finalize_another_draft_replaces_the_final_one(home: Home) -> None:
    """Finalizing a second draft makes the first stop being final and names it previous."""
    home.sim.do(home.mette, p.FinalizeDraft("x", "d2"))
    home.sim.do(home.mette, p.FinalizeDraft("x", "d1"))
    snap = views.snapshot(home.sim.state, home.anne)
    assert [d.id for d in snap.drafts if d.final] == ["d1"]
    previous = last_wire(home.sim).data["previous"]
    assert (previous["id"], previous["final"]) == ("d2", False)


def test_classify_statement(home: Home) -> None:
    """classify_statement records the agreed class for everyone."""
    event = home.sim.do(home.mette, p.ClassifyStatement("x", "s2", "effect"))
    assert event.kind == "statement_classified"
    assert statement_of(views.snapshot(home.sim.state, home.frida), "s2").agreed == "effect"


def test_classification_can_be_cleared(home: Home) -> None:
    """classify_statement with null takes the agreed class away again."""
    home.sim.do(home.mette, p.ClassifyStatement("x", "s1", "output"))
    home.sim.do(home.mette, p.ClassifyStatement("x", "s1", None))
    assert statement_of(views.snapshot(home.sim.state, home.frida), "s1").agreed is None


def test_remove_draft(home: Home) -> None:
    """Removing a draft keeps it with removed true, text null and not final."""
    home.sim.do(home.mette, p.FinalizeDraft("x", "d1"))
    event = home.sim.do(home.mette, p.RemoveItem("x", "draft", "d1", "Navn på en beboer"))
    assert event.kind == "item_removed"
    draft = draft_of(views.snapshot(home.sim.state, home.anne), "d1")
    assert (draft.removed, draft.text, draft.final) == (True, None, False)
    assert last_wire(home.sim).data["reason"] == "Navn på en beboer"


def test_remove_statement(home: Home) -> None:
    """Removing a statement keeps it with removed true and text null."""
    home.sim.do(home.mette, p.RemoveItem("x", "statement", "s1", ""))
    statement = statement_of(views.snapshot(home.sim.state, home.anne), "s1")
    assert (statement.removed, statement.text) == (True, None)


def test_remove_conflict(home: Home) -> None:
    """Removing a conflict keeps it with removed true and title, description, notes gone."""
    home.sim.do(home.bo, p.UpdateConflict("x", "c1", None, "Fru Hansens datter er uenig"))
    home.sim.do(home.mette, p.RemoveItem("x", "conflict", "c1", "Personfølsomt"))
    conflict = conflict_of(views.snapshot(home.sim.state, home.anne), "c1")
    assert (conflict.removed, conflict.title, conflict.description, conflict.notes) == (
        True,
        None,
        None,
        [],
    )


def test_close_session(home: Home) -> None:
    """close_session makes the session closed for every viewer."""
    event = home.sim.do(home.mette, p.CloseSession("x"))
    assert event.kind == "session_closed"
    assert views.snapshot(home.sim.state, home.frida).session.closed is True


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (p.ProposeDraft("x", "Eleverne lærer og trives"), "d4"),
        (p.ReviseDraft("x", "d2", REVISED), "d2"),
        (p.AddStatement("x", "Antal elevsamtaler"), "s3"),
        (p.TagStatement("x", "s2", "effect"), "s2"),
        (p.RecordConflict("x", "Lektier eller frikvarter", ["Lærer"]), "c2"),
        (p.UpdateConflict("x", "c1", "resolved", None), "c1"),
        (p.OpenRound("x", 2, False), "r1"),
        (p.RemoveItem("x", "statement", "s1", ""), "s1"),
        (p.FinalizeDraft("x", "d3"), "d3"),
        (p.WithdrawDraft("x", "d1"), "d1"),
        (p.ClassifyStatement("x", "s1", "output"), "s1"),
        (p.RemoveItem("x", "draft", "d2", ""), "d2"),
        (p.SetPhase("x", "drafts"), None),
        (p.StartTimer("x", 60, None), None),
        (p.CloseSession("x"), None),
    ],
    ids=case_id,
)
def test_item_id_of_the_ack(home: Home, command: p.Command, expected: str | None) -> None:
    """The ack's item_id names the draft, statement, conflict, round or removed item."""
    assert model.item_id(home.sim.do(home.mette, command)) == expected


def test_item_id_of_votes_and_rounds(home: Home) -> None:
    """Vote acks name the draft; close_round names the round."""
    sim = home.sim
    sim.do(home.mette, p.OpenRound("x", 2, False))
    assert model.item_id(sim.do(home.anne, p.CastVote("x", "d3"))) == "d3"
    assert model.item_id(sim.do(home.anne, p.RetractVote("x", "d3"))) == "d3"
    assert model.item_id(sim.do(home.mette, p.CloseRound("x"))) == "r1"


# --- forbidden ------------------------------------------------------------------------


@pytest.mark.parametrize("command", FACILITATOR_COMMANDS, ids=tag_of)
def test_participant_may_not_use_facilitator_commands(home: Home, command: p.Command) -> None:
    """A participant sending a facilitator-only command gets forbidden."""
    assert refusal(home.sim, home.anne, command) == "forbidden"


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=tag_of)
def test_observer_may_not_send_any_command(home: Home, command: p.Command) -> None:
    """An observer is refused every command with forbidden."""
    assert refusal(home.sim, home.frida, command) == "forbidden"


@pytest.mark.parametrize(
    "command", [p.ReviseDraft("x", "d2", REVISED), p.WithdrawDraft("x", "d2")], ids=tag_of
)
def test_only_author_or_facilitator_may_change_a_draft(home: Home, command: p.Command) -> None:
    """Another participant may not revise or withdraw Bo's draft."""
    assert refusal(home.sim, home.anne, command) == "forbidden"


def test_unknown_participant_is_forbidden(home: Home) -> None:
    """A command from an id that is not in the session is forbidden."""
    assert refusal(home.sim, "p99", p.ProposeDraft("x", CARE)) == "forbidden"


def non_voting_facilitator() -> tuple[Sim, str]:
    sim = new_sim()
    mette = sim.join("Mette", "Leder", "facilitator", votes=False)
    anne = sim.join("Anne", NURSE)
    sim.do(anne, p.ProposeDraft("x", CARE))
    sim.do(anne, p.AddStatement("x", BATHS))
    sim.do(mette, p.OpenRound("x", 2, False))
    return sim, mette


@pytest.mark.parametrize(
    "command",
    [p.CastVote("x", "d1"), p.RetractVote("x", "d1"), p.TagStatement("x", "s1", "effect")],
    ids=tag_of,
)
def test_non_voting_facilitator_may_not_vote_or_tag(command: p.Command) -> None:
    """A facilitator who joined with votes=False is forbidden to vote, retract or tag."""
    sim, mette = non_voting_facilitator()
    assert refusal(sim, mette, command) == "forbidden"


def test_non_voting_facilitator_still_writes() -> None:
    """A facilitator who does not vote may still propose drafts and statements."""
    sim, mette = non_voting_facilitator()
    assert sim.do(mette, p.ProposeDraft("x", DIGNITY)).kind == "draft_proposed"
    assert sim.do(mette, p.AddStatement("x", SAFE)).kind == "statement_added"


# --- session_closed -------------------------------------------------------------------


@pytest.mark.parametrize("command", REFUSED_AFTER_CLOSE, ids=tag_of)
@pytest.mark.parametrize("who", ["facilitator", "participant"])
def test_closed_session_refuses_every_command(home: Home, command: p.Command, who: str) -> None:
    """After close_session every command, from anyone, gets session_closed."""
    home.sim.do(home.mette, p.CloseSession("x"))
    actor = home.mette if who == "facilitator" else home.anne
    assert refusal(home.sim, actor, command) == "session_closed"


# --- not_found ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "command"),
    [
        ("anne", p.ReviseDraft("x", "d9", REVISED)),
        ("anne", p.WithdrawDraft("x", "d9")),
        ("anne", p.CastVote("x", "d9")),
        ("anne", p.RetractVote("x", "d9")),
        ("anne", p.TagStatement("x", "s9", "output")),
        ("anne", p.UpdateConflict("x", "c9", "parked", None)),
        ("anne", p.RecordConflict("x", CONFLICT_TITLE, [NURSE], "", [p.Ref("draft", "d9")])),
        ("anne", p.RecordConflict("x", CONFLICT_TITLE, [NURSE], "", [p.Ref("statement", "s9")])),
        ("anne", p.RecordConflict("x", CONFLICT_TITLE, [NURSE], "", [p.Ref("draft", "s1")])),
        ("mette", p.FinalizeDraft("x", "d9")),
        ("mette", p.ClassifyStatement("x", "s9", "effect")),
        ("mette", p.RemoveItem("x", "draft", "d9", "")),
        ("mette", p.RemoveItem("x", "statement", "s9", "")),
        ("mette", p.RemoveItem("x", "conflict", "c9", "")),
        ("mette", p.RemoveItem("x", "conflict", "d1", "")),
    ],
    ids=case_id,
)
def test_unknown_ids_and_refs_are_not_found(home: Home, who: str, command: p.Command) -> None:
    """An id or a ref that the session does not have gets not_found."""
    home.sim.do(home.mette, p.OpenRound("x", 2, False))
    assert refusal(home.sim, getattr(home, who), command) == "not_found"


# --- invalid_state --------------------------------------------------------------------


@pytest.mark.parametrize("gone", ["withdrawn", "removed"])
@pytest.mark.parametrize(
    ("who", "command"),
    [
        ("bo", p.ReviseDraft("x", "d2", REVISED)),
        ("bo", p.WithdrawDraft("x", "d2")),
        ("anne", p.CastVote("x", "d2")),
        ("mette", p.FinalizeDraft("x", "d2")),
    ],
    ids=case_id,
)
def test_withdrawn_or_removed_draft_is_invalid_state(
    home: Home, gone: str, who: str, command: p.Command
) -> None:
    """A withdrawn or removed draft can no longer be revised, withdrawn, voted or finalized."""
    sim = home.sim
    if gone == "withdrawn":
        sim.do(home.bo, p.WithdrawDraft("x", "d2"))
    else:
        sim.do(home.mette, p.RemoveItem("x", "draft", "d2", "Uden for emnet"))
    sim.do(home.mette, p.OpenRound("x", 2, False))
    assert refusal(sim, getattr(home, who), command) == "invalid_state"


@pytest.mark.parametrize(
    ("who", "command"),
    [
        ("anne", p.TagStatement("x", "s2", "output")),
        ("mette", p.ClassifyStatement("x", "s2", "effect")),
    ],
    ids=case_id,
)
def test_removed_statement_is_invalid_state(home: Home, who: str, command: p.Command) -> None:
    """A removed statement can no longer be tagged or classified."""
    home.sim.do(home.mette, p.RemoveItem("x", "statement", "s2", ""))
    assert refusal(home.sim, getattr(home, who), command) == "invalid_state"


def test_removed_conflict_is_invalid_state(home: Home) -> None:
    """A removed conflict can no longer be updated."""
    home.sim.do(home.mette, p.RemoveItem("x", "conflict", "c1", ""))
    assert refusal(home.sim, home.bo, p.UpdateConflict("x", "c1", "open", None)) == "invalid_state"


@pytest.mark.parametrize(
    ("who", "command"),
    [
        ("anne", p.ReviseDraft("x", "d1", REVISED)),
        ("anne", p.WithdrawDraft("x", "d1")),
        ("mette", p.ReviseDraft("x", "d1", REVISED)),
        ("mette", p.WithdrawDraft("x", "d1")),
    ],
    ids=case_id,
)
def test_drafts_cannot_change_during_a_blind_round(
    home: Home, who: str, command: p.Command
) -> None:
    """While a blind round is open, neither author nor facilitator may revise or withdraw."""
    home.sim.do(home.mette, p.OpenRound("x", 2, True))
    assert refusal(home.sim, getattr(home, who), command) == "invalid_state"


def test_drafts_may_change_after_a_blind_round_closes(home: Home) -> None:
    """Once the blind round is closed, the author may revise again."""
    home.sim.do(home.mette, p.OpenRound("x", 2, True))
    home.sim.do(home.mette, p.CloseRound("x"))
    assert home.sim.do(home.anne, p.ReviseDraft("x", "d1", REVISED)).kind == "draft_revised"


def test_second_open_round_is_invalid_state(home: Home) -> None:
    """A round cannot open while another is open."""
    home.sim.do(home.mette, p.OpenRound("x", 2, False))
    assert refusal(home.sim, home.mette, p.OpenRound("x", 1, True)) == "invalid_state"


def test_retracting_a_vote_not_cast_is_invalid_state(home: Home) -> None:
    """Retracting a dot the voter did not put is invalid_state."""
    home.sim.do(home.mette, p.OpenRound("x", 2, False))
    home.sim.do(home.bo, p.CastVote("x", "d1"))
    assert refusal(home.sim, home.anne, p.RetractVote("x", "d1")) == "invalid_state"


def test_finalizing_the_final_draft_is_invalid_state(home: Home) -> None:
    """Finalizing the draft that already is final is invalid_state."""
    home.sim.do(home.mette, p.FinalizeDraft("x", "d3"))
    assert refusal(home.sim, home.mette, p.FinalizeDraft("x", "d3")) == "invalid_state"


@pytest.mark.parametrize(
    ("kind", "item"), [("draft", "d1"), ("statement", "s1"), ("conflict", "c1")]
)
def test_removing_twice_is_invalid_state(home: Home, kind: p.ItemKind, item: str) -> None:
    """An item that is already removed cannot be removed again."""
    home.sim.do(home.mette, p.RemoveItem("x", kind, item, "Personfølsomt"))
    assert refusal(home.sim, home.mette, p.RemoveItem("x", kind, item, "")) == "invalid_state"


def test_stop_timer_without_a_timer_is_invalid_state(home: Home) -> None:
    """stop_timer when no timer runs is invalid_state."""
    assert refusal(home.sim, home.mette, p.StopTimer("x")) == "invalid_state"


def test_stop_timer_after_it_was_stopped_is_invalid_state(home: Home) -> None:
    """A stopped timer cannot be stopped again."""
    home.sim.do(home.mette, p.StartTimer("x", 60, None))
    home.sim.do(home.mette, p.StopTimer("x"))
    assert refusal(home.sim, home.mette, p.StopTimer("x")) == "invalid_state"


def test_stop_timer_after_it_ran_out_is_invalid_state(home: Home) -> None:
    """A timer that has run out no longer runs, so stop_timer is invalid_state."""
    home.sim.do(home.mette, p.StartTimer("x", 60, None))
    with pytest.raises(model.DomainError) as caught:
        model.decide(home.sim.state, home.mette, p.StopTimer("x"), "2026-11-28T10:16:01Z")
    assert caught.value.code == "invalid_state"


# --- no_open_round and vote_limit -----------------------------------------------------


@pytest.mark.parametrize(
    ("who", "command"),
    [
        ("anne", p.CastVote("x", "d1")),
        ("anne", p.RetractVote("x", "d1")),
        ("mette", p.CloseRound("x")),
    ],
    ids=case_id,
)
def test_no_open_round(home: Home, who: str, command: p.Command) -> None:
    """Voting, retracting or closing with no round open is no_open_round."""
    assert refusal(home.sim, getattr(home, who), command) == "no_open_round"


def test_no_open_round_after_close(home: Home) -> None:
    """After close_round, a dot cannot be cast in it any more."""
    home.sim.do(home.mette, p.OpenRound("x", 2, False))
    home.sim.do(home.mette, p.CloseRound("x"))
    assert refusal(home.sim, home.anne, p.CastVote("x", "d1")) == "no_open_round"


def test_second_dot_on_the_same_draft_is_vote_limit(home: Home) -> None:
    """One dot per draft: a second dot on it is vote_limit, even with dots to spare."""
    home.sim.do(home.mette, p.OpenRound("x", 3, False))
    home.sim.do(home.anne, p.CastVote("x", "d1"))
    assert refusal(home.sim, home.anne, p.CastVote("x", "d1")) == "vote_limit"


def test_more_dots_than_the_round_allows_is_vote_limit(home: Home) -> None:
    """With 2 dots, a third dot is vote_limit."""
    home.sim.do(home.mette, p.OpenRound("x", 2, True))
    home.sim.do(home.anne, p.CastVote("x", "d1"))
    home.sim.do(home.anne, p.CastVote("x", "d2"))
    assert refusal(home.sim, home.anne, p.CastVote("x", "d3")) == "vote_limit"


def test_dots_are_per_voter(home: Home) -> None:
    """One voter's used dots do not limit another voter."""
    home.sim.do(home.mette, p.OpenRound("x", 1, False))
    home.sim.do(home.anne, p.CastVote("x", "d1"))
    assert home.sim.do(home.bo, p.CastVote("x", "d1")).kind == "vote_cast"


# --- anonymity ------------------------------------------------------------------------


@pytest.mark.parametrize("viewer", ["bo", "mette", "frida"])
def test_anonymous_session_hides_authors_from_others(viewer: str) -> None:
    """In an anonymous session no other viewer, facilitator included, sees who wrote what."""
    home = seeded(anonymous=True)
    snap = views.snapshot(home.sim.state, getattr(home, viewer))
    assert draft_of(snap, "d1").author is None
    assert statement_of(snap, "s1").author is None


def test_anonymous_session_shows_authors_their_own_items() -> None:
    """In an anonymous session the author still sees their own authorship."""
    home = seeded(anonymous=True)
    snap = views.snapshot(home.sim.state, home.anne)
    assert (draft_of(snap, "d1").author, statement_of(snap, "s1").author) == (home.anne, home.anne)
    assert draft_of(snap, "d2").author is None
    assert sorted(views.mine(home.sim.state, home.anne).my_items) == ["d1", "s1"]


@pytest.mark.parametrize("viewer", ["bo", "mette", "frida"])
def test_named_session_shows_authors_to_everyone(viewer: str) -> None:
    """In a named session everyone sees who wrote each draft and statement."""
    home = seeded(anonymous=False)
    snap = views.snapshot(home.sim.state, getattr(home, viewer))
    assert (draft_of(snap, "d1").author, statement_of(snap, "s2").author) == (home.anne, home.dina)


def vote_by(voter: str, blind: bool) -> Home:
    """The same session in which one of two nurses votes for d1 and tags s1."""
    home = seeded(anonymous=True)
    home.sim.do(home.mette, p.OpenRound("x", 2, blind))
    home.sim.do(getattr(home, voter), p.CastVote("x", "d1"))
    home.sim.do(getattr(home, voter), p.TagStatement("x", "s1", "effect"))
    return home


@pytest.mark.parametrize("blind", [False, True])
@pytest.mark.parametrize("viewer", ["camilla", "mette", "frida"])
def test_anonymous_session_does_not_tell_who_voted_or_tagged(blind: bool, viewer: str) -> None:
    """Whether Anne or Bo voted and tagged, any other viewer's snapshot and events are equal."""
    by_anne, by_bo = vote_by("anne", blind), vote_by("bo", blind)
    pid = getattr(by_anne, viewer)
    assert views.snapshot(by_anne.sim.state, pid) == views.snapshot(by_bo.sim.state, pid)
    assert [w for _, w in by_anne.sim.events] == [w for _, w in by_bo.sim.events]


@pytest.mark.parametrize(
    ("steps", "command"),
    [
        ([], p.SetPhase("x", "drafts")),
        ([], p.StartTimer("x", 300, "Pause")),
        ([p.StartTimer("x", 300, None)], p.StopTimer("x")),
        ([], p.OpenRound("x", 2, True)),
        ([p.OpenRound("x", 2, True)], p.CloseRound("x")),
        ([], p.FinalizeDraft("x", "d1")),
        ([], p.ClassifyStatement("x", "s1", "output")),
        ([], p.RemoveItem("x", "draft", "d3", "Dublet")),
        ([], p.CloseSession("x")),
    ],
    ids=case_id,
)
def test_facilitator_kinds_show_the_actor(steps: list[p.Command], command: p.Command) -> None:
    """Events of facilitator-only commands show the facilitator as actor, even anonymously."""
    home = seeded(anonymous=True)
    for step in [*steps, command]:
        home.sim.do(home.mette, step)
    assert last_wire(home.sim).actor == home.mette


PARTICIPANT_ACTS: list[tuple[list[p.Command], p.Command]] = [
    ([], p.ProposeDraft("x", "Beboeren er medskaber af sin egen pleje")),
    ([], p.ReviseDraft("x", "d1", REVISED)),
    ([], p.WithdrawDraft("x", "d1")),
    ([p.OpenRound("x", 2, False)], p.CastVote("x", "d1")),
    ([p.OpenRound("x", 2, False), p.CastVote("x", "d1")], p.RetractVote("x", "d1")),
    ([], p.AddStatement("x", "Antal plejetimer pr. beboer")),
    ([], p.TagStatement("x", "s1", "output")),
    ([], p.RecordConflict("x", "Nattevagtens opgaver", [NURSE, ASSISTANT])),
    ([], p.UpdateConflict("x", "c1", "discussed", "Aftalt på mødet")),
]


def act(home: Home, actor: str, steps: list[p.Command], command: p.Command) -> p.WireEvent:
    for step in steps:
        home.sim.do(home.mette if tag_of(step) in p.FACILITATOR_ONLY else actor, step)
    home.sim.do(actor, command)
    return last_wire(home.sim)


@pytest.mark.parametrize(("steps", "command"), PARTICIPANT_ACTS, ids=case_id)
def test_anonymous_session_hides_the_actor_of_a_participant(
    steps: list[p.Command], command: p.Command
) -> None:
    """In an anonymous session the other kinds of events carry actor null."""
    home = seeded(anonymous=True)
    assert act(home, home.anne, steps, command).actor is None


@pytest.mark.parametrize(("steps", "command"), PARTICIPANT_ACTS, ids=case_id)
def test_anonymous_session_hides_the_facilitator_as_author(
    steps: list[p.Command], command: p.Command
) -> None:
    """A facilitator's own drafts, votes and tags are as anonymous as anyone's."""
    home = seeded(anonymous=True)
    assert act(home, home.mette, steps, command).actor is None


@pytest.mark.parametrize(("steps", "command"), PARTICIPANT_ACTS, ids=case_id)
def test_named_session_shows_the_actor(steps: list[p.Command], command: p.Command) -> None:
    """In a named session the other kinds of events carry who acted."""
    home = seeded(anonymous=False)
    assert act(home, home.anne, steps, command).actor == home.anne


def test_anonymous_draft_event_carries_no_author() -> None:
    """The public draft in a draft_proposed event has author null in an anonymous session."""
    home = seeded(anonymous=True)
    home.sim.do(home.anne, p.ProposeDraft("x", "Trivsel for beboere og personale"))
    assert last_wire(home.sim).data["draft"]["author"] is None


# --- blind rounds and released votes --------------------------------------------------


def blind_round_with_votes() -> Home:
    """A blind round of 2 dots: Anne on d1 and d2, Bo on d1, Dina on d3."""
    home = seeded()
    sim = home.sim
    sim.do(home.mette, p.OpenRound("x", 2, True))
    sim.do(home.anne, p.CastVote("x", "d1"))
    sim.do(home.anne, p.CastVote("x", "d2"))
    sim.do(home.bo, p.CastVote("x", "d1"))
    sim.do(home.dina, p.CastVote("x", "d3"))
    return home


@pytest.mark.parametrize("viewer", ["mette", "anne", "bo", "camilla", "frida"])
def test_blind_round_hides_the_tally_from_everyone(viewer: str) -> None:
    """While a blind round is open, nobody's snapshot (facilitator's included) has a tally."""
    home = blind_round_with_votes()
    rnd = last_round(views.snapshot(home.sim.state, getattr(home, viewer)))
    assert (rnd.tally, rnd.by_profession, rnd.voters) == (None, None, 3)


def test_blind_round_voter_still_sees_own_dots() -> None:
    """In a blind round a voter's my_votes still lists their own dots."""
    home = blind_round_with_votes()
    assert views.snapshot(home.sim.state, home.anne).my_votes == ["d1", "d2"]


def test_blind_vote_events_do_not_say_which_draft() -> None:
    """A vote event in a blind round carries the round without a tally and no draft id."""
    home = blind_round_with_votes()
    for event, wire in home.sim.events:
        if event.kind == "vote_cast":
            assert wire.data["round"]["tally"] is None
            text = p.encode(wire)
            assert not any(d in text for d in ("d1", "d2", "d3"))


def test_blind_round_reveals_the_tally_at_close() -> None:
    """close_round reveals the full tally of a blind round."""
    home = blind_round_with_votes()
    home.sim.do(home.mette, p.CloseRound("x"))
    rnd = last_round(views.snapshot(home.sim.state, home.frida))
    assert (rnd.tally, rnd.voters) == ({"d1": 2, "d2": 1, "d3": 1}, 3)


def test_removing_a_voted_draft_in_a_blind_round_releases_its_votes() -> None:
    """Removing a draft releases its dots even in a blind round; the tally stays hidden."""
    home = blind_round_with_votes()
    home.sim.do(home.mette, p.RemoveItem("x", "draft", "d1", "Nævner en beboer"))
    snap = views.snapshot(home.sim.state, home.anne)
    assert (last_round(snap).voters, last_round(snap).tally, snap.my_votes) == (2, None, ["d2"])
    assert views.snapshot(home.sim.state, home.bo).my_votes == []
    home.sim.do(home.mette, p.CloseRound("x"))
    assert last_round(views.snapshot(home.sim.state, home.bo)).tally == {"d2": 1, "d3": 1}


def test_released_dot_may_be_used_again() -> None:
    """A voter whose dot was released by a removal may put it elsewhere."""
    home = blind_round_with_votes()
    home.sim.do(home.mette, p.RemoveItem("x", "draft", "d1", ""))
    assert home.sim.do(home.anne, p.CastVote("x", "d3")).kind == "vote_cast"


def open_round_with_votes() -> Home:
    """A non-blind round of 2 dots: Anne on d1 and d2, Bo on d1, Dina on d3."""
    home = seeded()
    sim = home.sim
    sim.do(home.mette, p.OpenRound("x", 2, False))
    sim.do(home.anne, p.CastVote("x", "d1"))
    sim.do(home.anne, p.CastVote("x", "d2"))
    sim.do(home.bo, p.CastVote("x", "d1"))
    sim.do(home.dina, p.CastVote("x", "d3"))
    return home


@pytest.mark.parametrize(
    ("who", "command"),
    [
        ("anne", p.ReviseDraft("x", "d1", REVISED)),
        ("mette", p.ReviseDraft("x", "d1", REVISED)),
        ("anne", p.WithdrawDraft("x", "d1")),
        ("mette", p.RemoveItem("x", "draft", "d1", "Uden for emnet")),
    ],
    ids=case_id,
)
def test_changing_a_voted_draft_in_an_open_round_releases_its_votes(
    who: str, command: p.Command
) -> None:
    """Revising, withdrawing or removing a draft releases its dots: voters and tally drop."""
    home = open_round_with_votes()
    home.sim.do(getattr(home, who), command)
    snap = views.snapshot(home.sim.state, home.anne)
    assert (last_round(snap).tally, last_round(snap).voters) == ({"d2": 1, "d3": 1}, 2)
    assert snap.my_votes == ["d2"]
    assert views.snapshot(home.sim.state, home.bo).my_votes == []
    assert last_wire(home.sim).data["round"]["tally"] == {"d2": 1, "d3": 1}


def test_revised_draft_may_be_voted_for_again() -> None:
    """After a revision released a dot, the voter may vote for the new version."""
    home = open_round_with_votes()
    home.sim.do(home.anne, p.ReviseDraft("x", "d1", REVISED))
    home.sim.do(home.bo, p.CastVote("x", "d1"))
    assert last_round(views.snapshot(home.sim.state, home.bo)).tally == {
        "d1": 1,
        "d2": 1,
        "d3": 1,
    }


def test_revising_an_unvoted_draft_keeps_other_votes() -> None:
    """A revision releases only the dots on that draft."""
    home = open_round_with_votes()
    home.sim.do(home.dina, p.ReviseDraft("x", "d3", "Trygge nætter for alle beboere"))
    rnd = last_round(views.snapshot(home.sim.state, home.anne))
    assert (rnd.tally, rnd.voters) == ({"d1": 2, "d2": 1}, 2)


def test_by_profession_is_fixed_at_close() -> None:
    """by_profession is null while open and does not change when people join after close."""
    home = open_round_with_votes()
    gert = home.sim.join("Gert", ASSISTANT)  # Mette, Dina and Gert make the "" group of three
    home.sim.do(home.camilla, p.CastVote("x", "d2"))
    home.sim.do(home.mette, p.CastVote("x", "d3"))
    home.sim.do(gert, p.CastVote("x", "d3"))
    assert last_round(views.snapshot(home.sim.state, home.anne)).by_profession is None
    home.sim.do(home.mette, p.CloseRound("x"))
    before = last_round(views.snapshot(home.sim.state, home.anne)).by_profession
    assert before == {NURSE: {"d1": 2, "d2": 2}, "": {"d3": 3}}
    for name in ("Hanne", "Ib", "Jonas"):
        home.sim.join(name, ASSISTANT)
    assert last_round(views.snapshot(home.sim.state, home.anne)).by_profession == before


# --- note_ack -------------------------------------------------------------------------


def test_note_ack_records_own_items_votes_and_tags() -> None:
    """After acks, a client's own fields hold its item, its dot and its tag."""
    mine = p.Mine()
    mine = note_ack(mine, p.ProposeDraft("x", CARE), "d4")
    mine = note_ack(mine, p.CastVote("x", "d2"), "d2")
    mine = note_ack(mine, p.TagStatement("x", "s1", "effect"), "s1")
    assert (mine.my_items, mine.my_votes, mine.my_tags) == (["d4"], ["d2"], {"s1": "effect"})


def test_note_ack_undoes_with_retract_and_null_tag() -> None:
    """Acks of retract_vote and of a null tag take the dot and the tag away."""
    mine = p.Mine(my_votes=["d1", "d2"], my_tags={"s1": "output"}, my_items=[])
    mine = note_ack(mine, p.RetractVote("x", "d1"), "d1")
    mine = note_ack(mine, p.TagStatement("x", "s1", None), "s1")
    assert (mine.my_votes, mine.my_tags) == (["d2"], {})


def test_note_ack_does_not_count_twice() -> None:
    """The same acked vote or item noted twice is held once."""
    mine = p.Mine()
    for _ in range(2):
        mine = note_ack(mine, p.CastVote("x", "d1"), "d1")
        mine = note_ack(mine, p.AddStatement("x", BATHS), "s3")
    assert (mine.my_votes, mine.my_items) == (["d1"], ["s3"])


# --- other workplaces -----------------------------------------------------------------


def workplace(title: str, anonymous: bool, k: int = 3) -> Sim:
    info = model.SessionInfo(code="Q4RT9WXZ", title=title, anonymous=anonymous, k_anonymity=k)
    return Sim(model.new_state(info))


def test_school_named_session_full_round() -> None:
    """A school in a named session: teachers and pedagogues vote; the result shows per draft."""
    sim = workplace("Skovbakke Skole: vores kerneopgave", anonymous=False)
    leder = sim.join("Lone", "Skoleleder", "facilitator", votes=False)
    teachers = [sim.join(n, "Lærer") for n in ("Peter", "Sara", "Tobias")]
    pedagogues = [sim.join(n, "Pædagog") for n in ("Ulla", "Viggo", "Asta")]
    sim.do(teachers[0], p.ProposeDraft("x", "Eleverne lærer at lære og trives i fællesskabet"))
    sim.do(pedagogues[0], p.ProposeDraft("x", "Alle børn bliver så dygtige, som de kan"))
    sim.do(leder, p.OpenRound("x", 1, False))
    for pid in teachers:
        sim.do(pid, p.CastVote("x", "d1"))
    for pid in pedagogues:
        sim.do(pid, p.CastVote("x", "d2"))
    sim.do(leder, p.CloseRound("x"))
    rnd = last_round(views.snapshot(sim.state, teachers[1]))
    assert rnd.tally == {"d1": 3, "d2": 3}
    assert rnd.by_profession == {"Lærer": {"d1": 3}, "Pædagog": {"d2": 3}}
    assert draft_of(views.snapshot(sim.state, teachers[1]), "d2").author == pedagogues[0]


def test_job_centre_statements_sorted_into_output_and_effect() -> None:
    """A job centre tags statements; the facilitator records the agreed classes."""
    sim = workplace("Jobcenter Nord: fra samtaler til job", anonymous=True)
    leder = sim.join("Hassan", "Afdelingsleder", "facilitator")
    staff = [
        sim.join("Ida", "Jobkonsulent"),
        sim.join("Jens", "Socialrådgiver"),
        sim.join("Kirsten", "Jobkonsulent"),
    ]
    sim.do(staff[0], p.AddStatement("x", "Antal afholdte samtaler pr. måned"))
    sim.do(staff[1], p.AddStatement("x", "Borgeren er i job eller uddannelse et år efter"))
    for pid in staff:
        sim.do(pid, p.TagStatement("x", "s1", "output"))
        sim.do(pid, p.TagStatement("x", "s2", "effect"))
    sim.do(leder, p.TagStatement("x", "s2", "output"))
    sim.do(leder, p.ClassifyStatement("x", "s1", "output"))
    sim.do(leder, p.ClassifyStatement("x", "s2", "effect"))
    snap = views.snapshot(sim.state, staff[2])
    assert [(s.tally, s.agreed, s.my_tag) for s in snap.statements] == [
        ({"output": 3, "effect": 0}, "output", "output"),
        ({"output": 1, "effect": 3}, "effect", "effect"),
    ]
    assert [s.author for s in snap.statements] == [None, None]


# --- choosing with care -----------------------------------------------------------------


def test_a_reason_for_a_choice_is_carried_in_its_event_and_the_snapshot(home: Home) -> None:
    """The reason said when choosing is stored, broadcast and kept in the history."""
    reason = "Den eneste alle faggrupper kan se sig selv i"
    event = home.sim.do(home.mette, p.FinalizeDraft("x", "d3", reason))
    assert event.data == DraftFinalized("d3", None, reason)
    assert last_wire(home.sim).data["reason"] == reason
    choices = views.snapshot(home.sim.state, home.anne).choices
    assert choices == [p.ChoiceView("d3", NOW, None, reason)]


def test_a_choice_without_a_reason_sends_the_v1_frame(home: Home) -> None:
    """A v1 client's finalize_draft gives the v1 event: no reason key at all."""
    home.sim.do(home.mette, p.FinalizeDraft("x", "d2"))
    assert set(last_wire(home.sim).data) == {"draft", "previous"}


def test_a_reason_is_cleaned_and_an_empty_one_is_none() -> None:
    """Blank reasons are no reason; control bytes never reach the history."""
    raw = {"type": "finalize_draft", "id": "x", "draft_id": "d1", "reason": " \x1b\u200b "}
    assert p.decode_command(raw) == p.FinalizeDraft("x", "d1", None)
    raw["reason"] = "Bedst \x1b[1mstøttet\n"
    assert p.decode_command(raw) == p.FinalizeDraft("x", "d1", "Bedst [1mstøttet")


def test_choosing_is_refused_while_a_blind_round_is_open(home: Home) -> None:
    """Nobody has seen the blind dots yet, so the facilitator cannot overrule them."""
    home.sim.do(home.mette, p.OpenRound("x", 3, True))
    assert refusal(home.sim, home.mette, p.FinalizeDraft("x", "d1")) == "invalid_state"
    home.sim.do(home.mette, p.CloseRound("x"))
    assert home.sim.do(home.mette, p.FinalizeDraft("x", "d1")).kind == "draft_finalized"


def test_choosing_is_allowed_while_an_open_round_shows_its_dots(home: Home) -> None:
    """An open, not blind, round shows its dots to everyone: choosing overrules nothing."""
    home.sim.do(home.mette, p.OpenRound("x", 3, False))
    assert home.sim.do(home.mette, p.FinalizeDraft("x", "d1")).kind == "draft_finalized"


def test_a_replaced_choice_stays_in_the_history(home: Home) -> None:
    """Choosing again names the draft it replaces; every choice is kept in order."""
    home.sim.do(home.mette, p.FinalizeDraft("x", "d2"))
    home.sim.do(home.mette, p.FinalizeDraft("x", "d1", "Nattevagten kunne ikke leve med d2"))
    choices = views.snapshot(home.sim.state, home.frida).choices
    assert [(c.draft_id, c.previous, c.reason) for c in choices] == [
        ("d2", None, None),
        ("d1", "d2", "Nattevagten kunne ikke leve med d2"),
    ]


# --- the formulation coach's words for a session ------------------------------------------


def test_the_facilitator_adds_words_the_coach_reads_drafts_with(home: Home) -> None:
    """Added words are cleaned, casefolded, kept once, and in everyone's snapshot."""
    raw = {"type": "add_coach_words", "id": "x", "kind": "output", "words": ["Plejeplan", " "]}
    command = p.decode_command(raw)
    assert command == p.AddCoachWords("x", "output", ["plejeplan"])
    home.sim.do(home.mette, command)
    home.sim.do(home.mette, p.AddCoachWords("x", "output", ["plejeplan", "døgnrytme"]))
    assert views.snapshot(home.sim.state, home.anne).coach_words == {
        "output": ["plejeplan", "døgnrytme"]
    }
    assert last_wire(home.sim).data == {"kind": "output", "words": ["døgnrytme"]}
    again = p.AddCoachWords("x", "output", ["Døgnrytme"])
    assert refusal(home.sim, home.mette, p.decode_command(p_raw(again))) == "invalid_state"


def p_raw(command: p.AddCoachWords) -> dict[str, object]:
    return {
        "type": "add_coach_words",
        "id": command.id,
        "kind": command.kind,
        "words": command.words,
    }


def test_only_the_facilitator_teaches_the_coach(home: Home) -> None:
    """A participant's add_coach_words is forbidden and changes nothing."""
    command = p.AddCoachWords("x", "beneficiary", ["beboerne"])
    assert refusal(home.sim, home.anne, command) == "forbidden"
