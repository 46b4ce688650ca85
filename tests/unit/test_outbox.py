"""The outbox without sockets: what each connection is owed leaves in its order, in as few
frames as the rule allows, and a run the whole room gets is one frame.

Plejecenter Egebakken: clients 1 to 4 are Mette (facilitating), Lone, Kim and Sofie; the
frames are the room's own kinds (events, acks, presence, a notice, the lens).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from server.outbox import FLUSH_INTERVAL, Flush, Outbox, flush_delay
from server.room import Close, Send

Message = dict[str, Any]
ROOM = (1, 2, 3, 4)


def event(seq: int, text: str = "Beboeren vælger selv sit sengetidspunkt") -> str:
    data = {"statement": {"id": f"s{seq}", "text": text}}
    return json.dumps({"type": "event", "seq": seq, "kind": "statement_added", "data": data})


def ack(cid: str, seq: int) -> str:
    return json.dumps({"type": "ack", "id": cid, "seq": seq, "item_id": f"s{seq}"})


def presence(*online: str) -> str:
    return json.dumps({"type": "presence", "online": list(online)})


def heard(flush: Flush, client: int) -> list[Message]:
    """What `client` reads from a flush's writes, in order, batches unpacked."""
    messages: list[Message] = []
    for send in flush.sends:
        if client in send.to:
            message = json.loads(send.frame)
            messages += message["events"] if message["type"] == "events" else [message]
    return messages


def frames_to(flush: Flush, client: int) -> list[Message]:
    return [json.loads(send.frame) for send in flush.sends if client in send.to]


def test_a_burst_for_the_whole_room_is_one_frame_encoded_once() -> None:
    """Three events to everyone: one `events` frame, written once to all four."""
    outbox = Outbox()
    for seq in (7, 8, 9):
        outbox.put(Send(ROOM, event(seq), event=True))
    flush = outbox.take()
    assert len(flush.sends) == 1 and flush.sends[0].to == ROOM
    batch = json.loads(flush.sends[0].frame)
    assert batch["type"] == "events" and [e["seq"] for e in batch["events"]] == [7, 8, 9]
    assert not outbox.pending


def test_a_lone_event_stays_the_frame_that_was_broadcast() -> None:
    """A single event leaves as the very `event` frame, not a batch of one."""
    outbox = Outbox()
    frame = event(12)
    outbox.put(Send(ROOM, frame, event=True))
    assert outbox.take().sends == [Send(ROOM, frame)]


def test_an_ack_goes_after_the_events_before_it_and_before_its_own() -> None:
    """Lone's ack cuts her batch where it was put; the others get one frame."""
    outbox = Outbox()
    outbox.put(Send(ROOM, event(7), event=True))
    outbox.put(Send(ROOM, event(8), event=True))
    outbox.put(Send((2,), ack("lone-3", 9)))
    outbox.put(Send(ROOM, event(9), event=True))
    flush = outbox.take()
    lone = frames_to(flush, 2)
    assert [m["type"] for m in lone] == ["events", "ack", "event"]
    assert [e["seq"] for e in lone[0]["events"]] == [7, 8] and lone[2]["seq"] == 9
    for other in (1, 3, 4):
        assert [[e["seq"] for e in m["events"]] for m in frames_to(flush, other)] == [[7, 8, 9]]
    # One frame for the three others, one for each of Lone's three: four writes in all.
    assert len(flush.sends) == 4


def test_a_newcomer_gets_only_the_events_after_its_welcome() -> None:
    """Sofie joins mid-flush: her welcome, then only what the room heard after it."""
    outbox = Outbox()
    outbox.put(Send((1, 2, 3), event(4), event=True))  # Sofie's own participant_joined
    outbox.put(Send((4,), json.dumps({"type": "welcome", "seq": 4})))
    outbox.put(Send((4,), presence("p1", "p2", "p3", "p4")))
    outbox.put(Send(ROOM, event(5), event=True))
    outbox.put(Send(ROOM, event(6), event=True))
    flush = outbox.take()
    assert [m.get("seq") for m in heard(flush, 4)] == [4, None, 5, 6]
    assert [m["seq"] for m in heard(flush, 1)] == [4, 5, 6]
    assert len(frames_to(flush, 1)) == 1


