"""The profession lens under the k-rule: `profession_groups` and `tally_by_profession` on
hand-made sessions. No figure may be about fewer than k people."""

from __future__ import annotations

import itertools

import pytest

from server import model, views
from server import protocol as p
from tests.unit.sim import NOW

TEACHER = "Lærer"
PEDAGOGUE = "Pædagog"
PSYCHOLOGIST = "Psykolog"
SECRETARY = "Sekretær"
NURSE = "Sygeplejerske"
ASSISTANT = "Social- og sundhedsassistent"
THERAPIST = "Ergoterapeut"


def session(k: int = 3, title: str = "Skovbakke Skole: vores kerneopgave") -> model.State:
    info = model.SessionInfo(code="K7QXM2PA", title=title, k_anonymity=k)
    return model.new_state(info)


def add(
    state: model.State,
    name: str,
    profession: str | None,
    role: p.Role = "participant",
    votes: bool = True,
) -> str:
    event = model.join(state, name=name, profession=profession, role=role, votes=votes, now=NOW)
    model.apply(state, event)
    return str(event.actor)


def staff(state: model.State, profession: str, count: int) -> list[str]:
    """`count` participants of one profession, named after it: Lærer 1, Lærer 2, ..."""
    return [add(state, f"{profession} {n}", profession) for n in range(1, count + 1)]


def names(state: model.State, groups: dict[str, list[str]]) -> dict[str, list[str]]:
    """The groups with participants' names instead of ids, sorted."""
    return {
        group: sorted(state.participants[pid].name for pid in ids) for group, ids in groups.items()
    }


def sizes(groups: dict[str, list[str]]) -> dict[str, int]:
    return {group: len(ids) for group, ids in groups.items()}


def assert_k_safe(state: model.State, groups: dict[str, list[str]]) -> None:
    """No group under k; groups split exactly the voting members, or there are none and
    fewer than k people vote; a profession stands alone only with k voting members."""
    k = state.info.k_anonymity
    voters = sorted(x.id for x in state.participants.values() if x.is_voter)
    assert all(len(ids) >= k for ids in groups.values()), sizes(groups)
    if groups:
        assert sorted(pid for ids in groups.values() for pid in ids) == voters
    else:
        assert len(voters) < k
    for group, ids in groups.items():
        if group:
            keys = {(state.participants[pid].profession or "").casefold() for pid in ids}
            assert keys == {group.casefold()}


def close_round(state: model.State, votes: dict[str, list[str]], dots: int = 1) -> p.RoundView:
    """Open a round, cast `votes` ({participant: [draft ids]}) and close it."""
    facilitator = next(
        (x.id for x in state.participants.values() if x.role == "facilitator"), None
    ) or add(state, "Facilitator", "Konsulent", "facilitator", votes=False)
    author = next(iter(votes), facilitator)
    for n in range(1, 4):
        if f"d{n}" not in state.drafts:
            text = f"Formulering nummer {n} om elevernes læring og trivsel"
            model.apply(state, model.decide(state, author, p.ProposeDraft("x", text), NOW))
    model.apply(state, model.decide(state, facilitator, p.OpenRound("x", dots, False), NOW))
    for pid, drafts in votes.items():
        for draft_id in drafts:
            model.apply(state, model.decide(state, pid, p.CastVote("x", draft_id), NOW))
    model.apply(state, model.decide(state, facilitator, p.CloseRound("x"), NOW))
    return views.snapshot(state, None).rounds[-1]


# --- grouping ----------------------------------------------------------------------------


def test_one_profession_of_k_stands_alone() -> None:
    """Three nurses and nobody else: one group, the nurses."""
    state = session(title="Plejecenter Solhaven")
    staff(state, NURSE, 3)
    groups = model.profession_groups(state)
    assert sizes(groups) == {NURSE: 3}
    assert_k_safe(state, groups)


def test_one_profession_below_k_gives_no_figures() -> None:
    """Two nurses alone with k=3: no per-profession figures at all."""
    state = session(title="Plejecenter Solhaven")
    staff(state, NURSE, 2)
    assert model.profession_groups(state) == {}


def test_no_voters_gives_no_figures() -> None:
    """A session without voting members has no groups."""
    state = session()
    add(state, "Lone", "Skoleleder", "facilitator", votes=False)
    assert model.profession_groups(state) == {}


