"""SIGKILL at random points during a burst of commands from several clients.

Jobcenter Vest runs a workshop on a real `python -m server`. Hanne facilitates; Ahmed,
Birgitte and Carsten (job consultants and a social worker) each fire a script of
commands with their own ids, without waiting for answers. When the clients together
have seen the seed's number of acks, the server is killed with SIGKILL, restarted on
the same database with `--session`, and every client resumes with its token and the
last seq it folded, then sends again, with the same id, every command that got no
answer. Then: every command acked before the kill is in the log with the same seq and
item, nothing was applied twice, and every client's copy equals a fresh `hello`.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from server import protocol as p
from tests.adversarial.wire import Client, Closed, fresh, join, resume, same_view
from tests.serverprocess import ServerProcess

Script = list[tuple[str, dict[str, Any]]]


def script(name: str, facilitator: bool = False) -> Script:
    """Commands that are valid in any interleaving with the others' scripts."""
    commands: Script = [
        ("propose_draft", {"text": f"{name}: borgeren kommer i job eller uddannelse"}),
        ("add_statement", {"text": f"{name}: antal borgere i virksomhedspraktik"}),
        ("tag_statement", {"statement_id": "s1", "tag": "effect"}),
        ("update_conflict", {"conflict_id": "c1", "note": f"{name}: drøftet i teamet"}),
        ("propose_draft", {"text": f"{name}: borgeren får en plan, der holder"}),
        ("add_statement", {"text": f"{name}: borgerens egen vurdering af fremskridt"}),
        ("update_conflict", {"conflict_id": "c1", "note": f"{name}: parkeret til i morgen"}),
        ("propose_draft", {"text": f"{name}: vi møder borgeren med tillid"}),
    ]
    if facilitator:
        commands += [
            ("set_phase", {"phase": "drafts"}),
            ("start_timer", {"seconds": 600, "label": "Skrivetid"}),
            ("classify_statement", {"statement_id": "s1", "tag": "effect"}),
            ("set_phase", {"phase": "voting"}),
        ]
    else:
        commands += [
            ("cast_vote", {"draft_id": "d1"}),
            ("cast_vote", {"draft_id": "d2"}),
            ("tag_statement", {"statement_id": "s1", "tag": "output"}),
        ]
    return commands


class Burst:
    """Each client sends its script without waiting, and reads at a laptop's pace (a
    few milliseconds per message); the server dies when the seed's number of commands
    of the burst have been committed, so some acks are still on their way: lost."""

    def __init__(
        self, clients: dict[str, Client], server: ServerProcess, db: Path, code: str, kill_at: int
    ) -> None:
        self.clients = clients
        self.server = server
        self.db = db
        self.code = code
        self.kill_at = kill_at
        self.sent: dict[str, list[tuple[str, str, dict[str, Any]]]] = {n: [] for n in clients}
        self.killed = False

    async def send(self, name: str, commands: Script, rng: random.Random) -> None:
        client = self.clients[name]
        for n, (kind, fields) in enumerate(commands):
            cid = f"{name}-{n}"
            try:
                await client.send(kind, id=cid, **fields)
            except Exception:  # the server is gone: the rest is never sent
                return
            self.sent[name].append((cid, kind, fields))
            await asyncio.sleep(rng.uniform(0, 0.004))

    async def read(self, name: str, rng: random.Random) -> None:
        client = self.clients[name]
        while True:
            try:
                await client.recv()
            except Closed:
                return
            await asyncio.sleep(rng.uniform(0, 0.004))

    async def kill(self) -> None:
        """SIGKILL as soon as the log holds `kill_at` more events than at the start."""
        start = len(log_rows(self.db, self.code))
        while len(log_rows(self.db, self.code)) - start < self.kill_at:
            await asyncio.sleep(0.0005)
        self.killed = True
        self.server.kill()


