"""A session's snapshot as a `welcome` carries it, encoded once and carried over joins.

A room of a thousand joining asks for a thousand snapshots, each with everyone who joined
before: built and encoded afresh, that is half a million participant views. Here the
snapshot that no one in particular sees (`views.snapshot(state, None)`) is kept encoded,
field by field, and each participant's view once, in joining order. A join then costs one
participant view: the snapshot after a `participant_joined` is the one before it with
that participant appended and nothing else changed, which is the protocol's own fold rule
(docs/protocol.md section 9, held against the server by the fuzz test). After any other
event, or a rebuilt state, everything is encoded afresh on the next use. The whole shared
snapshot is assembled once per state version: welcomes at one seq (a room resuming after
a restart, visitors of a closed session) share the very bytes.

A viewer's own snapshot differs from that one only in its own facts (its dots in the open
round, its tags, the authorship of its drafts and statements in an anonymous session), so
a viewer with none of them (`mine` empty: every newcomer) gets the shared bytes, and any
other viewer gets `views.snapshot(state, viewer)` encoded as before. Either way the bytes
are exactly those of `protocol.encode(views.snapshot(state, viewer))`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import msgspec

from server import protocol as p
from server import views
from server.model import State

_encode = msgspec.json.Encoder().encode


@dataclass
class _Encoded:
    state: State  # held, so that its identity cannot pass to another state
    seq: int
    parts: p.Snapshot  # every field a msgspec.Raw; `participants` is left out (empty)
    people: list[bytes]  # each participant's view, in the order of `state.participants`
    whole: msgspec.Raw | None = None  # the shared snapshot at `seq`, once assembled


def _raw(value: object) -> msgspec.Raw:
    return msgspec.Raw(_encode(value))


class Snapshots:
    """One room's encoded snapshot (pure: the room tells it what it applied)."""

    def __init__(self) -> None:
        self._encoded: _Encoded | None = None

    def encoded(self, state: State, viewer: str | None, mine: p.Mine | None) -> msgspec.Raw:
        """`views.snapshot(state, viewer)` encoded, byte for byte; `mine` is the viewer's
        `views.mine(state, viewer)` (None for a viewer who is no participant)."""
        if viewer is not None and (mine is None or mine.my_items or mine.my_tags or mine.my_votes):
            return _raw(views.snapshot(state, viewer))
        encoded = self._current(state)
        if encoded.whole is None:
            people = msgspec.Raw(b"[" + b",".join(encoded.people) + b"]")
            encoded.whole = _raw(msgspec.structs.replace(encoded.parts, participants=people))
        return encoded.whole

    def joined(self, state: State, pid: str) -> None:
        """`state` has just applied `pid`'s `participant_joined`: carry the encoding over
        (if it was current just before), at the cost of that one participant's view."""
        encoded = self._encoded
        if (
            encoded is not None
            and encoded.state is state
            and encoded.seq == state.seq - 1
            and len(state.participants) == len(encoded.people) + 1
            and next(reversed(state.participants)) == pid
        ):
            encoded.people.append(_encode(views.participant_view(state.participants[pid])))
            encoded.seq = state.seq
            encoded.whole = None

    def _current(self, state: State) -> _Encoded:
        encoded = self._encoded
        if encoded is None or encoded.state is not state or encoded.seq != state.seq:
            snapshot = views.snapshot(state, None)
            people = [_encode(who) for who in snapshot.participants]
            snapshot.participants = []
            # A field at its default stays as it is, so that `omit_defaults` leaves it out
            # exactly as it does for `views.snapshot` (additions are sent only when set).
            fields = {
                name: _raw(getattr(snapshot, name))
                for name in snapshot.__struct_fields__
                if not _at_default(snapshot, name)
            }
            parts = msgspec.structs.replace(snapshot, **fields)
            encoded = _Encoded(state, state.seq, parts, people)
            self._encoded = encoded
        return encoded


def _at_default(snapshot: p.Snapshot, name: str) -> bool:
    """Whether a snapshot's field holds its declared default (and so is not encoded)."""
    info = _fields()[name]
    value = getattr(snapshot, name)
    if info.default is not msgspec.NODEFAULT:
        return bool(value == info.default)
    if info.default_factory is not msgspec.NODEFAULT:
        return bool(value == info.default_factory())
    return False


@functools.cache
def _fields() -> dict[str, msgspec.structs.FieldInfo]:
    """The snapshot's fields by name, looked up once: `msgspec.structs.fields` evaluates
    the type annotations on every call, which cost every welcome after an event more
    than encoding the snapshot did."""
    return {info.name: info for info in msgspec.structs.fields(p.Snapshot)}