def test_a_welcome_is_written_after_the_room_heard_of_the_join() -> None:
    """Kim and then Sofie join within one flush: Kim is told of Sofie's join before
    Sofie's welcome is written, as they were put (a client that learns of a join finds
    the others told)."""
    outbox = Outbox()
    outbox.put(Send((1, 2), event(3), event=True))  # Kim joined
    outbox.put(Send((3,), json.dumps({"type": "welcome", "seq": 3})))
    outbox.put(Send((3,), presence("p1", "p2", "p3")))
    outbox.put(Send((1, 2, 3), event(4), event=True))  # Sofie joined
    outbox.put(Send((4,), json.dumps({"type": "welcome", "seq": 4})))
    outbox.put(Send((4,), presence("p1", "p2", "p3", "p4")))
    sends = outbox.take().sends
    told_kim = next(i for i, s in enumerate(sends) if 3 in s.to and '"seq": 4' in s.frame)
    welcomed_sofie = next(i for i, s in enumerate(sends) if 4 in s.to)
    assert told_kim < welcomed_sofie
    assert [m.get("seq") for m in heard(Flush(sends, []), 3)] == [3, None, 4]


def test_a_flush_names_who_gets_more_than_one_frame() -> None:
    """Sofie joins while Kim's ack cuts his run: the two of them get several frames (the
    hub writes each one's in one go), the others the one batch the room shares."""
    outbox = Outbox()
    outbox.put(Send((1, 2, 3), event(4), event=True))  # Sofie's own participant_joined
    outbox.put(Send((4,), json.dumps({"type": "welcome", "seq": 4})))
    outbox.put(Send((4,), presence("p1", "p2", "p3", "p4")))
    outbox.put(Send((3,), ack("kim-1", 5)))
    outbox.put(Send(ROOM, event(5), event=True))
    flush = outbox.take()
    assert flush.several == {3, 4}
    assert all(len(frames_to(flush, client)) == 1 for client in (1, 2))
    assert all(len(frames_to(flush, client)) > 1 for client in flush.several)


def test_a_flush_of_one_shared_batch_names_nobody() -> None:
    """A burst the whole room hears is one frame each: nobody gets several."""
    outbox = Outbox()
    outbox.put(Send(ROOM, event(2), event=True))
    outbox.put(Send(ROOM, event(3), event=True))
    assert outbox.take().several == frozenset()


def test_nothing_reaches_a_connection_after_its_close() -> None:
    """A replaced connection hears what it was owed, then its close, nothing after."""
    outbox = Outbox()
    outbox.put(Send((2,), event(3), event=True))
    outbox.close(Close(2, 4000, "replaced by a newer connection"))
    outbox.put(Send((2, 3), event(4), event=True))
    outbox.put(Send((2,), ack("lone-1", 4)))
    flush = outbox.take()
    assert [m["seq"] for m in heard(flush, 2)] == [3]
    assert [m["seq"] for m in heard(flush, 3)] == [4]
    assert flush.closes == [Close(2, 4000, "replaced by a newer connection")]


def test_shared_presence_is_written_once_to_everyone() -> None:
    """A message that is not an event but goes to all is one write, after the events."""
    outbox = Outbox()
    outbox.put(Send(ROOM, event(2), event=True))
    outbox.put(Send(ROOM, event(3), event=True))
    outbox.put(Send(ROOM, presence("p1", "p2")))
    flush = outbox.take()
    assert [send.to for send in flush.sends] == [ROOM, ROOM]
    assert json.loads(flush.sends[1].frame)["type"] == "presence"