def test_small_professions_together_form_the_other_group() -> None:
    """A profession of 2 and one of 1 are merged into "" when together they reach k."""
    state = session()
    staff(state, TEACHER, 3)
    staff(state, PEDAGOGUE, 3)
    staff(state, SECRETARY, 2)
    staff(state, PSYCHOLOGIST, 1)
    groups = model.profession_groups(state)
    assert names(state, groups) == {
        TEACHER: ["Lærer 1", "Lærer 2", "Lærer 3"],
        PEDAGOGUE: ["Pædagog 1", "Pædagog 2", "Pædagog 3"],
        "": ["Psykolog 1", "Sekretær 1", "Sekretær 2"],
    }
    assert_k_safe(state, groups)


def test_profession_of_two_pulls_the_smallest_shown_profession_into_other() -> None:
    """Two psychologists alone in "" are too few: the smallest shown profession joins them."""
    state = session()
    staff(state, TEACHER, 4)
    staff(state, PEDAGOGUE, 3)
    staff(state, PSYCHOLOGIST, 2)
    groups = model.profession_groups(state)
    assert sizes(groups) == {TEACHER: 4, "": 5}
    assert names(state, groups)[""] == [
        "Psykolog 1",
        "Psykolog 2",
        "Pædagog 1",
        "Pædagog 2",
        "Pædagog 3",
    ]
    assert_k_safe(state, groups)


@pytest.mark.parametrize("first", [TEACHER, PEDAGOGUE])
def test_ties_are_broken_alphabetically(first: str) -> None:
    """Of two equally small professions the alphabetically first joins "", whoever came first."""
    state = session()
    second = PEDAGOGUE if first == TEACHER else TEACHER
    staff(state, first, 3)
    staff(state, second, 3)
    staff(state, PSYCHOLOGIST, 1)
    groups = model.profession_groups(state)
    assert sizes(groups) == {PEDAGOGUE: 3, "": 4}  # "lærer" < "pædagog"
    assert_k_safe(state, groups)


def test_the_smallest_profession_joins_before_alphabet_counts() -> None:
    """The smaller profession joins "" even if it comes later in the alphabet."""
    state = session(title="Jobcenter Nord")
    staff(state, "Jobkonsulent", 4)
    staff(state, "Socialrådgiver", 3)
    staff(state, PSYCHOLOGIST, 1)
    groups = model.profession_groups(state)
    assert sizes(groups) == {"Jobkonsulent": 4, "": 4}
    assert_k_safe(state, groups)


def test_other_group_still_too_small_with_nothing_left_gives_no_figures() -> None:
    """A teacher and a pedagogue with k=3: "" would have 2 and nothing can join it."""
    state = session()
    staff(state, TEACHER, 1)
    staff(state, PEDAGOGUE, 1)
    assert model.profession_groups(state) == {}


def test_everyone_in_small_professions_is_one_other_group() -> None:
    """Three professions of one each make one "" group of three."""
    state = session()
    for profession in (TEACHER, PEDAGOGUE, PSYCHOLOGIST):
        staff(state, profession, 1)
    groups = model.profession_groups(state)
    assert sizes(groups) == {"": 3}
    assert_k_safe(state, groups)


@pytest.mark.parametrize(
    "spellings",
    [
        ["Sygeplejerske", "sygeplejerske", "SYGEPLEJERSKE"],
        ["sygeplejerske", "Sygeplejerske", "Sygeplejerske"],
    ],
)
def test_professions_are_matched_case_insensitively(spellings: list[str]) -> None:
    """ "Sygeplejerske" and "sygeplejerske" are one profession, shown as first spelled."""
    state = session(title="Plejecenter Solhaven")
    for n, spelling in enumerate(spellings, 1):
        add(state, f"Sygeplejerske {n}", spelling)
    groups = model.profession_groups(state)
    assert sizes(groups) == {spellings[0]: 3}
    assert_k_safe(state, groups)


def test_danish_letters_match_case_insensitively() -> None:
    """ "Pædagog" and "PÆDAGOG" are one profession."""
    state = session()
    add(state, "Ulla", "Pædagog")
    add(state, "Viggo", "PÆDAGOG")
    add(state, "Asta", "pædagog")
    assert sizes(model.profession_groups(state)) == {"Pædagog": 3}


