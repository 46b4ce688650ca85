"""Acceptance and criteria rounds, and choosing with a reason, over real websockets:
what each role sees while a round is open, what the close shows per profession, what a
resuming client gets back, and that a v1 client's frames are unchanged."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from server.model import SessionInfo
from tests.realserver import Running, run_server
from tests.server.peer import Peer, hello, join

TEACHER = "Lærer"
PEDAGOGUE = "Pædagog"


@dataclass
class School:
    """Skolen ved Søen: the leader facilitates without voting, four teachers, four
    pedagogues, a parent observing; drafts d1 (a teacher's) and d2 (a pedagogue's)."""

    server: Running
    lise: Peer
    teachers: list[Peer]
    pedagogues: list[Peer]
    parent: Peer


@pytest.fixture
async def school(tmp_path: Path) -> AsyncIterator[School]:
    info = SessionInfo(
        code="",
        title="Skolen ved Søen: vores kerneopgave",
        level="institution",
        parent_task="Alle børn lærer at lære",
        professions=[TEACHER, PEDAGOGUE],
    )
    server = await run_server(tmp_path, info)
    url, code = server.url, server.code
    lise = await join(
        url, code, "Lise", "Skoleleder", role="facilitator", facilitator_key=server.key, votes=False
    )
    teachers = [await join(url, code, n, TEACHER) for n in ("Ole", "Pia", "Rasmus", "Trine")]
    pedagogues = [await join(url, code, n, PEDAGOGUE) for n in ("Sara", "Tim", "Ulla", "Vera")]
    parent = await join(url, code, "Hanne", None, role="observer")
    await teachers[0].ok("propose_draft", text="Alle børn lærer at lære og lykkes hver dag")
    await pedagogues[0].ok("propose_draft", text="Børnene trives og lærer i fællesskaber")
    try:
        yield School(server, lise, teachers, pedagogues, parent)
    finally:
        await server.stop()


async def test_a_blind_acceptance_round_shows_nothing_until_the_facilitator_closes_it(
    school: School,
) -> None:
    """While open: who answered is a count, the answers are hidden from everyone; the
    close shows them per profession, and which profession cannot live with d2."""
    opened = await school.lise.ok("open_rating", kind="acceptance", draft_ids=["d1", "d2"])
    assert opened["item_id"] == "a1"
    for who in school.teachers:
        await who.ok("rate", draft_id="d2", question="live", answer="cannot")
    for who in school.pedagogues:
        await who.ok("rate", draft_id="d2", question="live", answer="full")
    for _ in range(8):
        event = await school.parent.event("rating_answered")
        assert event["actor"] is None
        assert event["data"]["rating"]["tally"] is None
    assert event["data"]["rating"]["answered"] == 8
    assert await school.lise.refused("finalize_draft", draft_id="d2") == "invalid_state"
    await school.lise.ok("close_rating")
    closed = await school.parent.event("rating_closed")
    rating = closed["data"]["rating"]
    assert rating["tally"] == {"d2": {"live": {"cannot": 4, "full": 4}}}
    assert rating["by_profession"]["d2"]["live"] == {
        TEACHER: {"cannot": 4},
        PEDAGOGUE: {"full": 4},
    }


async def test_a_resuming_participant_gets_its_own_answers_back(school: School) -> None:
    """`mine.my_answers` holds one's answers in the open round, after a reconnect too."""
    await school.lise.ok("open_rating", kind="criteria", draft_ids=["d1"], blind=False)
    ole = school.teachers[0]
    await ole.ok("rate", draft_id="d1", question="value", answer="partly")
    await ole.ok("rate", draft_id="d1", question="short", answer="yes")
    await ole.close()
    again, answer = await hello(
        school.server.url, school.server.code, resume_token=ole.token, last_seq=0
    )
    assert answer["type"] == "welcome"
    assert answer["mine"]["my_answers"] == {"d1/value": "partly", "d1/short": "yes"}
    assert answer["state"]["ratings"][0]["tally"] == {
        "d1": {"value": {"partly": 1}, "short": {"yes": 1}}
    }
    await again.close()


async def test_rating_refusals_over_the_wire(school: School) -> None:
    """Participants cannot open; observers cannot answer; answers outside are invalid."""
    ole = school.teachers[0]
    assert await ole.refused("open_rating", kind="acceptance", draft_ids=["d1"]) == "forbidden"
    assert await ole.refused("rate", draft_id="d1", question="live", answer="full") == (
        "no_open_round"
    )
    await school.lise.ok("open_rating", kind="acceptance", draft_ids=["d1"])
    assert await school.parent.refused("rate", draft_id="d1", question="live", answer="full") == (
        "forbidden"
    )
    assert await ole.refused("rate", draft_id="d1", question="live", answer="yes") == "invalid"
    assert await ole.refused("rate", draft_id="d1", question="x" * 21, answer="full") == "invalid"
    assert await school.lise.refused("open_rating", kind="criteria", draft_ids=[]) == "invalid"


async def test_a_reason_travels_with_the_choice_and_a_v1_choice_has_none(
    school: School,
) -> None:
    """finalize_draft with a reason: in the event and every snapshot; without: v1 bytes."""
    await school.lise.ok("finalize_draft", draft_id="d1")
    first = await school.parent.event("draft_finalized")
    assert set(first["data"]) == {"draft", "previous"}
    await school.lise.ok("finalize_draft", draft_id="d2", reason="Alle faggrupper kan leve med den")
    second = await school.parent.event("draft_finalized")
    assert second["data"]["reason"] == "Alle faggrupper kan leve med den"
    assert second["data"]["previous"]["id"] == "d1"
    late = await join(school.server.url, school.server.code, "Kim", TEACHER)
    choices = late.welcome["state"]["choices"]
    assert [(c["draft_id"], c.get("previous"), c.get("reason")) for c in choices] == [
        ("d1", None, None),
        ("d2", "d1", "Alle faggrupper kan leve med den"),
    ]
