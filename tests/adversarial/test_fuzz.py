"""Random command sequences from several clients at once, against the real server.

Hypothesis writes the script: waves of commands (valid ones, and ones with ids that do
not exist or fields that are wrong), each wave sent by several clients without waiting
for answers, with reconnects and re-sends in between. A nursing home's cast: Mette
facilitates, two nurses and two care assistants take part, Frida observes. After every
wave the server's state must keep the voting rules; at the end every client must have
seen every event once and in order, and its folded copy must equal a fresh `hello`.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from server import model
from server.hub import create_session
from server.model import SessionInfo
from tests.adversarial.wire import Client, fresh, join, resume, same_view
from tests.realserver import Running, run_server

EXAMPLE_DEADLINE = 20.0  # seconds per example, like every async test here
CAST: list[tuple[str, str | None, str]] = [
    ("Mette", "Leder", "facilitator"),
    ("Anne", "Sygeplejerske", "participant"),
    ("Bo", "sygeplejerske", "participant"),
    ("Dina", "Social- og sundhedsassistent", "participant"),
    ("Emil", "Social- og sundhedsassistent", "participant"),
    ("Frida", None, "observer"),
]
# "@mine" is a draft the sender has a dot on (else d1), "@last" the newest draft the
# sender knows of: resolved when sent, so retractions and revisions find their targets.
DRAFTS = st.sampled_from(["d1", "d2", "d3", "d4", "@mine", "@mine", "@last", "d99", "D1"])
STATEMENTS = st.sampled_from(["s1", "s2", "s3", "s9"])
CONFLICTS = st.sampled_from(["c1", "c2", "c9"])
TAGS = st.sampled_from(["output", "effect", None])
TEXTS = st.sampled_from(
    [
        "Beboeren mestrer sin hverdag",
        "Vi skaber tryghed\nog livskvalitet",
        "Sammen med pårørende",
        "\u202eTryghed\x1b[2J",
    ]
)

Command = dict[str, Any]


def c(command_type: str, /, **fields: Any) -> st.SearchStrategy[Command]:
    return st.fixed_dictionaries({"type": st.just(command_type), **fields})


def writes() -> st.SearchStrategy[Command]:
    """What participants do: drafts, dots, statements, tags, conflicts."""
    vote = c("cast_vote", draft_id=DRAFTS)
    retract = c("retract_vote", draft_id=DRAFTS)
    tag = c("tag_statement", statement_id=STATEMENTS, tag=TAGS)
    return st.one_of(
        vote,
        vote,
        vote,
        vote,
        retract,
        retract,
        tag,
        tag,
        c("propose_draft", text=TEXTS),
        c("revise_draft", draft_id=DRAFTS, text=TEXTS),
        c("withdraw_draft", draft_id=DRAFTS),
        c("add_statement", text=TEXTS),
        c(
            "record_conflict",
            title=st.just("Bad om morgenen eller om aftenen"),
            professions=st.just(["Sygeplejerske", "Social- og sundhedsassistent"]),
            refs=st.lists(
                st.fixed_dictionaries({"kind": st.just("draft"), "id": DRAFTS}), max_size=1
            ),
        ),
        c("update_conflict", conflict_id=CONFLICTS, status=st.sampled_from(["parked", None]),
          note=st.just("Drøftet på personalemødet")),
    )  # fmt: skip


def dots() -> st.SearchStrategy[Command]:
    """Voting, the part with the most rules: dots on live drafts, and taking them back."""
    target = st.sampled_from(["d1", "d2", "d3", "@last", "@mine"])
    return st.one_of(
        c("cast_vote", draft_id=target),
        c("cast_vote", draft_id=target),
        c("retract_vote", draft_id=st.just("@mine")),
    )


def facilitates() -> st.SearchStrategy[Command]:
    """What the facilitator does: phases, timers, rounds, finals, classes, removals."""
    return st.one_of(
        c("open_round", dots=st.integers(1, 3), blind=st.booleans()),
        c("close_round"),
        c("set_phase", phase=st.sampled_from(["drafts", "voting", "wrapup"])),
        c("start_timer", seconds=st.integers(1, 600), label=st.just("Summemøde")),
        c("stop_timer"),
        c("finalize_draft", draft_id=DRAFTS),
        c("classify_statement", statement_id=STATEMENTS, tag=TAGS),
        c("remove_item", kind=st.sampled_from(["draft", "statement", "conflict"]),
          item_id=st.sampled_from(["d2", "d4", "s2", "c1"]), reason=st.just("Personfølsomt")),
    )  # fmt: skip


def garbage() -> st.SearchStrategy[Command]:
    """Commands no server may accept."""
    return st.one_of(
        c("cast_vote", draft_id=st.just(5)),
        c("open_round", dots=st.just(11), blind=st.just(False)),
        c("propose_draft", text=st.just("\u202e\x1b \t")),
        c("make_coffee"),
    )


@dataclass(frozen=True)
class Step:
    actor: int
    action: str  # "send", "resend" (the actor's last command, same id) or "reconnect"
    command: Command = field(default_factory=dict)


def steps() -> st.SearchStrategy[Step]:
    """Anyone writes; mostly the facilitator facilitates (others try, and are refused)."""
    anyone = st.integers(0, len(CAST) - 1)
    send = st.just("send")
    return st.one_of(
        st.builds(Step, st.integers(0, 4), send, dots()),
        st.builds(Step, st.integers(0, 4), send, dots()),
        st.builds(Step, st.integers(1, 4), send, writes()),
        st.builds(Step, anyone, send, writes()),
        st.builds(Step, st.sampled_from([0, 0, 0, 2, 5]), send, facilitates()),
        st.builds(Step, anyone, send, garbage()),
        st.builds(Step, anyone, st.just("resend")),
        st.builds(Step, anyone, st.just("reconnect")),
    )


def resolve(command: Command, client: Client) -> Command:
    """The command with its symbolic draft ids replaced by real ones."""
    assert client.snapshot is not None
    drafts = client.snapshot.drafts

    def real(value: Any) -> Any:
        if value == "@mine":
            return client.mine.my_votes[0] if client.mine.my_votes else "d1"
        if value == "@last":
            return drafts[-1].id if drafts else "d1"
        if isinstance(value, list):
            return [real(item) for item in value]
        if isinstance(value, dict):
            return {key: real(item) for key, item in value.items()}
        return value

    return {key: real(value) for key, value in command.items()}


@dataclass
class Run:
    running: Running
    code: str
    clients: list[Client]
    last: dict[int, Command] = field(default_factory=dict)

    @property
    def state(self) -> model.State:
        return self.running.hub.sessions[self.code].state

    async def wave(self, wave: list[Step]) -> None:
        """Reconnects first, then every command of the wave at once, then the answers."""
        for step in wave:
            if step.action == "reconnect":
                old = self.clients[step.actor]
                old.ws.transport.abort()  # the network drops
                self.clients[step.actor] = await resume(old, self.running.url, self.code)
        waiting: list[tuple[Client, str, int]] = []
        for step in wave:
            client = self.clients[step.actor]
            if step.action == "send":
                cid = client.next_id(str(step.command["type"]))
                self.last[step.actor] = {**resolve(step.command, client), "id": cid}
            elif step.action == "resend" and step.actor in self.last:
                cid = str(self.last[step.actor]["id"])
            else:
                continue
            command = dict(self.last[step.actor])
            kind = str(command.pop("type"))
            del command["id"]
            mark = len(client.received)
            await client.send(kind, id=cid, **command)
            waiting.append((client, cid, mark))
        for client, cid, mark in waiting:
            await client.answer(cid, since=mark)

    def check_votes(self) -> None:
        """No voter has more dots than the round allows, nor two on one draft, and the
        counts are the sum of everyone's dots."""
        for current in self.state.rounds:
            for voter, dots in current.votes.items():
                assert 1 <= len(dots) <= current.dots, (current.id, voter, dots)
                assert len(set(dots)) == len(dots), (current.id, voter, dots)
                assert self.state.participants[voter].is_voter
            counted = Counter(d for dots in current.votes.values() for d in dots)
            assert dict(counted) == current.counts, (current.id, current.counts)


