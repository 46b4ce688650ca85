"""The k-rule for the acceptance and criteria rounds as a property over real sockets: a
school's staff of several professions answer rounds the facilitator opens and closes on
a real server, and every figure per profession that reaches a participant's socket has
only groups of at least k who answered that very question about that very draft, and
groups that together hold every voter at the close (`tests.unit.disclosure`, written
without the server's grouping code)."""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from server import protocol as p
from server.hub import create_session
from server.model import SessionInfo
from tests.realserver import Running, run_server
from tests.server.peer import Peer, join
from tests.unit.disclosure import assert_safe_figure

EXAMPLE_DEADLINE = 20.0  # seconds per example, like every async test here
PROFESSIONS = ("Lærer", "lærer", "Pædagog", "Skolesekretær")
DRAFTS = ("d1", "d2")


@dataclass(frozen=True)
class Answer:
    who: int
    draft: int
    question: int
    answer: int | None  # None takes an answer back


@dataclass(frozen=True)
class Round:
    kind: p.RatingKind
    blind: bool
    answers: list[Answer]


def rounds() -> st.SearchStrategy[Round]:
    answer = st.builds(
        Answer,
        st.integers(0, 20),
        st.integers(0, 1),
        st.integers(0, 5),
        st.one_of(st.none(), st.integers(0, 4), st.integers(0, 4)),
    )
    return st.builds(
        Round,
        st.sampled_from(["acceptance", "criteria"]),
        st.booleans(),
        st.lists(answer, max_size=25),
    )


def rating_views(peer: Peer) -> list[dict[str, Any]]:
    """Every rating round a peer received in an event, in order."""
    return [e["data"]["rating"] for e in peer.events if e["kind"].startswith("rating_")]


async def play(k: int, cast: list[int], plan: list[Round]) -> int:
    """Run the plan; returns how many figures per profession were checked."""
    with tempfile.TemporaryDirectory() as tmp:
        running: Running = await run_server(Path(tmp))
        info = SessionInfo(code="", title="Skolen ved Søen: vores kerneopgave", k_anonymity=k)
        code, key = create_session(running.hub.store, info)
        peers: list[Peer] = []
        try:
            lise = await join(
                running.url,
                code,
                "Lise",
                "Skoleleder",
                role="facilitator",
                votes=False,
                facilitator_key=key,
            )
            peers.append(lise)
            staff = [
                await join(running.url, code, f"Kollega {n}", PROFESSIONS[prof])
                for n, prof in enumerate(cast)
            ]
            peers += staff
            await lise.ok("propose_draft", text="Alle børn lærer at lære")
            await lise.ok("propose_draft", text="Børnene trives i fællesskabet")
            checked = 0
            for plan_round in plan:
                checked += await one_round(running, code, lise, staff, plan_round)
            return checked
        finally:
            for peer in peers:
                await peer.close()
            await running.stop()


async def one_round(running: Running, code: str, lise: Peer, staff: list[Peer], plan: Round) -> int:
    """Open, answer, close; then check what the first colleague's socket received."""
    state = running.hub.sessions[code].state
    await lise.ok("open_rating", kind=plan.kind, draft_ids=list(DRAFTS), blind=plan.blind)
    questions, scale = p.rating_questions(plan.kind), p.rating_answers(plan.kind)
    given: dict[tuple[str, str, str], str] = {}  # (who, draft, question) -> answer, as acked
    for step in plan.answers:
        peer = staff[step.who % len(staff)]
        key = (peer.pid, DRAFTS[step.draft], questions[step.question % len(questions)])
        answer = None if step.answer is None else scale[step.answer % len(scale)]
        reply = await peer.command("rate", draft_id=key[1], question=key[2], answer=answer)
        if reply["type"] == "ack":
            if answer is None:
                given.pop(key, None)
            else:
                given[key] = answer
    await lise.ok("close_rating")
    # Everyone reads what the round sent them: a socket left unread fills its client's
    # queue, and the server rightly cuts a reader that makes no progress.
    for peer in staff:
        while peer.seq < state.seq:
            await peer.expect("event")
    watcher = staff[0]
    closed = rating_views(watcher)[-1]
    assert not closed["open"] and closed["by_profession"] is not None
    # Nothing per profession ever reached the socket before the close.
    assert all(v["by_profession"] is None for v in rating_views(watcher) if v["open"])
    checked = 0
    for draft_id, per_question in closed["by_profession"].items():
        for question, figure in per_question.items():
            acted = {who for (who, d, q) in given if (d, q) == (draft_id, question)}
            total = closed["tally"].get(draft_id, {}).get(question, {})
            assert_safe_figure(state, figure, acted, total)
            checked += bool(figure)
    return checked


@settings(
    max_examples=12,
    deadline=None,
    # No shrinking: a failure is reported (and saved) as found, in bounded time.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    k=st.integers(1, 3),
    cast=st.lists(st.integers(0, len(PROFESSIONS) - 1), min_size=2, max_size=7),
    plan=st.lists(rounds(), min_size=1, max_size=3),
)
def test_no_rating_figure_on_the_wire_is_about_fewer_than_k_people(
    k: int, cast: list[int], plan: list[Round]
) -> None:
    """Acceptance and criteria rounds, answered, taken back and closed, any k."""

    async def bounded() -> None:
        async with asyncio.timeout(EXAMPLE_DEADLINE):
            await play(k, cast, plan)

    asyncio.run(bounded())


def test_the_wire_property_checks_real_figures() -> None:
    """A room that answers enough gives figures to check: the property is not vacuous."""
    everyone = [Answer(who, 0, 0, 0) for who in range(6)]

    async def bounded() -> int:
        async with asyncio.timeout(EXAMPLE_DEADLINE):
            return await play(3, [0, 0, 0, 2, 2, 2], [Round("acceptance", True, everyone)])

    assert asyncio.run(bounded()) == 1
