"""Every command over real websockets: its ack, its event, and its refusals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.realserver import Running
from tests.server.peer import Peer, join


@dataclass
class Room:
    """A nursing-home workshop: the leader facilitates, two nurses and a care assistant
    take part, and a relative observes."""

    mette: Peer
    anne: Peer
    bo: Peer
    dina: Peer
    olga: Peer


@pytest.fixture
async def room(server: Running) -> Room:
    """Five people in one session, so each test can check what the others see."""
    mette = await join(
        server.url, server.code, "Mette", "Leder", role="facilitator", facilitator_key=server.key
    )
    anne = await join(server.url, server.code, "Anne", "Sygeplejerske")
    bo = await join(server.url, server.code, "Bo", "Sygeplejerske")
    dina = await join(server.url, server.code, "Dina", "Social- og sundhedsassistent")
    olga = await join(server.url, server.code, "Olga", None, role="observer")
    return Room(mette, anne, bo, dina, olga)


async def test_draft_is_seen_by_everyone_without_author(room: Room) -> None:
    """A proposed draft reaches every client, anonymous to all but its author."""
    ack = await room.anne.ok("propose_draft", text="Beboeren lever et trygt og selvstændigt liv")
    assert ack["item_id"] == "d1" and ack["seq"] == 6
    for peer in (room.mette, room.bo, room.olga, room.anne):
        event = await peer.event("draft_proposed")
        assert event["seq"] == 6 and event["actor"] is None
        assert event["data"]["draft"] == {
            "id": "d1",
            "text": "Beboeren lever et trygt og selvstændigt liv",
            "version": 1,
            "author": None,
            "withdrawn": False,
            "removed": False,
            "final": False,
        }


async def test_revise_bumps_version_and_is_author_or_facilitator_only(room: Room) -> None:
    """Only the author or the facilitator may revise; each revision is a new version."""
    await room.anne.ok("propose_draft", text="Vi giver omsorg")
    assert await room.bo.refused("revise_draft", draft_id="d1", text="Vi giver pleje") == (
        "forbidden"
    )
    await room.anne.ok("revise_draft", draft_id="d1", text="Vi styrker beboerens mestring")
    await room.mette.ok("revise_draft", draft_id="d1", text="Vi styrker beboerens livskvalitet")
    event = await room.bo.event("draft_revised")
    event = await room.bo.event("draft_revised")
    assert event["data"]["draft"]["version"] == 3
    assert event["data"]["draft"]["text"] == "Vi styrker beboerens livskvalitet"
    assert await room.anne.refused("revise_draft", draft_id="d9", text="x") == "not_found"


async def test_withdrawn_draft_cannot_be_voted_or_revised(room: Room) -> None:
    """A withdrawn draft stays listed as withdrawn and takes no votes or revisions."""
    await room.anne.ok("propose_draft", text="Vi holder huset rent")
    await room.anne.ok("withdraw_draft", draft_id="d1")
    await room.mette.ok("open_round", dots=2, blind=False)
    assert await room.bo.refused("cast_vote", draft_id="d1") == "invalid_state"
    assert await room.anne.refused("revise_draft", draft_id="d1", text="x") == "invalid_state"
    assert await room.anne.refused("withdraw_draft", draft_id="d1") == "invalid_state"


async def test_dots_per_round_and_one_per_draft(room: Room) -> None:
    """A voter has the round's dots, at most one per draft, and may take one back."""
    for text in ("Tryghed", "Mestring", "Fællesskab"):
        await room.anne.ok("propose_draft", text=f"Beboeren oplever {text.lower()}")
    assert await room.bo.refused("cast_vote", draft_id="d1") == "no_open_round"
    await room.mette.ok("open_round", dots=2, blind=False)
    await room.bo.ok("cast_vote", draft_id="d1")
    assert await room.bo.refused("cast_vote", draft_id="d1") == "vote_limit"
    await room.bo.ok("cast_vote", draft_id="d2")
    assert await room.bo.refused("cast_vote", draft_id="d3") == "vote_limit"
    await room.bo.ok("retract_vote", draft_id="d2")
    assert await room.bo.refused("retract_vote", draft_id="d2") == "invalid_state"
    last = await room.bo.ok("cast_vote", draft_id="d3")
    assert await room.bo.refused("cast_vote", draft_id="d7") == "not_found"
    assert await room.olga.refused("cast_vote", draft_id="d1") == "forbidden"
    event = await room.anne.event("vote_cast")
    while event["seq"] < last["seq"]:
        event = await room.anne.expect("event")
    rnd = event["data"]["round"]
    assert rnd["tally"] == {"d1": 1, "d3": 1} and rnd["voters"] == 1


