"""The k-rule as a property: in any room, after any acts, every per-profession figure
anyone can see (a round's split at its close, a revealed split, the minutes' splits, the
facilitator's live lens) shows only groups with at least k members who acted on it, and
holds every act, so nothing about fewer than k people can be worked out from the totals."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server import export, lens, model, views
from server import protocol as p
from tests.unit.disclosure import assert_safe_figure
from tests.unit.sim import Sim, new_sim

PROFESSIONS = ("Sygeplejerske", "sygeplejerske", "Social- og sundhedsassistent", "Ergoterapeut")
STATEMENTS = ("Antal bade pr. uge", "Beboeren føler sig tryg om natten")
DRAFTS = ("Vi skaber tryghed for beboerne", "Beboeren mestrer sin hverdag")


@dataclass(frozen=True)
class Join:
    profession: int
    votes: bool  # False: a member who never acts (a fake, or a quiet colleague)


@dataclass(frozen=True)
class Tag:
    who: int
    statement: int
    tag: p.Tag | None


@dataclass(frozen=True)
class Vote:
    who: int
    draft: int
    retract: bool


@dataclass(frozen=True)
class Facilitate:
    what: str  # open, close, reveal
    statement: int


Act = Join | Tag | Vote | Facilitate


def acts() -> st.SearchStrategy[Act]:
    who = st.integers(0, 30)
    return st.one_of(
        st.builds(Join, st.integers(0, len(PROFESSIONS) - 1), st.booleans()),
        st.builds(Tag, who, st.integers(0, 1), st.sampled_from(["output", "effect", None])),
        st.builds(Tag, who, st.integers(0, 1), st.sampled_from(["output", "effect"])),
        st.builds(Vote, who, st.integers(0, 1), st.just(False)),
        st.builds(Vote, who, st.integers(0, 1), st.booleans()),
        st.builds(Facilitate, st.sampled_from(["open", "close", "reveal"]), st.integers(0, 1)),
    )


@dataclass
class Room:
    sim: Sim
    lead: str
    active: list[str]  # members who act; the silent ones only count as members

    def acted_at_all(self) -> set[str]:
        """Voting members who wrote, voted or tagged anything (the lens's activity rows)."""
        state = self.sim.state
        voters = {who.id for who in state.participants.values() if who.is_voter}
        done = {s.author for s in state.statements.values()}
        done |= {d.author for d in state.drafts.values()}
        done |= {pid for r in state.rounds for pid in r.votes}
        done |= {pid for s in state.statements.values() for pid in s.tags}
        return done & voters


def room(k: int, start: list[Join]) -> Room:
    sim = new_sim(k=k)
    lead = sim.join("Mette", "Leder", "facilitator", votes=False)
    result = Room(sim, lead, [])
    for n, joining in enumerate(start):
        join(result, joining, n)
    for text in STATEMENTS:
        sim.do(lead, p.AddStatement("s", text))
    for text in DRAFTS:
        sim.do(lead, p.ProposeDraft("d", text))
    return result


def join(into: Room, joining: Join, n: int) -> None:
    pid = into.sim.join(f"Kollega {n}", PROFESSIONS[joining.profession])
    if joining.votes:
        into.active.append(pid)


def check_lens(into: Room) -> None:
    state = into.sim.state
    shown = lens.lens(state, set(), lens.DEFAULT_THRESHOLD)
    for sid, split in shown.statements.items():
        statement = state.statements[sid]
        tally = views.statement_view(state, statement).tally
        assert_safe_figure(state, split, statement.tags, tally)
    activity = {
        group: {what: n for what, n in row.items() if what != "members"}
        for group, row in shown.equity.by_profession.items()
    }
    assert_safe_figure(state, activity, into.acted_at_all())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    k=st.integers(1, 4),
    start=st.lists(st.builds(Join, st.integers(0, 3), st.booleans()), max_size=9),
    steps=st.lists(acts(), max_size=60),
)
def test_no_figure_is_about_fewer_than_k_acting_people(
    k: int, start: list[Join], steps: list[Act]
) -> None:
    """Rounds at close, reveals, the lens after every act and the minutes at the end."""
    into = room(k, start)
    sim, state = into.sim, into.sim.state
    revealed: dict[str, dict[str, dict[str, int]]] = {}
    closed: dict[str, dict[str, dict[str, int]]] = {}
    for n, step in enumerate(steps):
        try:
            match step:
                case Join():
                    join(into, step, len(start) + n)
                case Tag(who=who, statement=index, tag=tag) if into.active:
                    sid = f"s{index + 1}"
                    sim.do(into.active[who % len(into.active)], p.TagStatement("t", sid, tag))
                case Vote(who=who, draft=index, retract=retract) if into.active:
                    voter = into.active[who % len(into.active)]
                    draft = f"d{index + 1}"
                    command: p.Command = (
                        p.RetractVote("v", draft) if retract else p.CastVote("v", draft)
                    )
                    sim.do(voter, command)
                case Facilitate(what="open"):
                    sim.do(into.lead, p.OpenRound("r", 2, n % 2 == 0))
                case Facilitate(what="close"):
                    sim.do(into.lead, p.CloseRound("r"))
                    current = state.rounds[-1]
                    assert current.by_profession is not None
                    assert_safe_figure(state, current.by_profession, current.votes, current.counts)
                    closed[current.id] = current.by_profession
                case Facilitate(what="reveal", statement=index):
                    sid = f"s{index + 1}"
                    sim.do(into.lead, p.RevealSplit("r", sid))
                    statement = state.statements[sid]
                    assert statement.split is not None
                    tally = views.statement_view(state, statement).tally
                    assert_safe_figure(state, statement.split, statement.tags, tally)
                    revealed[sid] = statement.split
        except model.DomainError:
            continue
        check_lens(into)
    if state.open_round is not None:
        sim.do(into.lead, p.CloseRound("r"))
        current = state.rounds[-1]
        assert current.by_profession is not None
        assert_safe_figure(state, current.by_profession, current.votes, current.counts)
        closed[current.id] = current.by_profession
    sim.do(into.lead, p.CloseSession("c"))
    assert {r.id: r.by_profession for r in state.rounds} == closed
    exported = export.statement_split(state)
    for sid, statement in state.statements.items():
        split = exported.get(sid, {})  # no entry: withheld
        figure = {group: {"output": o, "effect": e} for group, (o, e) in split.items()}
        if sid in revealed:
            assert figure == revealed[sid]  # as shown then, never recomputed
        else:
            tally = views.statement_view(state, statement).tally
            assert_safe_figure(state, figure, statement.tags, tally)