async def play(anonymous: bool, blind: bool, waves: list[list[Step]], closes: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        running = await run_server(Path(tmp))
        info = SessionInfo(
            code="",
            title="Plejecenter Solhaven: vores kerneopgave",
            professions=["Sygeplejerske", "Social- og sundhedsassistent"],
            anonymous=anonymous,
        )
        code, key = create_session(running.hub.store, info)
        clients: list[Client] = []
        try:
            for name, profession, role in CAST:
                extra = {"facilitator_key": key} if role == "facilitator" else {}
                clients.append(await join(running.url, code, name, profession, role=role, **extra))
            mette, anne, bo, dina, emil, _ = clients
            await anne.ok("propose_draft", text="Beboeren lever et selvstændigt liv")
            await bo.ok("propose_draft", text="Vi skaber tryghed hele døgnet")
            await mette.ok("propose_draft", text="Sammen med pårørende skaber vi et godt liv")
            await dina.ok("add_statement", text="Antal bade pr. uge")
            await emil.ok("add_statement", text="Beboeren kan selv klæde sig på")
            await bo.ok("record_conflict", title="Bad eller gåtur", professions=["Sygeplejerske"])
            await mette.ok("open_round", dots=2, blind=blind)
            run = Run(running, code, clients)
            for wave in waves:
                await run.wave(wave)
                run.check_votes()
            if closes:
                await run.clients[0].command("close_round")
                await run.clients[0].ok("close_session")
                run.check_votes()
            await check_end(run)
        finally:
            for client in clients:
                if client.ws.transport is not None:
                    client.ws.transport.abort()
            await running.stop()


async def check_end(run: Run) -> None:
    """Every client saw every event once, in order, and holds the true snapshot; the
    log replays to the live state; every event but a join is exactly one acked command."""
    state, store = run.state, run.running.hub.store
    for client in run.clients:
        await client.catch_up(state.seq)
        assert client.gapless(), (client.pid, client.seen)
    for client in run.clients:
        truth = await fresh(run.running.url, run.code, client.token)
        assert client.snapshot is not None
        assert same_view(client, truth), (
            client.pid,
            msgspec.to_builtins(client.snapshot),
            msgspec.to_builtins(truth.snapshot),
        )
    stored = store.session(run.code)
    assert stored is not None
    rows = list(store.events(run.code))
    assert model.replay(stored.info, [row.event for row in rows]) == state
    acked = {
        (client.pid, cid): int(ack["seq"])
        for client in run.clients
        for cid, ack in client.acks.items()
    }
    commands = [row for row in rows if row.event.kind != "participant_joined"]
    assert sorted(acked.values()) == [row.seq for row in commands]
    assert len({(row.event.actor, row.command_id) for row in commands}) == len(commands)


@settings(
    max_examples=50,
    deadline=None,
    # No shrinking: a failure is reported (and saved) as found, in bounded time.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    anonymous=st.booleans(),
    blind=st.booleans(),
    waves=st.lists(st.lists(steps(), min_size=2, max_size=8), min_size=5, max_size=12),
    closes=st.booleans(),
)
def test_random_commands_from_several_clients_keep_every_invariant(
    anonymous: bool, blind: bool, waves: list[list[Step]], closes: bool
) -> None:
    """Dots never exceed the round, one per draft, no seq gap, folded copy equals fresh."""

    async def bounded() -> None:
        async with asyncio.timeout(EXAMPLE_DEADLINE):
            await play(anonymous, blind, waves, closes)

    asyncio.run(bounded())