def test_observers_and_non_voting_facilitators_are_not_counted() -> None:
    """Two nurses plus a non-voting nurse facilitator and a nurse observer are still two."""
    state = session(title="Plejecenter Solhaven")
    staff(state, NURSE, 2)
    add(state, "Mette", NURSE, "facilitator", votes=False)
    add(state, "Frida", NURSE, "observer")
    assert model.profession_groups(state) == {}


def test_a_voting_facilitator_is_counted() -> None:
    """A facilitator who votes counts in their profession like anyone."""
    state = session(title="Plejecenter Solhaven")
    staff(state, NURSE, 2)
    mette = add(state, "Mette", NURSE, "facilitator")
    groups = model.profession_groups(state)
    assert sizes(groups) == {NURSE: 3}
    assert mette in groups[NURSE]


def test_k_is_set_per_session_k2() -> None:
    """With k=2, pairs stand alone; a single secretary pulls the alphabetically first pair in."""
    state = session(k=2)
    staff(state, TEACHER, 2)
    staff(state, PEDAGOGUE, 2)
    staff(state, SECRETARY, 1)
    groups = model.profession_groups(state)
    assert names(state, groups) == {
        PEDAGOGUE: ["Pædagog 1", "Pædagog 2"],
        "": ["Lærer 1", "Lærer 2", "Sekretær 1"],
    }
    assert_k_safe(state, groups)


def test_k_is_set_per_session_k5() -> None:
    """With k=5, four assistants do not stand alone but with a therapist make "" of five."""
    state = session(k=5, title="Plejecenter Solhaven")
    staff(state, NURSE, 5)
    staff(state, ASSISTANT, 4)
    staff(state, THERAPIST, 1)
    groups = model.profession_groups(state)
    assert sizes(groups) == {NURSE: 5, "": 5}
    assert_k_safe(state, groups)
    assert views.snapshot(state, None).session.settings.k_anonymity == 5


def test_k5_pulls_a_profession_of_five_into_other() -> None:
    """With k=5, two therapists pull the alphabetically first profession of five into ""."""
    state = session(k=5, title="Plejecenter Solhaven")
    staff(state, NURSE, 5)
    staff(state, ASSISTANT, 5)
    staff(state, THERAPIST, 2)
    groups = model.profession_groups(state)
    assert sizes(groups) == {NURSE: 5, "": 7}  # "social- og ..." < "sygeplejerske"
    assert_k_safe(state, groups)


def test_k5_with_four_voters_gives_no_figures() -> None:
    """With k=5, four teachers give no per-profession figures."""
    state = session(k=5)
    staff(state, TEACHER, 4)
    assert model.profession_groups(state) == {}


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5])
def test_no_group_is_ever_smaller_than_k(k: int) -> None:
    """For every mix of up to four professions of 0-4 voters, every group has k or more."""
    professions = (TEACHER, PEDAGOGUE, "pædagog", PSYCHOLOGIST)  # two spell one profession
    for counts in itertools.product(range(5), repeat=len(professions)):
        state = session(k=k)
        add(state, "Lone", "Skoleleder", "facilitator", votes=False)
        add(state, "Oda", PSYCHOLOGIST, "observer")
        for profession, count in zip(professions, counts, strict=True):
            for n in range(count):
                add(state, f"{profession} {n}", profession)
        assert_k_safe(state, model.profession_groups(state))


# --- figures per group ------------------------------------------------------------------


def school() -> tuple[model.State, dict[str, list[str]]]:
    """Three teachers, three pedagogues, a psychologist and two secretaries."""
    state = session()
    add(state, "Lone", "Skoleleder", "facilitator", votes=False)
    people = {
        TEACHER: staff(state, TEACHER, 3),
        PEDAGOGUE: staff(state, PEDAGOGUE, 3),
        PSYCHOLOGIST: staff(state, PSYCHOLOGIST, 1),
        SECRETARY: staff(state, SECRETARY, 2),
    }
    return state, people


def test_everyone_agreeing_shows_every_group_choosing_the_same() -> None:
    """When all vote for one draft, each group's figure is its whole head count."""
    state, people = school()
    everyone = [pid for ids in people.values() for pid in ids]
    rnd = close_round(state, {pid: ["d1"] for pid in everyone})
    assert rnd.by_profession == {TEACHER: {"d1": 3}, PEDAGOGUE: {"d1": 3}, "": {"d1": 3}}
    assert rnd.tally == {"d1": 9}