async def test_blind_round_hides_counts_until_close(room: Room) -> None:
    """In a blind round nobody, facilitator included, sees per-draft counts before close."""
    await room.anne.ok("propose_draft", text="Vi skaber tryghed")
    await room.dina.ok("propose_draft", text="Vi skaber hverdagsliv")
    await room.mette.ok("open_round", dots=1, blind=True)
    await room.anne.ok("cast_vote", draft_id="d1")
    await room.bo.ok("cast_vote", draft_id="d1")
    await room.dina.ok("cast_vote", draft_id="d2")
    for _ in range(3):
        event = await room.mette.event("vote_cast")
        assert event["data"]["round"]["tally"] is None
        assert "draft_id" not in str(event["data"])
    assert event["data"]["round"]["voters"] == 3
    assert await room.anne.refused("revise_draft", draft_id="d1", text="x") == "invalid_state"
    await room.mette.ok("close_round")
    closed = await room.olga.event("round_closed")
    assert closed["data"]["round"]["tally"] == {"d1": 2, "d2": 1}
    assert closed["data"]["round"]["open"] is False
    # Two nurses, one care assistant, the voting leader: no profession reaches k=3, so
    # all four form the one group "" and nothing is said per profession.
    assert closed["data"]["round"]["by_profession"] == {"": {"d1": 2, "d2": 1}}


async def test_tags_are_counted_not_attributed(room: Room) -> None:
    """Tags show as counts; each voter's own tag comes back only in its own `mine`."""
    await room.anne.ok("add_statement", text="Antal minutter til rengøring pr. uge")
    await room.anne.ok("tag_statement", statement_id="s1", tag="output")
    await room.bo.ok("tag_statement", statement_id="s1", tag="effect")
    await room.bo.ok("tag_statement", statement_id="s1", tag="output")
    await room.dina.ok("tag_statement", statement_id="s1", tag="effect")
    last = await room.dina.ok("tag_statement", statement_id="s1", tag=None)
    event = await room.olga.event("statement_tagged")
    while event["seq"] < last["seq"]:
        event = await room.olga.expect("event")
    statement = event["data"]["statement"]
    assert statement["tally"] == {"output": 2, "effect": 0}
    assert statement["my_tag"] is None and event["actor"] is None
    assert await room.olga.refused("tag_statement", statement_id="s1", tag="effect") == (
        "forbidden"
    )
    assert await room.anne.refused("tag_statement", statement_id="s1", tag="impact") == ("invalid")


async def test_facilitator_classifies_and_finalizes(room: Room) -> None:
    """The agreed class and the final formulation are set by the facilitator alone."""
    await room.anne.ok("add_statement", text="Beboeren kan selv gå i haven")
    await room.anne.ok("propose_draft", text="A")
    await room.bo.ok("propose_draft", text="B")
    assert await room.anne.refused("classify_statement", statement_id="s1", tag="effect") == (
        "forbidden"
    )
    await room.mette.ok("classify_statement", statement_id="s1", tag="effect")
    await room.mette.ok("finalize_draft", draft_id="d1")
    assert await room.mette.refused("finalize_draft", draft_id="d1") == "invalid_state"
    ack = await room.mette.ok("finalize_draft", draft_id="d2")
    event = await room.anne.event("draft_finalized")
    event = await room.anne.event("draft_finalized")
    assert event["seq"] == ack["seq"] and event["actor"] == room.mette.pid
    assert event["data"]["draft"]["final"] is True
    assert event["data"]["previous"]["id"] == "d1" and event["data"]["previous"]["final"] is False


async def test_conflicts_are_recorded_and_updated(room: Room) -> None:
    """A conflict names professions and linked items; anyone who writes may update it."""
    await room.anne.ok("add_statement", text="Beboeren skal selv tage tøj på")
    ack = await room.dina.ok(
        "record_conflict",
        title="Rehabilitering eller hjælp",
        description="Skal vi kræve selvhjulpenhed af en beboer, der ikke ønsker det?",
        professions=["Ergoterapeut", "Social- og sundhedsassistent"],
        refs=[{"kind": "statement", "id": "s1"}],
    )
    assert ack["item_id"] == "c1"
    await room.bo.ok(
        "update_conflict", conflict_id="c1", status="discussed", note="Drøftet: vi prøver en uge"
    )
    event = await room.olga.event("conflict_updated")
    conflict = event["data"]["conflict"]
    assert conflict["status"] == "discussed" and conflict["notes"] == ["Drøftet: vi prøver en uge"]
    assert conflict["refs"] == [{"kind": "statement", "id": "s1"}]
    assert (
        await room.bo.refused(
            "record_conflict", title="x", professions=["Læge"], refs=[{"kind": "draft", "id": "d9"}]
        )
        == "not_found"
    )
    assert await room.bo.refused("record_conflict", title="x", professions=[]) == "invalid"
    assert await room.bo.refused("update_conflict", conflict_id="c1", status="won") == "invalid"
    assert await room.olga.refused("update_conflict", conflict_id="c1", note="x") == "forbidden"


