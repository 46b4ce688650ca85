"""Capacity: many sessions on one server at once, and the largest load it holds.

A scenario is `sessions` rooms of `size` participants, each participant sending one
command every 1/`rate` seconds at its own random phase for `duration` seconds; every
command reaches everyone in its room. The ramp raises the number of participants (in
sessions of 30) step by step on one server until p99 command -> last receiver passes
the limit (100 ms) or something does not arrive, and reports the largest step that held.
Both are bounded: a fixed list of steps, a cap set by the open-files limit, and a budget
of seconds after which no further step starts.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from bench.network import Delivery, Layout

HOLD_MS = 100.0  # the p99 a server must keep to "hold" a load


@dataclass(frozen=True)
class Scenario:
    sessions: int
    size: int
    rate: float = 1.0  # commands per second per participant
    duration: float = 10.0  # seconds of commands

    @property
    def participants(self) -> int:
        return self.sessions * self.size

    @property
    def commands_per_s(self) -> float:
        return self.participants * self.rate

    @property
    def deliveries_per_s(self) -> float:
        return self.commands_per_s * self.size

    @property
    def layout(self) -> Layout:
        return Layout(self.participants, self.size)

    @property
    def name(self) -> str:
        return f"{self.sessions} sessions x {self.size}"

    @property
    def label(self) -> str:
        return (
            f"capacity, {self.sessions} sessions x {self.size}, {self.rate:g} command/s each "
            f"({self.commands_per_s:,.0f} commands/s, {self.deliveries_per_s:,.0f} deliveries/s)"
        )


def schedule(
    layout: Layout,
    rate: float,
    duration: float,
    seed: int,
    first_key: int,
    lead: float = 1.0,
) -> list[tuple[float, int, int, str, str]]:
    """Every participant sends `rate` commands a second for `duration` s, each starting
    at its own random moment within the first period, so the load is even over time."""
    rng = random.Random(seed)
    start = time.monotonic() + lead
    period = 1.0 / rate
    count = max(1, round(duration * rate))
    items: list[tuple[float, int, int, str, str]] = []
    for index in range(layout.total):
        phase = rng.uniform(0.0, period)
        for k in range(count):
            key = first_key + index * count + k
            items.append((start + phase + k * period, index, key, "statement", ""))
    items.sort()
    return items


def held(result: Delivery, limit_ms: float = HOLD_MS) -> bool:
    """A load is held when everything arrived and p99 to the last receiver is within
    the limit (a lower bound from the window's end never is)."""
    return (
        result.reach == 1.0
        and result.p99_last_ms is not None
        and not result.p99_last_lower_bound
        and result.p99_last_ms <= limit_ms
    )


def steps_within(steps: tuple[int, ...], cap: int) -> list[int]:
    """The ramp's steps that fit under the cap, in increasing order."""
    return sorted(step for step in set(steps) if 0 < step <= cap)


def largest_held(results: list[tuple[int, bool]]) -> int | None:
    """The ramp's answer: the largest step that held with every smaller step held too."""
    largest = None
    for step, ok in sorted(results):
        if not ok:
            break
        largest = step
    return largest
