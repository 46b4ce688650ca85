"""The network benchmarks: fan-out, a stalled client, vote bursts, idle memory.

Each scenario runs the same load against kerne (`python -m server`) and the bare relay
(`python -m bench.relay`), each in its own process, from the load workers of
`bench.load`. Only 127.0.0.1 is used; every wait has a deadline.
"""

from __future__ import annotations

import json
import os
import random
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from websockets.sync.client import connect

from bench.load import LoadPool, Person, room_and_seq
from bench.proc import Served, check_loopback, machine_busy_seconds
from bench.stats import ms, percentile

PROFESSIONS = (
    "Lærer",
    "Pædagog",
    "Sygeplejerske",
    "Social- og sundhedsassistent",
    "Ergoterapeut",
    "Leder",
)


@dataclass(frozen=True)
class Layout:
    """Who hears whom: participants 0..total-1 in rooms (kerne sessions, relay paths) of
    `size` consecutive indices each; the last room may be smaller."""

    total: int
    size: int

    @classmethod
    def one_room(cls, n: int) -> Layout:
        return cls(n, max(1, n))

    @property
    def rooms(self) -> int:
        return -(-self.total // self.size)

    def room_of(self, index: int) -> int:
        return index // self.size

    def members(self, room: int) -> range:
        return range(room * self.size, min((room + 1) * self.size, self.total))


@dataclass
class Delivery:
    """One measured window: what was sent, what arrived where, and at what cost."""

    kind: str
    scenario: str
    n: int
    rooms: int = 1
    commands: int = 0
    acked: int = 0
    deliveries: int = 0
    expected: int = 0
    p50_ms: float | None = None
    p99_ms: float | None = None
    p99_last_ms: float | None = None
    max_last_ms: float | None = None
    # Commands that had not reached everyone in their room when the window closed: their
    # "last receiver" counts as the window's end, so p99_last is then only a lower bound.
    incomplete: int = 0
    p99_last_lower_bound: bool = False
    ack_p50_ms: float | None = None
    ack_p99_ms: float | None = None
    server_cpu_s: float = 0.0
    load_cpu_s: float = 0.0
    others_cpu_s: float = 0.0  # everything else on the machine during the window
    wall_s: float = 0.0
    active_s: float = 0.0  # from the first scheduled send to the end of the window
    window_s: float = 0.0  # from the first scheduled send to the deadline
    send_late_p99_ms: float | None = None
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    reordered: int = 0
    gaps: int = 0
    rss_kb: int = 0  # the server's RSS right after the window
    # Each command's time to its last receiver (ms): a size's windows are pooled for its
    # p99, so that the figure rests on all of their commands, not on each window's three
    # slowest (the p99 of 200 lies between its third- and second-slowest).
    last_ms: list[float] = field(default_factory=list)

    @property
    def reach(self) -> float | None:
        return self.deliveries / self.expected if self.expected else None

    @property
    def others_share(self) -> float:
        """Other processes' CPU as a share of the whole machine during the window."""
        cores = os.cpu_count() or 1
        return self.others_cpu_s / (self.wall_s * cores) if self.wall_s else 0.0

    @property
    def cpu_us_per_delivery(self) -> float | None:
        return self.server_cpu_s / self.deliveries * 1e6 if self.deliveries else None

    @property
    def server_core_share(self) -> float | None:
        """The server's CPU over the active window, as a share of one core."""
        return self.server_cpu_s / self.active_s if self.active_s > 0 else None

    @property
    def load_cores(self) -> float | None:
        """The load generator's CPU over the active window, in cores."""
        return self.load_cpu_s / self.active_s if self.active_s > 0 else None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["reach"] = self.reach
        data["cpu_us_per_delivery"] = self.cpu_us_per_delivery
        data["others_share"] = self.others_share
        data["server_core_share"] = self.server_core_share
        data["load_cores"] = self.load_cores
        data["rss_mb"] = self.rss_kb / 1024
        return data


def people(start: int, count: int, layout: Layout | None = None) -> list[Person]:
    """Participants `start..count-1`, each in the room the layout gives it (else 0)."""
    return [
        (i, f"Deltager {i}", PROFESSIONS[i % len(PROFESSIONS)], layout.room_of(i) if layout else 0)
        for i in range(start, count)
    ]


def join(
    pool: LoadPool,
    served: Served,
    count: int,
    start: int = 0,
    *,
    layout: Layout | None = None,
    codes: list[str] | None = None,
) -> float:
    """Join clients `start..count-1` (kerne: hello until welcome; the relays: the opening
    handshake); returns the seconds it took. All must get in."""
    began = time.monotonic()
    result = pool.join(
        served.url,
        served.kind,
        people(start, count, layout),
        code=served.code,
        codes=codes,
        urls=served.room_urls(codes) if codes and served.kind == "kerne" else None,
    )
    if result["failed"]:
        raise RuntimeError(f"{result['failed']} clients could not join: {result['failures']}")
    return time.monotonic() - began


def join_stalled(pool: LoadPool, served: Served, index: int) -> None:
    """One more client that joins and then never reads again."""
    person = [(index, "Stalled", PROFESSIONS[0], 0)]
    result = pool.join(served.url, served.kind, person, code=served.code, stall=True)
    if result["failed"]:
        raise RuntimeError(f"the stalled client could not join: {result['failures']}")


def expected_receipts(
    pool: LoadPool, layout: Layout, schedule: list[tuple[float, int, int, str, str]]
) -> list[int]:
    """How many receipts each worker should see: each command reaches its sender's room."""
    per_room: dict[int, list[int]] = {}
    counts = [0] * pool.size
    for _, sender, *_ in schedule:
        room = layout.room_of(sender)
        shares = per_room.get(room)
        if shares is None:
            shares = [0] * pool.size
            for index in layout.members(room):
                shares[pool.worker_of(index)] += 1
            per_room[room] = shares
        for worker, share in enumerate(shares):
            counts[worker] += share
    return counts


def measure(
    pool: LoadPool,
    served: Served,
    scenario: str,
    schedule: list[tuple[float, int, int, str, str]],
    layout: Layout,
    drain: float,
) -> Delivery:
    """Run a schedule and turn the workers' stamps into latencies and reach."""
    counts = expected_receipts(pool, layout, schedule)
    commands = len(schedule)
    first_send = min((item[0] for item in schedule), default=time.monotonic())
    last_send = max((item[0] for item in schedule), default=time.monotonic())
    deadline = last_send + drain
    cpu_before = served.cpu()
    busy_before = machine_busy_seconds()
    mine_before = time.process_time()
    began = time.monotonic()
    replies = pool.run(schedule, counts, deadline)
    ended = time.monotonic()
    server_cpu = served.cpu() - cpu_before
    busy = machine_busy_seconds() - busy_before
    load_cpu = sum(float(r["cpu"]) for r in replies) + time.process_time() - mine_before
    sends: dict[int, float] = {}
    acks: dict[int, tuple[float, int]] = {}
    for reply in replies:
        sends.update(reply["sends"])
        acks.update(reply["acks"])
    if served.kind == "kerne":  # the next run's receipts come after these
        for _, event_key in acks.values():
            pool.saw(*room_and_seq(event_key))
    # kerne's receipts carry the event's (session, seq), which the sender's ack maps to
    # its command; the relays' carry the command's own key.
    key_of = {seq: key for key, (_, seq) in acks.items()}
    relay = served.kind == "relay"
    latencies: list[float] = []
    last: dict[int, float] = {}
    received: dict[int, int] = {}
    for reply in replies:
        for got, stamp in zip(reply["keys"], reply["stamps"], strict=True):
            key = got if relay else key_of.get(got)
            if key is None or key not in sends:
                continue
            latency = stamp - sends[key]
            latencies.append(latency)
            received[key] = received.get(key, 0) + 1
            if latency > last.get(key, -1.0):
                last[key] = latency
    censored: list[float] = []
    for _, sender, key, _, _ in schedule:
        sent = sends.get(key)
        if sent is None:
            continue
        if received.get(key, 0) < len(layout.members(layout.room_of(sender))):
            last[key] = max(last.get(key, 0.0), deadline - sent)
            censored.append(last[key])
    p99_last = percentile(list(last.values()), 99)
    ack_latencies = [acks[k][0] - sends[k] for k in acks if k in sends]
    late = [x for reply in replies for x in reply["lateness"]]
    return Delivery(
        kind=served.kind,
        scenario=scenario,
        n=layout.total,
        rooms=layout.rooms,
        commands=commands,
        acked=len(ack_latencies),
        deliveries=len(latencies),
        expected=sum(counts),
        p50_ms=ms(percentile(latencies, 50)),
        p99_ms=ms(percentile(latencies, 99)),
        p99_last_ms=ms(p99_last),
        max_last_ms=ms(max(last.values(), default=None)),
        incomplete=len(censored),
        p99_last_lower_bound=bool(censored) and p99_last is not None and p99_last >= min(censored),
        ack_p50_ms=ms(percentile(ack_latencies, 50)),
        ack_p99_ms=ms(percentile(ack_latencies, 99)),
        server_cpu_s=server_cpu,
        load_cpu_s=load_cpu,
        others_cpu_s=max(0.0, busy - server_cpu - load_cpu),
        wall_s=ended - began,
        active_s=max(0.0, ended - first_send),
        window_s=deadline - first_send,
        send_late_p99_ms=ms(percentile(late, 99)),
        errors=sum(int(r["errors"]) for r in replies),
        error_samples=[s for r in replies for s in r["error_samples"]][:5],
        reordered=sum(int(r["reordered"]) for r in replies),
        gaps=sum(int(r["gaps"]) for r in replies),
        rss_kb=served.rss(),
        last_ms=[round(value * 1000.0, 3) for value in last.values()],
    )


def fanout_schedule(
    n: int, rate: float, duration: float, lead: float = 1.0, first_key: int = 0
) -> list[tuple[float, int, int, str, str]]:
    """`rate` commands a second for `duration` s, sent in turn by clients 0..n-1."""
    start = time.monotonic() + lead
    count = max(1, round(rate * duration))
    return [(start + k / rate, k % n, first_key + k, "statement", "") for k in range(count)]


def fanout(
    pool: LoadPool,
    served: Served,
    n: int,
    rate: float,
    duration: float,
    drain: float,
    first_key: int = 0,
    scenario: str = "fanout",
    lead: float = 1.0,
) -> Delivery:
    """N joined clients (0..n-1), 20 commands/s: every client receives every event."""
    schedule = fanout_schedule(n, rate, duration, lead=lead, first_key=first_key)
    return measure(pool, served, scenario, schedule, Layout.one_room(n), drain)


# --- the vote burst ---------------------------------------------------------------------


def open_round(served: Served, drafts: int, dots: int, label: str) -> tuple[list[str], int]:
    """As the facilitator: propose drafts and open a (non-blind) round; returns the
    draft ids and the round's seq. The facilitator leaves before the burst, so only
    voters receive it."""
    check_loopback(served.url)
    ids: list[str] = []
    with connect(served.url, max_size=None, open_timeout=30) as ws:
        ws.send(
            json.dumps(
                {
                    "type": "hello",
                    "id": "f",
                    "protocol": 1,
                    "code": served.code,
                    "name": "Facilitator",
                    "profession": "Leder",
                    "role": "facilitator",
                    "votes": False,
                    "facilitator_key": served.key,
                }
            )
        )

        def answer(command_id: str) -> dict[str, Any]:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                message = json.loads(ws.recv(timeout=60))
                if message.get("type") in ("ack", "error") and message.get("id") == command_id:
                    if message["type"] == "error":
                        raise RuntimeError(f"facilitator command refused: {message}")
                    return dict(message)
                if message.get("type") == "welcome" and command_id == "f":
                    return dict(message)
            raise TimeoutError(f"no answer to {command_id}")

        answer("f")
        ws.send(json.dumps({"type": "close_round", "id": f"{label}-c"}))
        while True:  # closing a round that is not open is refused: that is fine here
            message = json.loads(ws.recv(timeout=60))
            if message.get("id") == f"{label}-c":
                break
        for i in range(drafts):
            cid = f"{label}-d{i}"
            ws.send(json.dumps({"type": "propose_draft", "id": cid, "text": f"Udkast {i}"}))
            ids.append(str(answer(cid)["item_id"]))
        cid = f"{label}-r"
        ws.send(json.dumps({"type": "open_round", "id": cid, "dots": dots, "blind": False}))
        opened = int(answer(cid)["seq"])
    return ids, opened


def vote_schedule(
    voters: int,
    dots: int,
    window: float,
    drafts: list[str],
    seed: int,
    lead: float = 1.0,
    first_key: int = 0,
) -> list[tuple[float, int, int, str, str]]:
    """Each voter casts `dots` dots on distinct drafts at random moments in `window` s."""
    rng = random.Random(seed)
    start = time.monotonic() + lead
    schedule = []
    for voter in range(voters):
        for j, draft in enumerate(rng.sample(drafts, dots)):
            key = first_key + voter * dots + j
            schedule.append((start + rng.uniform(0, window), voter, key, "vote", draft))
    schedule.sort()
    return schedule


def vote_burst(
    pool: LoadPool,
    served: Served,
    voters: int,
    dots: int,
    window: float,
    drain: float,
    seed: int,
    first_key: int,
    lead: float = 1.0,
) -> Delivery:
    """`voters` joined clients (0..voters-1) each cast `dots` dots within `window` s."""
    drafts = [f"d{i}" for i in range(dots + 2)]
    if served.kind == "kerne":
        drafts, opened = open_round(served, dots + 2, dots, f"v{first_key}")
        pool.saw(0, opened)  # the facilitator's events are not the burst's receipts
        time.sleep(lead)  # the facilitator's leaving reaches everyone before the burst
    schedule = vote_schedule(voters, dots, window, drafts, seed, lead=lead, first_key=first_key)
    return measure(pool, served, "vote", schedule, Layout.one_room(voters), drain)


# --- joins and idle memory ----------------------------------------------------------------


@dataclass
class Memory:
    """A room joined from empty: how long it took, at what CPU, and what it holds."""

    kind: str
    connections: int
    rss_empty_kb: int
    rss_idle_kb: int
    join_s: float
    join_cpu_s: float

    @property
    def kb_per_connection(self) -> float:
        return (self.rss_idle_kb - self.rss_empty_kb) / self.connections

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kb_per_connection"] = self.kb_per_connection
        return data


def settle(served: Served, quiet: float = 1.0, limit: float = 30.0) -> None:
    """Wait until the server has been idle (no CPU used) for `quiet` seconds."""
    deadline = time.monotonic() + limit
    last = served.cpu()
    calm_since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.25)
        now = served.cpu()
        if now - last > 0.02:
            calm_since = time.monotonic()
        last = now
        if time.monotonic() - calm_since >= quiet:
            return


def join_room(pool: LoadPool, served: Served, n: int) -> Memory:
    """`n` participants join one session on a fresh server, as fast as the load's
    connections allow (`bench.load.JOINS_IN_FLIGHT` at a time per load worker): until
    the last is welcomed (kerne) or has finished its handshake (the relays). Then the
    RSS once the server is idle."""
    settle(served, 0.5, limit=5)
    empty = served.rss()
    cpu = served.cpu()
    seconds = join(pool, served, n)
    join_cpu = served.cpu() - cpu
    settle(served, 1.0)
    return Memory(served.kind, n, empty, served.rss(), seconds, join_cpu)
