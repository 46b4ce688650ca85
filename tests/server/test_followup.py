"""Decisions, dilemmas and follow-up over real websockets: additions a v1 client never
sends, so its session goes on as before, and a facilitator returning to a closed session
reopens it for follow-up only."""

from __future__ import annotations

from dataclasses import dataclass

import msgspec
import pytest

from tests.realserver import Running
from tests.server.peer import Peer, hello, join
from tests.unit.test_rules import EVERY_COMMAND, tag_of


@dataclass
class Team:
    """A job centre's team meeting: the team leader facilitates, a job consultant and a
    social worker take part, a colleague from the municipality observes."""

    helle: Peer
    kim: Peer
    lone: Peer
    olga: Peer


@pytest.fixture
async def team(server: Running) -> Team:
    helle = await join(
        server.url,
        server.code,
        "Helle",
        "Teamleder",
        role="facilitator",
        facilitator_key=server.key,
    )
    kim = await join(server.url, server.code, "Kim", "Jobkonsulent")
    lone = await join(server.url, server.code, "Lone", "Socialrådgiver")
    olga = await join(server.url, server.code, "Olga", None, role="observer")
    return Team(helle, kim, lone, olga)


async def test_a_next_step_reaches_everyone_with_owner_date_and_forum(team: Team) -> None:
    """add_action: acked with its id; every client gets the action as added."""
    await team.helle.ok("set_phase", phase="wrapup")
    ack = await team.kim.ok(
        "add_action",
        what="Vi ringer til tre virksomheder om praktikpladser",
        who="Kim",
        due="2027-01-15",
        forum="staff_meeting",
    )
    assert ack["item_id"] == "a1"
    for peer in (team.helle, team.lone, team.olga):
        event = await peer.event("action_added")
        assert event["actor"] is None  # anonymous: what anyone writes names nobody
        assert event["data"]["action"] == {
            "id": "a1",
            "kind": "action",
            "what": "Vi ringer til tre virksomheder om praktikpladser",
            "who": "Kim",
            "due": "2027-01-15",
            "forum": "staff_meeting",
            "status": "open",
            "notes": [],
        }


async def test_before_the_wrap_up_only_the_facilitator_adds_decisions(team: Team) -> None:
    """A participant is refused until the wrap-up; an observer always."""
    assert await team.kim.refused("add_action", what="Ny mødeplan") == "forbidden"
    await team.helle.ok("add_action", what="Ny mødeplan", kind="decision")
    assert await team.olga.refused("update_action", action_id="a1", status="done") == "forbidden"
    await team.helle.ok("update_action", action_id="a1", status="doing", note="Udkast sendt")
    event = await team.lone.event("action_updated")
    assert event["data"]["action"]["status"] == "doing"
    assert event["data"]["action"]["notes"] == ["Udkast sendt"]


async def test_a_dilemma_with_two_sides_and_an_owner(team: Team) -> None:
    """record_dilemma without professions, then its owner, forum, date and the mark for
    the level above; an edit of its title counts as one."""
    ack = await team.lone.ok(
        "record_dilemma",
        title="Hurtigt i job eller varigt i job",
        kind="management_staff",
        side_a="Ledelsen skal vise resultater hvert kvartal",
        side_b="Borgeren holder bedst fast i et job, der passer",
    )
    assert ack["item_id"] == "c1"
    await team.helle.ok(
        "follow_conflict",
        conflict_id="c1",
        owner="Teamlederen",
        forum="management_group",
        due="2027-02-01",
        above=True,
    )
    await team.lone.ok("edit_dilemma", conflict_id="c1", title="Hurtig afgang eller varig job")
    event = await team.kim.event("dilemma_edited")
    conflict = event["data"]["conflict"]
    assert conflict["title"] == "Hurtig afgang eller varig job" and conflict["edits"] == 1
    assert (conflict["kind"], conflict["professions"]) == ("management_staff", [])
    assert (conflict["owner"], conflict["forum"], conflict["due"], conflict["above"]) == (
        "Teamlederen",
        "management_group",
        "2027-02-01",
        True,
    )
    assert await team.kim.refused("edit_dilemma", conflict_id="c1", title="Noget andet") == (
        "forbidden"
    )


