"""The encoded snapshot is byte for byte `views.snapshot(state, viewer)`, however the
session got there: joins carried over one by one, any other event, a rebuilt state.

Plejecenter Solhaven (the cast of the fold tests) with newcomers joining between commands.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server import model, views
from server import protocol as p
from server.room import Room
from server.snapshots import Snapshots
from server.tokens import digest
from tests.unit.sim import NOW, Sim, new_sim
from tests.unit.test_fold import cast, setup, steps

NEWCOMERS = [
    ("Jonas", "Social- og sundhedsassistent", "participant"),
    ("Lone", "Sygeplejerske", "participant"),
    ("Sofie", "Ergoterapeut", "participant"),
    ("Karin", None, "observer"),
]


def expected(state: model.State, viewer: str | None) -> bytes:
    return p.encode(views.snapshot(state, viewer)).encode()


def check_everyone(snapshots: Snapshots, sim: Sim) -> None:
    for viewer in [None, *sim.state.participants]:
        mine = views.mine(sim.state, viewer) if viewer is not None else None
        assert bytes(snapshots.encoded(sim.state, viewer, mine)) == expected(sim.state, viewer)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    anonymous=st.booleans(),
    blind=st.booleans(),
    script=st.lists(
        st.one_of(steps(), st.tuples(st.just(-1), st.sampled_from(NEWCOMERS))), max_size=40
    ),
)
def test_encoded_snapshot_is_every_viewers_snapshot_byte_for_byte(
    anonymous: bool, blind: bool, script: list[tuple[int, object]]
) -> None:
    """After every join and every command, for every viewer: the very same bytes."""
    sim = new_sim(anonymous=anonymous)
    snapshots = Snapshots()
    people = cast(sim)
    setup(sim, people, blind)
    check_everyone(snapshots, sim)
    for who, what in script:
        if who == -1:
            assert isinstance(what, tuple)
            name, profession, role = what
            pid = sim.join(name, profession, role)
            snapshots.joined(sim.state, pid)
        else:
            assert isinstance(what, p.Command)
            try:
                sim.do(people[who % len(people)], what)
            except model.DomainError:
                continue
        check_everyone(snapshots, sim)


def test_a_rebuilt_state_at_the_same_seq_is_encoded_afresh() -> None:
    """A state rebuilt from the log (a new object, maybe the same seq) is never mistaken
    for the one encoded before."""
    first, second = new_sim(), new_sim()
    snapshots = Snapshots()
    first.join("Mette", "Leder", "facilitator")
    second.join("Kim", "Social- og sundhedsassistent")
    assert first.state.seq == second.state.seq
    assert bytes(snapshots.encoded(first.state, None, None)) == expected(first.state, None)
    assert bytes(snapshots.encoded(second.state, None, None)) == expected(second.state, None)


def test_every_welcome_of_a_join_burst_carries_the_exact_snapshot() -> None:
    """Forty newcomers in a row: each welcome is byte for byte the one built afresh."""
    info = model.SessionInfo(
        code="K7QXM2PA",
        title="Jobcenter Nord: kick-off for hele centret",
        professions=["Jobkonsulent", "Socialrådgiver", "Sekretær"],
    )
    room = Room(model.new_state(info), digest("Wq3m9Lx0T5r8Yc2VbN7hKg"))
    for n in range(40):
        profession = info.professions[n % 3]
        hello = p.Hello(f"hello-{n}", 1, "K7QX-M2PA", name=f"Deltager {n}", profession=profession)
        out = room.hello(n + 1, hello, None, f"token-{n}", NOW)
        pid = f"p{n + 1}"
        fresh = p.Welcome(
            hello.id,
            p.PROTOCOL_VERSION,
            views.participant_view(room.state.participants[pid]),
            f"token-{n}",
            room.state.seq,
            views.snapshot(room.state, pid),
            views.mine(room.state, pid),
        )
        frames = [send.frame for send in out.sends if send.to == (n + 1,)]
        assert frames[0] == p.encode(fresh)


def test_welcomes_at_one_seq_share_the_very_bytes() -> None:
    """A room resuming after a restart asks for the same snapshot again and again: it is
    assembled once per seq, and a join makes the next one afresh."""
    sim = new_sim()
    snapshots = Snapshots()
    sim.join("Mette", "Leder", "facilitator")
    first = snapshots.encoded(sim.state, None, None)
    assert snapshots.encoded(sim.state, None, None) is first
    pid = sim.join("Kim", "Social- og sundhedsassistent")
    snapshots.joined(sim.state, pid)
    after = snapshots.encoded(sim.state, None, None)
    assert after is not first and bytes(after) == expected(sim.state, None)