def test_tally_by_profession_counts_dots_per_group() -> None:
    """Dots are counted per group; the "" group adds up its members' dots."""
    state, people = school()
    t, pd, ps, se = (people[x] for x in (TEACHER, PEDAGOGUE, PSYCHOLOGIST, SECRETARY))
    votes = {
        t[0]: ["d1", "d2"],
        t[1]: ["d1"],
        t[2]: ["d2"],
        pd[0]: ["d2", "d3"],
        pd[1]: ["d3"],
        pd[2]: ["d3"],
        ps[0]: ["d1"],
        se[0]: ["d3"],
        se[1]: ["d1", "d3"],
    }
    rnd = close_round(state, votes, dots=2)
    assert rnd.by_profession == {
        TEACHER: {"d1": 2, "d2": 2},
        PEDAGOGUE: {"d2": 1, "d3": 3},
        "": {"d1": 2, "d3": 2},
    }


def test_group_figures_add_up_to_the_tally() -> None:
    """The groups together hold every dot, so no figure is left to subtract from totals."""
    state, people = school()
    votes = {pid: [f"d{1 + n % 3}"] for n, pid in enumerate(itertools.chain(*people.values()))}
    rnd = close_round(state, votes)
    assert rnd.by_profession is not None and rnd.tally is not None
    summed: dict[str, int] = {}
    for figures in rnd.by_profession.values():
        for draft_id, n in figures.items():
            summed[draft_id] = summed.get(draft_id, 0) + n
    assert summed == rnd.tally


def test_groups_that_cast_no_dots_are_counted_with_other_professions() -> None:
    """A group whose members did not vote is not shown as silent: it joins "other"."""
    state, people = school()
    others = people[PSYCHOLOGIST] + people[SECRETARY]
    votes = {pid: ["d2"] for pid in people[TEACHER]} | {pid: ["d1"] for pid in others}
    rnd = close_round(state, votes)
    assert rnd.by_profession == {TEACHER: {"d2": 3}, "": {"d1": 3}}


def test_tally_by_profession_is_empty_without_groups() -> None:
    """With fewer than k voting members, a closed round has by_profession {}."""
    state = session()
    pair = staff(state, TEACHER, 1) + staff(state, PEDAGOGUE, 1)
    rnd = close_round(state, {pair[0]: ["d1"], pair[1]: ["d2"]})
    assert rnd.by_profession == {}
    assert model.tally_by_profession(state, state.rounds[-1]) == {}


def test_members_are_counted_when_the_round_closes() -> None:
    """by_profession uses the members at close_round; later joiners do not change it."""
    state, people = school()
    others = people[PSYCHOLOGIST] + people[SECRETARY]
    votes = {pid: ["d2"] for pid in people[TEACHER]} | {pid: ["d1"] for pid in others}
    rnd = close_round(state, votes)
    assert rnd.by_profession == {TEACHER: {"d2": 3}, "": {"d1": 3}}
    staff(state, SECRETARY, 2)  # four secretaries now, but their group had figures
    assert views.snapshot(state, None).rounds[-1].by_profession == rnd.by_profession
    assert SECRETARY not in model.profession_groups(state)  # so they stay in "other"


def test_a_late_joiner_never_splits_a_group_that_had_figures() -> None:
    """Two therapists counted with 'other' stay there when a third joins: otherwise the
    lone pedagogue's tag could be worked out from the figures before and after."""
    from server import protocol as p
    from tests.unit.sim import new_sim

    sim = new_sim(k=3)
    sim.join("Mette", "Leder", "facilitator", votes=False)
    nurses = [sim.join(f"S{i}", "Sygeplejerske") for i in range(3)]
    therapists = [sim.join(f"E{i}", "Ergoterapeut") for i in range(2)]
    pedagogue = sim.join("Pia", "Pædagog")
    sim.do(nurses[0], p.AddStatement("a", "Beboeren går selv i haven"))
    for who, tag in zip([*nurses, *therapists, pedagogue], "eeeooe", strict=True):
        sim.do(who, p.TagStatement("t", "s1", "effect" if tag == "e" else "output"))
    before = model.tag_split(sim.state, sim.state.statements["s1"])
    assert set(before) == {"Sygeplejerske", ""}
    sim.join("E3", "Ergoterapeut")  # the therapists now number three
    after = model.tag_split(sim.state, sim.state.statements["s1"])
    assert set(after) == {"Sygeplejerske", ""}  # still folded in: no split to subtract