async def test_a_v1_conflict_still_needs_a_profession(team: Team) -> None:
    """record_conflict is as it was: no profession is invalid."""
    assert await team.kim.refused("record_conflict", title="Tid", professions=[]) == "invalid"


async def test_a_bad_date_is_invalid(team: Team) -> None:
    """A due date is YYYY-MM-DD."""
    assert await team.helle.refused("add_action", what="Møde", due="15/1") == "invalid"


async def test_closing_then_reopening_allows_exactly_the_follow_up(
    server: Running, team: Team
) -> None:
    """After the close a returning facilitator (a visitor with the key) reopens the
    session; then only statuses, notes and owners of conflicts and actions change, and
    management's endorsement is written in."""
    await team.kim.ok(
        "record_conflict", title="Hvem ringer til arbejdsgiveren", professions=["Jobkonsulent"]
    )
    await team.helle.ok("add_action", what="Fælles telefonliste", who="Lone")
    await team.kim.ok("add_statement", text="Antal samtaler pr. uge")
    await team.helle.ok("close_session")
    visitor, welcome = await hello(
        server.url,
        server.code,
        name="Helle",
        profession="Teamleder",
        role="facilitator",
        facilitator_key=server.key,
    )
    assert welcome["type"] == "welcome" and welcome["state"]["session"]["closed"]
    assert await visitor.refused("update_action", action_id="a1", status="done") == "session_closed"
    reopened = await visitor.ok("reopen_for_follow_up")
    event = await team.kim.event("session_reopened")
    assert event["seq"] == reopened["seq"] and event["at"].endswith("Z")
    assert event["data"]["follow"]["reopened"] is True
    allowed = {
        "update_conflict": {"conflict_id": "c1", "status": "resolved", "note": "Aftalt på mødet"},
        "follow_conflict": {"conflict_id": "c1", "owner": "Helle"},
        "update_action": {"action_id": "a1", "status": "done"},
        "endorse": {"by": "Centerchef Bo Lund", "on": "2026-12-07"},
    }
    for kind, fields in allowed.items():
        ack = await visitor.ok(kind, **fields)
        followed = await team.kim.expect("event", seq=ack["seq"])
        assert followed["actor"] is None and followed["at"] >= event["at"]
    for command in EVERY_COMMAND:
        kind = tag_of(command)
        if kind in allowed or kind == "reopen_for_follow_up":
            continue
        fields = msgspec.to_builtins(command)
        fields.pop("type", None), fields.pop("id", None)
        assert await visitor.refused(kind, **fields) == "session_closed", kind
    # A participant who resumes is held to the same rule.
    assert await team.kim.refused("add_statement", text="Flere i job") == "session_closed"
    await team.kim.ok("update_action", action_id="a1", note="Listen hænger i frokoststuen")
    assert await visitor.refused("reopen_for_follow_up") == "invalid_state"


async def test_the_follow_up_survives_a_restart(server: Running, team: Team) -> None:
    """Reopened and followed up, the session is the same after the server restarts."""
    await team.helle.ok("add_action", what="Fælles telefonliste")
    await team.helle.ok("close_session")
    await team.helle.ok("reopen_for_follow_up")
    await team.helle.ok("update_action", action_id="a1", status="done")
    await server.restart()
    visitor, welcome = await hello(
        server.url,
        server.code,
        name="Helle",
        profession="Teamleder",
        role="facilitator",
        facilitator_key=server.key,
    )
    state = welcome["state"]
    assert state["follow"]["reopened"] is True and state["actions"][0]["status"] == "done"
    await visitor.ok("update_action", action_id="a1", note="Tjekket igen")
