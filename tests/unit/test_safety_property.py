"""Blind tagging as a property: two sessions that differ only in what was tagged while
blind (which statement, which tag) look exactly the same to everyone else, the
facilitator's lens included, until the facilitator reveals the tags."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server import lens, views
from server import protocol as p
from tests.unit.sim import Sim, new_sim

STATEMENTS = ("Antal bade pr. uge", "Beboeren føler sig tryg om natten")
PROFESSIONS = ("Sygeplejerske", "Social- og sundhedsassistent")
TAGS: tuple[p.Tag, p.Tag] = ("output", "effect")

# (who, statement, tag): indexes into the room, STATEMENTS and TAGS.
TagAct = tuple[int, int, int]


def room() -> tuple[Sim, str, list[str]]:
    """A facilitator who does not vote, six voters, an observer and two statements."""
    sim = new_sim(k=2)
    mette = sim.join("Mette", "Leder", "facilitator", votes=False)
    people = [sim.join(f"Person {i}", PROFESSIONS[i % 2]) for i in range(6)]
    sim.join("Frida", None, "observer")
    for text in STATEMENTS:
        sim.do(people[0], p.AddStatement("x", text))
    return sim, mette, people


def seen(sim: Sim, mette: str) -> tuple[bytes, bytes, bytes, bytes]:
    """What someone who tagged nothing blind can see: the last frame, the facilitator's
    and an observer's snapshots, and the facilitator's lens."""
    frame = p.encode(sim.events[-1][1]).encode()
    facilitator = p.encode(views.snapshot(sim.state, mette)).encode()
    observer = p.encode(views.snapshot(sim.state, "p8")).encode()
    shown = p.encode(lens.lens(sim.state, set(), 0.1)).encode()
    return frame, facilitator, observer, shown


tag_acts = st.tuples(st.integers(0, 5), st.integers(0, 1), st.integers(0, 1))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.lists(tag_acts, max_size=10),
    blind=st.lists(tag_acts, min_size=1, max_size=15),
)
def test_blind_tags_change_nothing_anyone_else_sees(
    before: list[TagAct], blind: list[TagAct]
) -> None:
    """Twin rooms whose blind tags differ in statement and tag cannot be told apart."""
    rooms = [room(), room()]
    for sim, mette, people in rooms:
        for who, statement, tag in before:
            sim.do(people[who], p.TagStatement("x", f"s{statement + 1}", TAGS[tag]))
        sim.do(mette, p.SetTagging("x", True))
    for who, statement, tag in blind:
        views_of_both = []
        for twin, (sim, mette, people) in enumerate(rooms):
            # The twin tags the other statement, the other way.
            said = f"s{(statement + twin) % 2 + 1}"
            sim.do(people[who], p.TagStatement("x", said, TAGS[(tag + twin) % 2]))
            views_of_both.append(seen(sim, mette))
        assert views_of_both[0] == views_of_both[1]