def log_rows(db: Path, code: str) -> list[tuple[int, str, str | None, str | None]]:
    """(seq, actor, command id, item id) of every stored event, read beside the server."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT seq, actor, command_id, item_id FROM events WHERE session = ? ORDER BY seq",
            (code,),
        ).fetchall()
    conn.close()
    return [(int(r[0]), str(r[1]), r[2], r[3]) for r in rows]


@pytest.mark.parametrize("seed", [2, 1, 7, 9, 5])  # kill after 4, 9, 21, 30, 40 of 45
async def test_sigkill_during_a_burst_loses_no_acked_command_and_applies_none_twice(
    tmp_path: Path, processes: list[ServerProcess], seed: int
) -> None:
    """Killed at a random point: acked work survives, retries apply once, views are true."""
    rng = random.Random(seed)
    db, ready = tmp_path / "kerne.db", tmp_path / "ready.json"
    processes.append(
        ServerProcess(db, ready, "--title", "Jobcenter Vest: vores kerneopgave", "--named")
    )
    info = await processes[0].info()
    url, code, key = info["url"], p.normalize_code(info["code"]) or "", info["facilitator_key"]
    hanne = await join(url, code, "Hanne", "Leder", role="facilitator", facilitator_key=key)
    ahmed = await join(url, code, "Ahmed", "Jobkonsulent")
    birgitte = await join(url, code, "Birgitte", "Socialrådgiver")
    carsten = await join(url, code, "Carsten", "Jobkonsulent")
    await ahmed.ok("propose_draft", text="Borgeren bliver selvforsørgende")
    await birgitte.ok("propose_draft", text="Borgeren får et godt arbejdsliv")
    await hanne.ok("add_statement", text="Antal borgere i ordinært job efter et år")
    await hanne.ok("record_conflict", title="Hurtigt i job eller varigt i job",
                   professions=["Jobkonsulent", "Socialrådgiver"])  # fmt: skip
    await hanne.ok("open_round", dots=3, blind=False)
    clients = {"hanne": hanne, "ahmed": ahmed, "birgitte": birgitte, "carsten": carsten}
    scripts = {name: script(name.capitalize(), name == "hanne") for name in clients}
    total = sum(len(s) for s in scripts.values())
    burst = Burst(clients, processes[0], db, code, kill_at=rng.randint(1, total - 1))

    # The burst, and the kill somewhere inside it.
    async with asyncio.timeout(10):
        await asyncio.gather(
            burst.kill(),
            *[burst.send(name, scripts[name], random.Random(f"s{seed}{name}")) for name in clients],
            *[burst.read(name, random.Random(f"r{seed}{name}")) for name in clients],
        )
    assert burst.killed and processes[0].proc.returncode == -9
    acked_before = {name: dict(c.acks) for name, c in clients.items()}
    unanswered = {
        name: [
            (cid, kind, fields)
            for cid, kind, fields in burst.sent[name]
            if not any(m.get("id") == cid for m in clients[name].received)
        ]
        for name in clients
    }

    # Restart on the same file; everyone resumes and sends again what had no answer.
    processes.append(ServerProcess(db, ready, "--session", code))
    url = (await processes[1].info())["url"]
    for name in clients:
        clients[name] = await resume(clients[name], url, code)
    for name, client in clients.items():
        for cid, kind, fields in unanswered[name]:
            answer = await client.command(kind, id=cid, **fields)
            assert answer["type"] == "ack", (name, cid, answer)

    # Every ack from before the kill is in the log with the same seq and item.
    rows = log_rows(db, code)
    stored = {(actor, cid): (seq, item) for seq, actor, cid, item in rows if cid is not None}
    for name, acks in acked_before.items():
        pid = clients[name].pid
        for cid, ack in acks.items():
            assert stored[(pid, cid)] == (ack["seq"], ack["item_id"]), (name, cid)
    # Every client's resumed and folded copy equals a fresh hello.
    final = max(row[0] for row in rows)
    for client in clients.values():
        await client.catch_up(final)
        assert client.gapless(), client.seen
    truths = {name: await fresh(url, code, client.token) for name, client in clients.items()}
    for name, client in clients.items():
        assert same_view(client, truths[name]), name
    # Nothing applied twice: one event per command, each text once, each dot once.
    commands_sent = sum(len(s) for s in burst.sent.values())
    assert len(stored) == commands_sent + 5  # and the five commands of the setup
    snapshot = truths["hanne"].snapshot
    texts = Counter(d.text for d in snapshot.drafts)
    texts.update(s.text for s in snapshot.statements)
    texts.update(snapshot.conflicts[0].notes)
    assert max(texts.values()) == 1, texts
    dots = Counter(
        fields["draft_id"]
        for name in clients
        for _, kind, fields in burst.sent[name]
        if kind == "cast_vote"
    )
    assert snapshot.rounds[0].tally == dict(dots)