def test_flushes_wait_only_under_load() -> None:
    """After a quiet spell the next flush is immediate; right after one, it waits."""
    assert flush_delay(now=100.0, last_flush=99.0) == 0.0
    assert flush_delay(now=100.0, last_flush=100.0) == pytest.approx(FLUSH_INTERVAL)
    assert flush_delay(now=100.015, last_flush=100.0) == pytest.approx(FLUSH_INTERVAL - 0.015)


# --- any interleaving ------------------------------------------------------------------

CLIENTS = st.integers(1, 5)


def put_steps() -> st.SearchStrategy[list[tuple[str, tuple[int, ...]]]]:
    """What a flush receives: events and private messages to some of five clients, events
    to the last event's audience and one more (someone joined), closes, and the end of a
    flush ("take"), in any order."""
    audience = st.lists(CLIENTS, min_size=0, max_size=5, unique=True).map(tuple)
    step = st.one_of(
        st.tuples(st.just("event"), audience),
        st.tuples(st.just("event"), st.just((1, 2, 3, 4, 5))),
        st.tuples(st.just("join"), CLIENTS.map(lambda c: (c,))),
        st.tuples(st.just("ack"), CLIENTS.map(lambda c: (c,))),
        st.tuples(st.just("presence"), audience),
        st.tuples(st.just("close"), CLIENTS.map(lambda c: (c,))),
        st.tuples(st.just("take"), st.just(())),
    )
    return st.lists(step, max_size=60)


def runs_and_messages(kinds: list[str]) -> int:
    """How many frames a flush owes one client at least: each message that is not an
    event is one, and so is each run of consecutive events."""
    runs = sum(1 for i, k in enumerate(kinds) if k == "event" and kinds[i - 1 : i] != ["event"])
    return runs + sum(1 for k in kinds if k != "event")


def put_number(message: Message) -> int:
    """The step that put a frame's first message (each kind carries it)."""
    if message["type"] == "events":
        message = message["events"][0]
    if message["type"] == "event":
        return int(message["seq"])
    if message["type"] == "ack":
        return int(message["id"].removeprefix("c-"))
    return int(message["online"][0].removeprefix("p"))


@settings(max_examples=300, deadline=None)
@given(put_steps())
def test_every_connection_hears_exactly_what_it_was_owed_in_order(
    steps: list[tuple[str, tuple[int, ...]]],
) -> None:
    """For any interleaving: each client's messages arrive exactly in the order put (so
    an ack never precedes an event queued before it), nothing after its close in that
    flush, each run of consecutive events as one frame, equal frames encoded once, and
    the writes in the order their first messages were put."""
    outbox = Outbox()
    owed: dict[int, list[Message]] = {c: [] for c in range(1, 6)}
    received: dict[int, list[Message]] = {c: [] for c in range(1, 6)}
    kinds: dict[int, list[str]] = {c: [] for c in range(1, 6)}  # what this flush owes
    closed: set[int] = set()  # in this flush
    audience: tuple[int, ...] = ()  # of the last event

    def take() -> None:
        flush = outbox.take()
        for client in range(1, 6):
            received[client] += heard(flush, client)
            assert len(frames_to(flush, client)) == runs_and_messages(kinds[client])
            kinds[client] = []
        for one in flush.sends:
            assert all(
                one.frame is other.frame for other in flush.sends if other.frame == one.frame
            )
        firsts = [put_number(json.loads(send.frame)) for send in flush.sends]
        assert firsts == sorted(firsts)
        closed.clear()

    for number, (kind, to) in enumerate(steps):
        if kind == "take":
            take()
            continue
        if kind == "close":
            outbox.close(Close(to[0], 4000, "replaced by a newer connection"))
            closed.add(to[0])
            continue
        if kind == "join":
            kind, to = "event", audience + tuple(c for c in to if c not in audience)
        if kind == "event":
            frame, audience = event(number), to
        elif kind == "ack":
            frame = ack(f"c-{number}", number)
        else:
            frame = presence(f"p{number}")
        outbox.put(Send(to, frame, event=kind == "event"))
        for client in to:
            if client not in closed:
                owed[client].append(json.loads(frame))
                kinds[client].append(kind)
    take()
    assert received == owed
