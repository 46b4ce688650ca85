"""What the hub owes its connections between two flushes, and the fewest frames that say it.

Everything a connection is told goes through one outbox, in the order the rooms produced
it: events, acks, errors, notices, presence, welcomes, the lens, exports, and the close
that ends a connection. The hub flushes it once per turn of the event loop when it is
quiet, at most every `FLUSH_INTERVAL` under load (the protocol holds no event back longer).

The rule, per connection, whatever the interleaving: its messages leave in the order they
were put; consecutive events become one `{"type":"events"}` frame (a lone event stays the
very `event` frame that was put); any other message ends a run of events and follows it
as a frame of its own; nothing follows a close. So an ack can never overtake an event
queued before it, and it still arrives just before its own event (the room puts the ack
first). That holds by construction, not by timing: no message is ever moved past another
one of the same connection; only neighbouring events are joined.

Encoded once: the events of a flush are kept once, in the order put, in segments that
share one audience (consecutive events to the same clients: in a room, every event until
someone joins or leaves; sessions' events interleave as segments of their own). A
connection's share of them is a tuple of spans of that list (one tuple object for all the
clients of one part of a segment), and its private messages sit at their position (how
many events had been put before them), cutting its spans into runs. A run is encoded once
per distinct tuple of spans, so the whole room, which has the same spans, shares one frame
(one `str`), and a connection whose ack cuts the run gets two halves, each shared with
anyone else who has the same.

The writes leave in the order the messages were put, each frame at the place of its first
message, one write per distinct frame to everyone who gets it there (websockets'
`broadcast` encodes a frame once for all its targets). A connection's frames start at
rising places, so they leave in its order; and across connections, a message put after
another is never written before it unless it rides in a batch that began earlier. So the
room's `participant_joined` is handed to the kernel before the newcomer's welcome, as when
every message was written at once. (Writing every connection's first frame, then every
second one, as this once did, wrote a later newcomer's welcome before an earlier newcomer
was told of that join; the benchmarks' joins then ended with join events still on their
way.)

Why one outbox for the hub and not one per room: a connection is told things before it
has a room (a lookup's answer, a refused hello, `rate_limited`) and after; one outbox keeps
those in order without asking which room a client is in. The work of a flush is the
deliveries it makes, a loop over each segment's audience and each connection's frames;
putting a room's event costs one comparison of its audience with the last one.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from server.room import Client, Close, Send, events_frame

# The longest an event waits in the outbox under load: what PROTOCOL.md allows.
FLUSH_INTERVAL = 0.02

Span = tuple[int, int]  # events[start:end] of one flush
_FrameOf = Callable[[tuple[Span, ...]], str]  # a run of spans as its (shared) frame
_Private = tuple[int, int, str]  # (events put before it, its place, the frame)


def flush_delay(now: float, last_flush: float, interval: float = FLUSH_INTERVAL) -> float:
    """How long the first message after a flush waits: not at all (the next turn of the
    loop) unless the last flush was less than `interval` ago; then until it was."""
    return max(0.0, last_flush + interval - now)


@dataclass
class _Segment:
    """Consecutive events of a flush that go to the same clients, or to more and more of
    them: a room's audience grows at the end as people join. `growth` says from which
    event on each part of the audience is in: audience[lo:] from event `first`."""

    audience: tuple[Client, ...]
    end: int
    growth: list[tuple[int, int]]  # (lo, first), lo rising


@dataclass(frozen=True)
class Flush:
    """A flush's writes in order (each to all its clients at once), then its closes.
    `several`: the clients that get more than one frame in it (a newcomer's welcome,
    presence and the joins after its own; an ack between events), whose frames the hub
    may hand to the kernel in one write; everyone else gets exactly one frame."""

    sends: list[Send]
    closes: list[Close]
    several: frozenset[Client] = frozenset()


class Outbox:
    """The messages put since the last `take`, per connection in order (pure: no I/O)."""

    def __init__(self) -> None:
        self._puts = 0  # messages put since the last take: each one's place
        self._events: list[str] = []
        self._places: list[int] = []  # each event's place
        self._segments: list[_Segment] = []
        self._private: dict[Client, list[_Private]] = {}
        self._closes: dict[Client, tuple[int, Close]] = {}  # (events before it, the close)

    @property
    def pending(self) -> bool:
        return bool(self._events or self._private or self._closes)

    def put(self, send: Send) -> None:
        """Owe `send.frame` to each of `send.to`, after everything put before it."""
        place = self._puts
        self._puts += 1
        if send.event:
            index = len(self._events)
            self._events.append(send.frame)
            self._places.append(place)
            last = self._segments[-1] if self._segments else None
            to = send.to
            if last is not None and (last.audience is to or last.audience == to):
                last.end = index + 1
            elif last is not None and _extends(to, last.audience):
                last.growth.append((len(last.audience), index))
                last.audience, last.end = to, index + 1
            else:
                self._segments.append(_Segment(to, index + 1, [(0, index)]))
            return
        at = len(self._events)
        for client in send.to:
            if client not in self._closes:
                self._private.setdefault(client, []).append((at, place, send.frame))

    def put_all(self, sends: Iterable[Send]) -> None:
        for send in sends:
            self.put(send)

    def close(self, close: Close) -> None:
        """End a connection after what it is owed so far; nothing put later reaches it."""
        if close.client not in self._closes:
            self._closes[close.client] = (len(self._events), close)

    def take(self) -> Flush:
        """Everything owed, as few frames as the rule allows, and empty the outbox."""
        events, places, segments, private, closes = (
            self._events,
            self._places,
            self._segments,
            self._private,
            self._closes,
        )
        self._puts = 0
        self._events, self._places, self._segments, self._private, self._closes = (
            [],
            [],
            [],
            {},
            {},
        )
        shares = _shares(segments)
        runs: dict[tuple[Span, ...], str] = {}

        def frame_of(run: tuple[Span, ...]) -> str:
            frame = runs.get(run)
            if frame is None:
                if len(run) == 1 and run[0][1] - run[0][0] == 1:
                    frame = events[run[0][0]]  # a lone event: the frame that was put
                else:
                    frame = events_frame([event for s, e in run for event in events[s:e]])
                runs[run] = frame
            return frame

        # Each write by the place of its first message: (place, the frame's id) -> write.
        writes: dict[tuple[int, int], tuple[str, list[Client]]] = {}
        # The common case, most of a room: its events and nothing else, in spans that
        # `_shares` gave many clients, one after another, as one tuple; each run of them
        # is looked up once.
        special = private.keys() | closes.keys()
        for spans, run in itertools.groupby(shares.items(), key=operator.itemgetter(1)):
            clients = [client for client, _ in run]
            if not special.isdisjoint(clients):
                clients = [client for client in clients if client not in special]
                if not clients:
                    continue
            frame = frame_of(spans)
            slot = writes.setdefault((places[spans[0][0]], id(frame)), (frame, []))
            slot[1].extend(clients)
        several: list[Client] = []
        for client in dict.fromkeys([*private, *closes]):
            spans = shares.get(client, ())
            if client in closes:
                spans = _before(spans, closes[client][0])
            frames = _frames(list(spans), private.get(client, []), frame_of, places)
            if len(frames) > 1:
                several.append(client)
            for place, frame in frames:
                write = writes.get((place, id(frame)))
                if write is None:
                    writes[(place, id(frame))] = (frame, [client])
                else:
                    write[1].append(client)
        order = sorted(writes, key=lambda key: key[0])  # stable: ties as they came
        sends = [Send(tuple(writes[key][1]), writes[key][0]) for key in order]
        return Flush(sends, [close for _, close in closes.values()], frozenset(several))


def _extends(audience: tuple[Client, ...], before: tuple[Client, ...]) -> bool:
    """Whether `audience` is `before` with more clients after it (people joined)."""
    return len(audience) > len(before) and audience[: len(before)] == before


def _shares(segments: list[_Segment]) -> dict[Client, tuple[Span, ...]]:
    """Each client's events of a flush as spans, neighbouring segments joined. The
    clients of one part of one segment (most of a room) share one tuple."""
    shares: dict[Client, tuple[Span, ...]] = {}
    for segment in segments:
        end = segment.end
        bounds = [*segment.growth, (len(segment.audience), end)]
        for (lo, first), (hi, _) in itertools.pairwise(bounds):
            alone = ((first, end),)
            part = segment.audience[lo:hi]
            if shares.keys().isdisjoint(part):
                # Most parts (a session's room, the first time in this flush): everyone
                # gets `alone`, set in one call instead of one lookup per client.
                shares.update(dict.fromkeys(part, alone))
                continue
            for client in part:
                spans = shares.get(client)
                if spans is None:
                    shares[client] = alone
                elif spans[-1][1] == first:
                    shares[client] = (*spans[:-1], (spans[-1][0], end))
                elif spans[-1][1] < first:
                    shares[client] = (*spans, (first, end))
                # else: named twice in one audience; it gets the events once
    return shares


def _before(spans: tuple[Span, ...], limit: int) -> tuple[Span, ...]:
    """The spans cut off at event `limit`: what a client is owed before its close."""
    return tuple((start, min(end, limit)) for start, end in spans if start < limit)


def _frames(
    spans: list[Span], private: list[_Private], frame_of: _FrameOf, places: list[int]
) -> list[tuple[int, str]]:
    """One connection's frames in order, each with the place of its first message: its
    private messages at their places, and the events between two of them (or before the
    first, after the last) as one run."""
    frames: list[tuple[int, str]] = []
    run: list[Span] = []
    rest = list(spans)
    i = 0
    for at, place, message in private:
        while i < len(rest) and rest[i][0] < at:
            start, end = rest[i]
            if end <= at:
                run.append((start, end))
                i += 1
            else:
                run.append((start, at))
                rest[i] = (at, end)
        if run:
            frames.append((places[run[0][0]], frame_of(tuple(run))))
            run = []
        frames.append((place, message))
    run += rest[i:]
    if run:
        frames.append((places[run[0][0]], frame_of(tuple(run))))
    return frames
