"""Prepared sessions for the export and client benchmarks, written without a server.

Each event goes through the same steps as in the hub: `model.decide` (or `model.join`),
`model.apply`, `views.public_event` + `protocol.encode`, then `Store.append`, so the
database is exactly what a live workshop would have left behind, only faster to make.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from server import model, views
from server import protocol as p
from server.hub import create_session, new_secret
from server.shards import shard_paths
from server.store import Store, digest

PROFESSIONS = ["Sygeplejerske", "Social- og sundhedsassistent", "Ergoterapeut", "Leder"]


@dataclass
class Builder:
    """A session being written event by event, with a clock one second per event."""

    store: Store
    code: str
    key: str
    state: model.State
    rng: random.Random
    moment: datetime = field(default_factory=lambda: datetime(2026, 11, 29, 8, 0, tzinfo=UTC))
    counter: int = 0
    facilitator: str = ""
    people: list[str] = field(default_factory=list)

    def now(self) -> str:
        self.moment += timedelta(seconds=1)
        return self.moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def _commit(
        self, event: model.Event, command_id: str | None = None, token: str | None = None
    ) -> None:
        model.apply(self.state, event)
        public = p.encode(views.public_event(self.state, event))
        self.store.append(
            self.code,
            self.state.seq,
            event,
            public,
            command_id,
            model.item_id(event),
            token_hash=digest(token) if token is not None else None,
        )

    def join(self, name: str, profession: str, role: p.Role = "participant") -> str:
        event = model.join(
            self.state,
            name=name,
            profession=profession,
            role=role,
            votes=role != "observer",
            now=self.now(),
        )
        self._commit(event, token=new_secret())
        return str(event.actor)

    def command(self, actor: str, command: p.Command) -> bool:
        """Apply a command as the hub would; False if the rules refuse it."""
        try:
            event = model.decide(self.state, actor, command, self.now())
        except model.DomainError:
            return False
        self._commit(event, command.id)
        return True

    def next_id(self) -> str:
        self.counter += 1
        return f"x{self.counter}"


def start(db: Path, title: str, seed: int, participants: int) -> Builder:
    store = Store(db)
    info = model.SessionInfo(code="", title=title, professions=list(PROFESSIONS))
    code, key = create_session(store, info)
    builder = Builder(store, code, key, model.new_state(info), random.Random(seed))
    builder.facilitator = builder.join("Mette", "Leder", "facilitator")
    for i in range(participants):
        builder.people.append(builder.join(f"Deltager {i + 1}", PROFESSIONS[i % 3]))
    return builder


def workshop(db: Path, events: int, seed: int = 7, participants: int = 29) -> tuple[str, str]:
    """A long workshop of about `events` events, in the proportions of a real one:
    mostly statements, tags and dots; about one draft in 70 events, a voting round every
    few hundred, conflicts with notes, phases and timers. Returns (code, key)."""
    b = start(db, "Plejecenter Egebakken: vores kerneopgave", seed, participants)
    rng = b.rng
    everyone = [b.facilitator, *b.people]
    fac = b.facilitator
    guard = events * 5  # refused commands do not count; never loop for ever
    while b.state.seq < events and guard > 0:
        guard -= 1
        who = rng.choice(everyone)
        statements = list(b.state.statements)
        drafts = [d.id for d in b.state.drafts.values() if not d.removed and not d.withdrawn]
        roll = rng.random()
        cid = b.next_id()
        current = b.state.open_round
        if current is not None:
            # While a round is open, people vote; the facilitator closes it after a while
            # (and before the end, so that the log has exactly `events` events).
            if roll < 0.012 or b.state.seq >= events - 1:
                b.command(fac, p.CloseRound(cid))
                continue
            if roll < 0.7 and drafts:
                b.command(who, p.CastVote(cid, rng.choice(drafts)))
                continue
        if roll < 0.004 and current is None and len(drafts) >= 3:
            b.command(fac, p.OpenRound(cid, rng.randint(2, 3), rng.random() < 0.3))
        elif roll < 0.30 or not statements:
            b.command(who, p.AddStatement(cid, f"Udsagn {b.state.seq}: borgeren i centrum"))
        elif roll < 0.70:
            tag: p.Tag | None = rng.choice(["output", "effect", "effect", None])
            b.command(who, p.TagStatement(cid, rng.choice(statements), tag))
        elif roll < 0.73 or not drafts:
            b.command(who, p.ProposeDraft(cid, f"Beboeren lever et trygt liv ({b.state.seq})"))
        elif roll < 0.75:
            draft = b.state.drafts[rng.choice(drafts)]
            b.command(draft.author, p.ReviseDraft(cid, draft.id, f"Revideret {b.state.seq}"))
        elif roll < 0.81:
            refs = [p.Ref("statement", rng.choice(statements))]
            title = f"Konflikt {b.state.seq}"
            b.command(who, p.RecordConflict(cid, title, PROFESSIONS[:2], "Beskrivelse", refs))
        elif roll < 0.87 and b.state.conflicts:
            conflict = rng.choice(list(b.state.conflicts))
            status: p.ConflictStatus = rng.choice(["discussed", "parked", "resolved"])
            b.command(who, p.UpdateConflict(cid, conflict, status, f"Note {b.state.seq}"))
        elif roll < 0.92:
            b.command(fac, p.ClassifyStatement(cid, rng.choice(statements), "effect"))
        elif roll < 0.93:
            phase: p.Phase = rng.choice(["statements", "drafts", "voting", "conflicts"])
            b.command(fac, p.SetPhase(cid, phase))
        elif roll < 0.94:
            b.command(fac, p.StartTimer(cid, 300, "Afstemning"))
        elif roll < 0.943 and drafts:
            b.command(fac, p.FinalizeDraft(cid, rng.choice(drafts)))
        elif roll < 0.948:
            b.command(fac, p.RemoveItem(cid, "statement", rng.choice(statements), "dublet"))
        else:
            b.command(who, p.AddStatement(cid, f"Udsagn {b.state.seq}: vi gør en forskel"))
    if b.state.open_round is not None:
        b.command(fac, p.CloseRound(b.next_id()))
    b.store.close()
    return b.code, b.key


def many_drafts(db: Path, drafts: int, seed: int = 11) -> tuple[str, str]:
    """A session with `drafts` drafts and an open round with some dots on them."""
    b = start(db, "Mange udkast", seed, 12)
    for i in range(drafts):
        author = b.people[i % len(b.people)]
        text = f"Udkast {i + 1}: beboeren mestrer sin egen hverdag så længe som muligt"
        b.command(author, p.ProposeDraft(b.next_id(), text))
    b.command(b.facilitator, p.OpenRound(b.next_id(), 3, False))
    ids = list(b.state.drafts)
    for person in b.people:
        for draft in b.rng.sample(ids, 3):
            b.command(person, p.CastVote(b.next_id(), draft))
    b.store.close()
    return b.code, b.key


def empty_sessions(db: Path, count: int, shards: int = 1) -> list[str]:
    """`count` open sessions with nobody in them yet, for the capacity run: the server
    started on this database loads them all (`--session` the first). With `shards`, they
    are dealt out over the shard files in turn, as `serve --shards` would place them."""
    stores = [Store(path) for path in shard_paths(db, shards)]
    try:
        codes = []
        for i in range(count):
            info = model.SessionInfo(
                code="", title=f"Kapacitet {i + 1}", professions=list(PROFESSIONS)
            )
            codes.append(create_session(stores[i % shards], info)[0])
    finally:
        for store in stores:
            store.close()
    return codes
