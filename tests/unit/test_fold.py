"""The client's fold of public events gives exactly the snapshot a fresh hello returns."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server import model, views
from server import protocol as p
from server.fold import fold, note_ack, personalize
from tests.unit.sim import Sim, new_sim

DRAFTS = [f"d{i}" for i in range(1, 5)]
STATEMENTS = [f"s{i}" for i in range(1, 4)]
CONFLICTS = ["c1", "c2"]
TAGS = st.sampled_from(["output", "effect", None])
MODERATED = st.sampled_from(["p2", "p4", "p5"])  # two nurses and a care assistant


def commands() -> st.SearchStrategy[p.Command]:
    cid = st.just("x")
    draft = st.sampled_from(DRAFTS)
    statement = st.sampled_from(STATEMENTS)
    return st.one_of(
        st.builds(p.ProposeDraft, cid, st.sampled_from(["Vi skaber tryghed", "Borgeren mestrer"])),
        st.builds(p.ReviseDraft, cid, draft, st.just("Borgeren lever et selvstændigt liv")),
        st.builds(p.WithdrawDraft, cid, draft),
        st.builds(p.CastVote, cid, draft),
        st.builds(p.CastVote, cid, draft),
        st.builds(p.CastVote, cid, draft),
        st.builds(p.CastVote, cid, draft),
        st.builds(p.RetractVote, cid, draft),
        st.builds(p.AddStatement, cid, st.just("Antal bade pr. uge")),
        st.builds(p.TagStatement, cid, statement, TAGS),
        st.builds(p.TagStatement, cid, statement, TAGS),
        st.builds(
            p.RecordConflict,
            cid,
            st.just("Rehabilitering mod ønsket om hjælp"),
            st.just(["Sygeplejerske"]),
            st.just(""),
            st.lists(st.builds(p.Ref, st.sampled_from(["draft", "statement"]), draft), max_size=1),
        ),
        st.builds(
            p.UpdateConflict,
            cid,
            st.sampled_from(CONFLICTS),
            st.sampled_from(["open", "discussed", "parked", "resolved", None]),
            st.just("Drøftet i plenum"),
        ),
        st.builds(p.SetPhase, cid, st.sampled_from(p.PHASES)),
        st.builds(p.StartTimer, cid, st.integers(1, 600), st.just("Summemøde")),
        st.builds(p.StopTimer, cid),
        st.builds(p.OpenRound, cid, st.integers(1, 3), st.booleans()),
        st.builds(p.CloseRound, cid),
        st.builds(p.OpenRound, cid, st.integers(1, 3), st.booleans()),
        st.builds(p.CloseRound, cid),
        st.builds(p.FinalizeDraft, cid, draft),
        st.builds(p.ClassifyStatement, cid, statement, TAGS),
        st.builds(p.RevealSplit, cid, statement),
        st.builds(
            p.RemoveItem,
            cid,
            st.sampled_from(["draft", "statement", "conflict"]),
            st.sampled_from([*DRAFTS[:2], *STATEMENTS[:2], *CONFLICTS]),
            st.just("Personfølsomt"),
        ),
        st.builds(p.SetAdmission, cid, st.booleans()),
        st.builds(p.MuteParticipant, cid, MODERATED, st.booleans()),
        st.builds(p.RemoveWritings, cid, MODERATED, st.just("Gentagelser")),
        st.builds(p.RemoveParticipant, cid, MODERATED, st.just("Ikke en del af mødet")),
        # Additions: a round whose split is held until revealed, and blind tagging.
        st.builds(p.OpenRound, cid, st.integers(1, 3), st.booleans(), st.just(1), st.just(True)),
        st.builds(p.RevealRoundSplit, cid, st.sampled_from(["r1", "r2", "r3"])),
        st.builds(p.SetTagging, cid, st.booleans()),
        *follow_up_commands(),
    )


def follow_up_commands() -> list[st.SearchStrategy[p.Command]]:
    """Additions: decisions, dilemmas with sides and owners, the texts kept for after."""
    cid = st.just("x")
    conflict = st.sampled_from([*CONFLICTS, "c3"])
    forum = st.sampled_from([*p.FORUMS, None])
    day = st.sampled_from(["2027-01-15", None])
    return [
        st.builds(
            p.AddAction,
            cid,
            st.just("Tavlemøde hver mandag"),
            st.sampled_from(["decision", "action"]),
            st.just("Anne"),
            day,
            forum,
        ),
        st.builds(
            p.UpdateAction,
            cid,
            st.sampled_from(["a1", "a2"]),
            st.sampled_from([*p.ACTION_STATUSES, None]),
            st.sampled_from(["Godt i gang", None]),
            st.sampled_from(["Bo", None]),
            day,
            forum,
        ),
        st.builds(
            p.RecordDilemma,
            cid,
            st.just("Tryghed eller selvbestemmelse"),
            st.sampled_from(p.CONFLICT_KINDS),
            st.just(""),
            st.just("Beboeren vil selv"),
            st.just("Personalet er bekymret"),
            st.just([]),
        ),
        st.builds(
            p.EditDilemma,
            cid,
            conflict,
            st.sampled_from(["Natlig tryghed", None]),
            st.just(None),
            st.sampled_from([*p.CONFLICT_KINDS, None]),
            st.sampled_from(["Beboeren vil sove længe", None]),
        ),
        st.builds(
            p.FollowConflict,
            cid,
            conflict,
            st.just("Afdelingslederen"),
            forum,
            day,
            st.sampled_from([True, False, None]),
        ),
        st.builds(
            p.SetSummary,
            cid,
            st.sampled_from(["everyday", "contribution"]),
            st.sampled_from(["Vi spørger først", ""]),
        ),
        st.builds(p.Endorse, cid, st.just("Centerchef Birthe Lund"), day),
        st.builds(p.ReopenForFollowUp, cid),
    ]


def steps() -> st.SearchStrategy[tuple[int, p.Command]]:
    """A command and who sends it: facilitator commands mostly from the facilitator."""
    return commands().flatmap(
        lambda c: st.tuples(
            st.sampled_from([0, 0, 0, 1, 6])
            if type(c).__struct_config__.tag in p.FACILITATOR_ONLY
            else st.integers(0, 6),
            st.just(c),
        )
    )


def setup(sim: Sim, people: list[str], blind: bool) -> None:
    """Three drafts, two statements, a conflict and an open round: targets to hit."""
    facilitator, anne, bo = people[0], people[1], people[2]
    sim.do(anne, p.ProposeDraft("a", "Vi skaber tryghed og livskvalitet for beboerne"))
    sim.do(bo, p.ProposeDraft("b", "Beboeren mestrer sin hverdag så længe som muligt"))
    sim.do(facilitator, p.ProposeDraft("c", "Sammen med pårørende skaber vi et godt liv"))
    sim.do(anne, p.AddStatement("d", "Antal bade pr. uge"))
    sim.do(bo, p.AddStatement("e", "Beboeren kan selv klæde sig på"))
    sim.do(bo, p.RecordConflict("f", "Bad eller gåtur", ["Sygeplejerske"], "", []))
    sim.do(facilitator, p.OpenRound("g", 2, blind))


def cast(sim: Sim) -> list[str]:
    """A nursing home: a facilitator, three nurses, two care assistants, an observer."""
    return [
        sim.join("Mette", "Leder", "facilitator"),
        sim.join("Anne", "Sygeplejerske"),
        sim.join("Bo", "sygeplejerske"),
        sim.join("Camilla", "Sygeplejerske"),
        sim.join("Dina", "Social- og sundhedsassistent"),
        sim.join("Emil", "Social- og sundhedsassistent"),
        sim.join("Frida", None, "observer"),
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    anonymous=st.booleans(),
    blind=st.booleans(),
    steps=st.lists(steps(), min_size=5, max_size=80),
    start=st.integers(0, 60),
)
def test_folded_events_equal_fresh_snapshot(
    anonymous: bool, blind: bool, steps: list[tuple[int, p.Command]], start: int
) -> None:
    """For any commands, each viewer's snapshot plus the folded events equals a fresh one."""
    sim = new_sim(anonymous=anonymous)
    people = cast(sim)
    setup(sim, people, blind)
    start = min(start, len(steps))
    begin: dict[str, tuple[p.Snapshot, p.Mine]] = {}
    acks: list[tuple[int, str, p.Command, str | None]] = []  # (event index, actor, cmd, item)
    for index, (who, command) in enumerate(steps):
        if index == start:
            begin = {
                pid: (views.snapshot(sim.state, pid), views.mine(sim.state, pid)) for pid in people
            }
            first_event = len(sim.events)
        actor = people[who]
        try:
            event = sim.do(actor, command)
        except model.DomainError:
            continue
        item = model.item_id(event)
        acks.append((len(sim.events) - 1, actor, command, item))
    if not begin:
        begin = {
            pid: (views.snapshot(sim.state, pid), views.mine(sim.state, pid)) for pid in people
        }
        first_event = len(sim.events)
    for pid in people:
        snap, mine = copy.deepcopy(begin[pid])
        own = {index: (command, item) for index, actor, command, item in acks if actor == pid}
        for index in range(first_event, len(sim.events)):
            if index in own:
                command, item = own[index]
                mine = note_ack(mine, command, item)
                snap = personalize(snap, mine, pid)
            snap, mine = fold(snap, sim.events[index][1], mine, pid)
        assert snap == views.snapshot(sim.state, pid)
        fresh = views.mine(sim.state, pid)
        assert (mine.my_votes, mine.my_tags) == (fresh.my_votes, fresh.my_tags)
        assert sorted(mine.my_items) == sorted(fresh.my_items)  # a set; order is not promised


def test_fold_skips_a_kind_it_does_not_know() -> None:
    """An event kind a newer server added leaves an older client's copy as it was."""
    sim = new_sim()
    people = cast(sim)
    setup(sim, people, blind=False)
    anne = people[1]
    sim.do(anne, p.CastVote("h", "d1"))
    snap, mine = views.snapshot(sim.state, anne), views.mine(sim.state, anne)
    newer = p.WireEvent(sim.state.seq + 1, "2026-11-28T10:20:00Z", "break_taken", None, {})
    assert fold(snap, newer, mine, anne) == (snap, mine)
    assert snap.my_votes == ["d1"]