async def test_phase_and_timer(room: Room) -> None:
    """The facilitator moves the phase in any order and runs a timer; others cannot."""
    assert await room.anne.refused("set_phase", phase="voting") == "forbidden"
    await room.mette.ok("set_phase", phase="voting")
    await room.mette.ok("set_phase", phase="statements")
    event = await room.anne.event("phase_changed")
    event = await room.anne.event("phase_changed")
    assert event["data"] == {"phase": "statements", "previous": "voting"}
    assert await room.mette.refused("stop_timer") == "invalid_state"
    await room.mette.ok("start_timer", seconds=300, label="Summemøde to og to")
    timer = (await room.anne.event("timer_started"))["data"]["timer"]
    assert timer["label"] == "Summemøde to og to" and timer["ends_at"].endswith("Z")
    await room.mette.ok("stop_timer")
    assert (await room.anne.event("timer_stopped"))["data"] == {}
    assert await room.mette.refused("start_timer", seconds=7201) == "invalid"
    assert await room.mette.refused("set_phase", phase="lunch") == "invalid"


async def test_rounds_open_and_close_once(room: Room) -> None:
    """One round at a time; closing needs an open one."""
    assert await room.mette.refused("close_round") == "no_open_round"
    ack = await room.mette.ok("open_round", dots=3, blind=False)
    assert ack["item_id"] == "r1"
    assert await room.mette.refused("open_round", dots=3, blind=False) == "invalid_state"
    assert await room.mette.refused("open_round", dots=11, blind=False) == "invalid"
    assert (await room.mette.ok("close_round"))["item_id"] == "r1"
    assert (await room.mette.ok("open_round", dots=1, blind=True))["item_id"] == "r2"


async def test_removal_blanks_text_and_releases_votes(room: Room) -> None:
    """A removed draft keeps its place with text null; its voters get their dots back."""
    await room.anne.ok("propose_draft", text="Noget personfølsomt om en beboer")
    await room.mette.ok("open_round", dots=1, blind=True)
    await room.bo.ok("cast_vote", draft_id="d1")
    ack = await room.mette.ok(
        "remove_item", kind="draft", item_id="d1", reason="Personfølsomme oplysninger"
    )
    assert ack["item_id"] == "d1"
    notice = await room.bo.expect("notice")
    assert notice == {"type": "notice", "code": "votes_released", "draft_id": "d1"}
    event = await room.dina.event("item_removed")
    assert event["data"]["kind"] == "draft" and event["data"]["round"]["voters"] == 0
    assert "noget" not in str(event).lower()
    assert await room.mette.refused("remove_item", kind="draft", item_id="d1") == "invalid_state"
    assert await room.anne.refused("remove_item", kind="draft", item_id="d1") == "forbidden"


async def test_repeated_command_id_has_one_effect(room: Room) -> None:
    """The same command id again changes nothing and gets the same ack."""
    first = await room.anne.ok("propose_draft", id="anne-1", text="Vi skaber værdi")
    again = await room.anne.ok("propose_draft", id="anne-1", text="Vi skaber værdi")
    assert first == again
    other = await room.bo.ok("propose_draft", id="anne-1", text="Bos eget forslag")
    assert other["item_id"] == "d2"  # ids are per participant


async def test_refused_command_can_be_sent_again(room: Room) -> None:
    """Only acked commands are remembered: a refused id is judged afresh."""
    await room.anne.ok("propose_draft", text="Vi skaber værdi")
    assert await room.bo.refused("cast_vote", id="bo-vote", draft_id="d1") == "no_open_round"
    await room.mette.ok("open_round", dots=1, blind=False)
    await room.bo.ok("cast_vote", id="bo-vote", draft_id="d1")


async def test_participant_cannot_use_facilitator_commands(room: Room) -> None:
    """Every facilitator command is forbidden to a participant and changes nothing."""
    seq = (await room.anne.ok("add_statement", text="Vi bruger for meget tid på skemaer"))["seq"]
    commands: list[tuple[str, dict[str, Any]]] = [
        ("set_phase", {"phase": "voting"}),
        ("start_timer", {"seconds": 60}),
        ("stop_timer", {}),
        ("open_round", {"dots": 3, "blind": False}),
        ("close_round", {}),
        ("finalize_draft", {"draft_id": "d1"}),
        ("classify_statement", {"statement_id": "s1", "tag": "effect"}),
        ("remove_item", {"kind": "draft", "item_id": "d1", "reason": ""}),
        ("close_session", {}),
    ]
    for kind, fields in commands:
        assert await room.anne.refused(kind, **fields) == "forbidden", kind
    assert (await room.anne.ok("add_statement", text="Stadig med"))["seq"] == seq + 1


async def test_close_session_makes_it_read_only(room: Room) -> None:
    """After close_session every command is refused with session_closed."""
    await room.mette.ok("close_session")
    assert await room.anne.refused("propose_draft", text="For sent") == "session_closed"
    assert await room.mette.refused("set_phase", phase="wrapup") == "session_closed"


async def test_session_cannot_close_with_a_round_open(room: Room) -> None:
    """Closing with a round open would hide its result for ever: close the round first."""
    await room.mette.ok("open_round", dots=1, blind=True)
    assert await room.mette.refused("close_session") == "invalid_state"
    await room.mette.ok("close_round")
    await room.mette.ok("close_session")
