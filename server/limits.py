"""Rate limits as plain objects; the caller passes the time, so tests need no clock."""

from __future__ import annotations

import functools
import ipaddress
from collections import deque
from dataclasses import dataclass, field

COMMANDS_PER_SECOND = 30.0
COMMAND_BURST = 60.0
FLOOD_STRIKES = 60  # refused commands in a row before the connection is closed
JOIN_FAILURES = 10  # failed joins per address in a minute before hellos are slowed
JOIN_WINDOW = 60.0
# Failed joins from all addresses together in a minute before every address that has
# failed at all is slowed too: guessing from many addresses gets no further than from one.
GLOBAL_JOIN_FAILURES = 300
CONNECTIONS_PER_ADDRESS = 2000  # a whole room, even a kick-off day, behind one NAT
# Connections the kernel holds for the server before it has accepted them: a room of 1000
# presses join within seconds. At asyncio's default (100) the kernel dropped the rest
# whenever the server was busy for a moment (a flush of 20 ms), and those phones tried
# again only a second later. Linux caps it at net.core.somaxconn (4096 by default).
# asyncio also accepts up to this many in one wake-up; each accept is a few microseconds.
LISTEN_BACKLOG = 1024
# New participants from one address: people join by typing their name, so a whole room
# behind one NAT (60 at once, then one every two seconds) is in within a few minutes,
# while one person with a script adds no more than a room would (2,000 in 24 s were).
JOINS_PER_MINUTE = 30.0
JOIN_BURST = 60.0


@dataclass
class TokenBucket:
    """30 commands a second on average, bursts of 60: an honest client never hits it."""

    rate: float = COMMANDS_PER_SECOND
    capacity: float = COMMAND_BURST
    tokens: float = COMMAND_BURST
    stamp: float | None = None
    strikes: int = 0

    def take(self, now: float) -> float | None:
        """None if the command may go ahead, else seconds until one token is back."""
        if self.stamp is not None:
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            self.strikes = 0
            return None
        self.strikes += 1
        return (1.0 - self.tokens) / self.rate

    @property
    def flooding(self) -> bool:
        return self.strikes > FLOOD_STRIKES


def retry_after(wait: float) -> float:
    """A wait as the wire says it: to the millisecond, and never 0, which would tell a
    client that is just under a token to try again at once."""
    return max(round(wait, 3), 0.001)


@dataclass
class _Address:
    failures: list[float] = field(default_factory=list)
    slowed: bool = False
    last_served: float | None = None


@dataclass
class JoinGuard:
    """Failed joins per address: after 10 in a minute, one hello a second until a quiet
    minute. A room behind one NAT is slowed, never locked out; a guesser of 40-bit codes
    gets about 86,400 tries a day, which finds nothing."""

    addresses: dict[str, _Address] = field(default_factory=dict)
    recent: deque[float] = field(default_factory=deque)  # every failure, all addresses

    def under_attack(self, now: float) -> bool:
        while self.recent and now - self.recent[0] >= JOIN_WINDOW:
            self.recent.popleft()
        return len(self.recent) >= GLOBAL_JOIN_FAILURES

    def admit(self, address: str, now: float) -> float | None:
        """None if a hello from `address` may be served now, else the `retry_after`.
        An address that never failed is never slowed, whatever else is going on."""
        entry = self.addresses.get(address)
        if entry is None:
            return None
        if entry.slowed and entry.failures and now - entry.failures[-1] >= JOIN_WINDOW:
            del self.addresses[address]
            return None
        failing = bool(entry.failures) and now - entry.failures[-1] < JOIN_WINDOW
        if not entry.slowed and not (failing and self.under_attack(now)):
            return None
        if entry.last_served is not None and now - entry.last_served < 1.0:
            return 1.0 - (now - entry.last_served)
        entry.last_served = now
        return None

    def failed(self, address: str, now: float) -> None:
        self.recent.append(now)
        self.under_attack(now)  # prunes `recent` to the last minute
        if len(self.addresses) > 4096:
            self.forget_quiet(now)  # so a sweep of many addresses cannot grow the table
        entry = self.addresses.setdefault(address, _Address())
        entry.failures = [t for t in entry.failures if now - t < JOIN_WINDOW] + [now]
        if len(entry.failures) >= JOIN_FAILURES:
            entry.slowed = True

    def forget_quiet(self, now: float) -> None:
        """Drop addresses with no failure for a minute, so the table cannot grow forever."""
        for address, entry in list(self.addresses.items()):
            if not entry.failures or now - entry.failures[-1] >= JOIN_WINDOW:
                del self.addresses[address]


@functools.lru_cache(maxsize=1024)
def is_loopback(address: str) -> bool:
    """This machine: the facilitator's own terminal, tests and benchmarks."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


@dataclass
class _Joins:
    tokens: float
    stamp: float


@dataclass
class JoinRate:
    """Successful joins (new participants) per address: `per_minute` on average, `burst`
    at once. Checked before a join (`admit`) and counted once it happened (`joined`), so
    a refused hello costs nothing. Loopback is exempt unless `loopback` is set; a rate of
    0 or less switches the limit off."""

    per_minute: float = JOINS_PER_MINUTE
    burst: float = JOIN_BURST
    loopback: bool = False
    addresses: dict[str, _Joins] = field(default_factory=dict)

    def _limited(self, address: str) -> bool:
        return self.per_minute > 0 and (self.loopback or not is_loopback(address))

    def _tokens(self, address: str, now: float) -> float:
        entry = self.addresses.get(address)
        if entry is None:
            return self.burst
        return min(self.burst, entry.tokens + (now - entry.stamp) * self.per_minute / 60.0)

    def admit(self, address: str, now: float) -> float | None:
        """None if a new participant from `address` may join now, else the seconds until
        one may."""
        if not self._limited(address):
            return None
        tokens = self._tokens(address, now)
        if tokens >= 1.0:
            return None
        return (1.0 - tokens) * 60.0 / self.per_minute

    def joined(self, address: str, now: float) -> None:
        """A new participant from `address` was seated."""
        if not self._limited(address):
            return
        if len(self.addresses) > 4096:
            self.forget_full(now)  # so a sweep of many addresses cannot grow the table
        self.addresses[address] = _Joins(self._tokens(address, now) - 1.0, now)

    def forget_full(self, now: float) -> None:
        """Drop addresses whose allowance is whole again: they are as good as unknown."""
        for address in list(self.addresses):
            if self._tokens(address, now) >= self.burst:
                del self.addresses[address]
