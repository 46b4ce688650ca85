"""What a run measures and how much: the servers compared, the sizes, the targets.

`FULL` is the run whose figures go into docs/benchmarks.md; `QUICK` the same pieces
scaled down, for a look in a few minutes (and the smoke test's sizes are smaller still).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from bench import capacity as cap
from bench.relay import BATCH_INTERVAL

KERNE, RELAY, BATCHING = "kerne", "relay", "batching relay"
SERVERS = (KERNE, RELAY, BATCHING)
NETWORK_PARTS = frozenset({"fanout", "stall", "vote", "memory"})
CAPACITY_PARTS = frozenset({"scenarios", "ramp"})


@dataclass(frozen=True)
class Config:
    quick: bool
    runs: int  # repetitions of the joins, the store and the export (medians are taken)
    small_ns: tuple[int, ...]  # fan-out sizes with a fresh server per run
    big_n: int  # the large room: fan-out windows, idle memory, the vote burst, the joins
    big_windows: int = 5  # fan-out windows in the large room
    # Fan-out windows at each small size, a fresh server each, the servers in turn. At
    # N = 10 a relay's p99 is 3-5 ms, so a busy moment of the shared machine that holds a
    # few commands decides a window: five windows (1,000 commands, pooled) outweigh it.
    small_runs: int = 5
    rate: float = 20.0  # commands per second in the fan-out
    duration: float = 10.0  # seconds of commands per fan-out window
    drain: float = 30.0  # how long to wait for the last deliveries after the last send
    stall_n: int = 100
    voters: int = 1000
    dots: int = 2
    vote_window: float = 10.0
    vote_drain: float = 40.0  # reach counts what arrived within window + drain
    capacity: tuple[cap.Scenario, ...] = (
        cap.Scenario(100, 30, rate=1.0, duration=10.0),
        # A command every 10 s per participant: 30 a second per session, so the big rooms
        # move the same 90,000 deliveries a second as the 100 small ones (at 1/s each they
        # would be 900,000, past what two cores can even receive).
        cap.Scenario(10, 300, rate=0.1, duration=10.0),
    )
    capacity_drain: float = 20.0
    # The ramp: participants in sessions of `ramp_size`, one command/s each; it stops at
    # the first step that does not hold, at the open-files cap, or past the budget.
    ramp_steps: tuple[int, ...] = (500, 1000, 1500, 2000, 3000, 4000, 6000, 8000, 12000, 16000)
    ramp_size: int = 30
    ramp_duration: float = 5.0
    ramp_drain: float = 5.0
    ramp_budget: float = 480.0  # seconds per server; no step starts after it
    batch_interval: float = BATCH_INTERVAL
    store_events: int = 5000
    export_events: int = 10_000
    client_runs: int = 5
    drafts: int = 500
    drafts_repeat: int = 10
    workers: int = 2
    # kerne's processes in the capacity runs (`serve --shards N`): one per core measures a
    # machine, 1 (the default) one process. The other benchmarks use one room: 1 always.
    shards: int = 1

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Config:
        """Back from results.json (tuples came back as lists, scenarios as dicts)."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        for name in ("small_ns", "ramp_steps"):
            if name in values:
                values[name] = tuple(values[name])
        if "capacity" in values:
            values["capacity"] = tuple(cap.Scenario(**s) for s in values["capacity"])
        return cls(**values)


FULL = Config(quick=False, runs=3, small_ns=(10, 100), big_n=1000)
QUICK = Config(
    quick=True,
    runs=1,
    small_runs=1,
    small_ns=(10, 100),
    big_n=250,
    big_windows=1,
    duration=4.0,
    drain=10.0,
    voters=250,
    vote_drain=20.0,
    capacity=(
        cap.Scenario(10, 30, rate=1.0, duration=3.0),
        cap.Scenario(2, 100, rate=1.0, duration=3.0),
    ),
    capacity_drain=10.0,
    ramp_steps=(150, 300, 600),
    ramp_duration=2.0,
    ramp_drain=3.0,
    ramp_budget=60.0,
    store_events=2000,
    client_runs=2,
    drafts_repeat=4,
)
FANOUT_TARGETS = {10: 10.0, 100: 25.0, 1000: 150.0}
FANOUT_MAX_RATIO = 1.5  # p99 → last client, against the relay
VOTE_TARGET_MS = 500.0
VOTE_MAX_RATIO, VOTE_GOAL_RATIO = 3.0, 1.5  # against the batching relay
JOIN_TARGET_S = 2.0  # 1000 joins
REDRAW_TARGET_MS = 16.0  # one frame at 60 Hz
