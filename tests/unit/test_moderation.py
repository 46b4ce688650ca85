"""The facilitator's moderation as rules: muting, removing what someone wrote, and
removing a participant from every figure (additions to v1).

Jobcenter Nord, k = 2: Kim facilitates; Lone and Jens are job consultants, Omar and
Sara social workers; "Trold" joined as a job consultant and floods.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from server import export, lens, model, views
from server import protocol as p
from tests.unit.sim import Sim, new_sim
from tests.unit.test_export import log_of, md, section

CONSULTANT = "Jobkonsulent"
SOCIAL = "Socialrådgiver"


@dataclass
class Centre:
    sim: Sim
    kim: str
    lone: str
    jens: str
    omar: str
    sara: str
    troll: str


def jobcentre() -> Centre:
    sim = new_sim(k=2)
    return Centre(
        sim,
        kim=sim.join("Kim", "Leder", "facilitator", votes=False),
        lone=sim.join("Lone", CONSULTANT),
        jens=sim.join("Jens", CONSULTANT),
        omar=sim.join("Omar", SOCIAL),
        sara=sim.join("Sara", SOCIAL),
        troll=sim.join("Trold", CONSULTANT),
    )


def refused(sim: Sim, actor: str, command: p.Command) -> str:
    before = sim.state.seq
    with pytest.raises(model.DomainError) as caught:
        sim.do(actor, command)
    assert sim.state.seq == before
    return caught.value.code


@pytest.mark.parametrize(
    "command",
    [
        p.ProposeDraft("x", "Vi leverer flest samtaler"),
        p.ReviseDraft("x", "d1", "Vi leverer endnu flere samtaler"),
        p.AddStatement("x", "Vi holder 40 samtaler om ugen"),
        p.RecordConflict("x", "Kaffe", [CONSULTANT]),
        p.UpdateConflict("x", "c1", None, "Krav virker altid"),
    ],
    ids=lambda c: str(type(c).__struct_config__.tag),
)
def test_a_muted_participant_may_not_write(command: p.Command) -> None:
    """Every command that puts text before the room is refused `muted`, nothing changes."""
    centre = jobcentre()
    centre.sim.do(centre.troll, p.ProposeDraft("x", "Vi leverer samtaler"))
    centre.sim.do(centre.omar, p.RecordConflict("x", "Krav eller støtte", [SOCIAL]))
    centre.sim.do(centre.kim, p.MuteParticipant("x", centre.troll, True))
    assert refused(centre.sim, centre.troll, command) == "muted"


def test_a_muted_participant_still_votes_and_tags_and_may_write_once_unmuted() -> None:
    """Muting quiets text only; unmuting gives writing back."""
    centre = jobcentre()
    sim = centre.sim
    sim.do(centre.lone, p.ProposeDraft("x", "Borgeren får et arbejdsliv, der holder"))
    sim.do(centre.lone, p.AddStatement("x", "Borgeren kommer i job"))
    sim.do(centre.kim, p.MuteParticipant("x", centre.troll, True))
    sim.do(centre.kim, p.OpenRound("x", 1, False))
    sim.do(centre.troll, p.CastVote("x", "d1"))
    sim.do(centre.troll, p.TagStatement("x", "s1", "effect"))
    sim.do(centre.kim, p.MuteParticipant("x", centre.troll, False))
    sim.do(centre.troll, p.AddStatement("x", "Borgeren bliver selvforsørgende"))
    assert len(sim.state.statements) == 2


def test_removing_writings_takes_drafts_statements_conflicts_and_notes_in_one_event() -> None:
    """One event removes all they wrote; others' items and notes stay; the log keeps it."""
    centre = jobcentre()
    sim = centre.sim
    sim.do(centre.troll, p.AddStatement("x", "Vi holder 40 samtaler om ugen"))
    sim.do(centre.lone, p.AddStatement("x", "Borgeren kommer i job"))
    sim.do(centre.troll, p.ProposeDraft("x", "Vi leverer flest samtaler"))
    sim.do(centre.omar, p.RecordConflict("x", "Krav eller støtte", [SOCIAL, CONSULTANT]))
    sim.do(centre.troll, p.UpdateConflict("x", "c1", None, "Krav virker altid"))
    sim.do(centre.omar, p.UpdateConflict("x", "c1", None, "Vi tager det op igen"))
    sim.do(centre.troll, p.RecordConflict("x", "Kaffe", [CONSULTANT]))
    sim.do(centre.kim, p.OpenRound("x", 1, False))
    sim.do(centre.omar, p.CastVote("x", "d1"))
    before = sim.state.seq
    sim.do(centre.kim, p.RemoveWritings("x", centre.troll, "Gentagelser"))
    assert sim.state.seq == before + 1
    snap = views.snapshot(sim.state, None)
    assert [(s.id, s.removed, s.text) for s in snap.statements] == [
        ("s1", True, None),
        ("s2", False, "Borgeren kommer i job"),
    ]
    assert [(d.id, d.removed) for d in snap.drafts] == [("d1", True)]
    assert [(c.id, c.removed, c.notes) for c in snap.conflicts] == [
        ("c1", False, ["Vi tager det op igen"]),
        ("c2", True, []),
    ]
    assert snap.rounds[-1].tally == {}  # Omar's dot on the removed draft is given back
    replayed = model.replay(sim.state.info, [event for event, _ in sim.events])
    assert views.snapshot(replayed, None) == snap
    assert refused(sim, centre.kim, p.RemoveWritings("x", centre.troll, "")) == "invalid_state"


def test_removed_participants_leave_live_tallies_and_the_open_round() -> None:
    """Their tag leaves a statement's tally and their dots the open round at once."""
    centre = jobcentre()
    sim = centre.sim
    sim.do(centre.lone, p.AddStatement("x", "Borgeren kommer i job"))
    sim.do(centre.lone, p.ProposeDraft("x", "Borgeren får et arbejdsliv, der holder"))
    sim.do(centre.troll, p.TagStatement("x", "s1", "output"))
    sim.do(centre.lone, p.TagStatement("x", "s1", "effect"))
    sim.do(centre.kim, p.OpenRound("x", 1, False))
    sim.do(centre.troll, p.CastVote("x", "d1"))
    sim.do(centre.kim, p.RemoveParticipant("x", centre.troll, "Ikke en del af mødet"))
    snap = views.snapshot(sim.state, None)
    assert snap.statements[0].tally == {"output": 0, "effect": 1}
    assert (snap.rounds[-1].voters, snap.rounds[-1].tally) == (0, {})
    troll = next(x for x in snap.participants if x.id == centre.troll)
    assert troll.removed
    assert refused(sim, centre.troll, p.AddStatement("x", "Jeg er her stadig")) == "removed"


def test_a_removed_fake_no_longer_lifts_a_colleague_into_a_figure_of_their_own() -> None:
    """k = 2: with the fake removed, the one real consultant who tagged shows in no
    group of her own; the figure is the one the room without the fake gives."""
    centre, clean = jobcentre(), jobcentre()
    for room in (centre, clean):
        room.sim.do(room.lone, p.AddStatement("x", "Borgeren kommer i job"))
        room.sim.do(room.omar, p.TagStatement("x", "s1", "effect"))
        room.sim.do(room.sara, p.TagStatement("x", "s1", "effect"))
        room.sim.do(room.lone, p.TagStatement("x", "s1", "output"))
    centre.sim.do(centre.troll, p.TagStatement("x", "s1", "output"))
    clean.sim.do(clean.kim, p.RemoveParticipant("x", clean.troll, ""))  # before it acted
    assert CONSULTANT in model.tag_split(centre.sim.state, centre.sim.state.statements["s1"])
    centre.sim.do(centre.kim, p.RemoveParticipant("x", centre.troll, "Falsk deltager"))
    centre.sim.do(centre.kim, p.RevealSplit("x", "s1"))
    clean.sim.do(clean.kim, p.RevealSplit("x", "s1"))
    split = centre.sim.state.statements["s1"].split
    assert split == clean.sim.state.statements["s1"].split
    assert split is not None and CONSULTANT not in split
    threshold = lens.DEFAULT_THRESHOLD
    assert lens.lens(centre.sim.state, set(), threshold) == lens.lens(
        clean.sim.state, set(), threshold
    )


def test_a_closed_rounds_figures_stay_as_they_were_shown() -> None:
    """Removal after a close changes no fixed figure: a recount would tell by
    difference what the removed person voted."""
    centre = jobcentre()
    sim = centre.sim
    sim.do(centre.lone, p.ProposeDraft("x", "Borgeren får et arbejdsliv, der holder"))
    sim.do(centre.kim, p.OpenRound("x", 1, False))
    for who in (centre.lone, centre.jens, centre.omar, centre.sara, centre.troll):
        sim.do(who, p.CastVote("x", "d1"))
    sim.do(centre.kim, p.CloseRound("x"))
    shown = views.snapshot(sim.state, None).rounds[-1]
    sim.do(centre.kim, p.RemoveParticipant("x", centre.troll, ""))
    assert views.snapshot(sim.state, None).rounds[-1] == shown


@pytest.mark.parametrize(
    "command",
    [
        p.RemoveParticipant("x", "p1", ""),
        p.MuteParticipant("x", "p1", True),
        p.RemoveWritings("x", "p1", ""),
    ],
    ids=lambda c: str(type(c).__struct_config__.tag),
)
def test_the_facilitator_cannot_be_moderated(command: p.Command) -> None:
    """The key holder steers the session: removing or muting them is `forbidden`."""
    centre = jobcentre()
    assert refused(centre.sim, centre.kim, command) == "forbidden"


def test_moderation_names_an_existing_participant() -> None:
    """An unknown participant id is `not_found`; removing twice is `invalid_state`."""
    centre = jobcentre()
    assert refused(centre.sim, centre.kim, p.MuteParticipant("x", "p99", True)) == "not_found"
    centre.sim.do(centre.kim, p.RemoveParticipant("x", centre.troll, ""))
    again = p.RemoveParticipant("x", centre.troll, "")
    assert refused(centre.sim, centre.kim, again) == "invalid_state"


def test_admission_is_switched_on_and_off_and_shown_in_the_session() -> None:
    """`set_admission` changes the setting once; saying the same again is refused."""
    centre = jobcentre()
    centre.sim.do(centre.kim, p.SetAdmission("x", True))
    assert views.snapshot(centre.sim.state, None).session.admit
    assert refused(centre.sim, centre.kim, p.SetAdmission("x", True)) == "invalid_state"
    centre.sim.do(centre.kim, p.SetAdmission("x", False))
    assert not views.snapshot(centre.sim.state, None).session.admit


def test_the_minutes_count_no_removed_participant_and_keep_no_removed_text() -> None:
    """The minutes' head count leaves the removed fake out; its writings' text is gone
    from the minutes and the data, while the log keeps the events."""
    centre = jobcentre()
    sim = centre.sim
    sim.do(centre.troll, p.AddStatement("x", "Vi holder 40 samtaler om ugen"))
    sim.do(centre.kim, p.RemoveWritings("x", centre.troll, "Gentagelser"))
    sim.do(centre.kim, p.RemoveParticipant("x", centre.troll, "Falsk deltager"))
    log = log_of(sim)
    minutes = md(log)
    assert "Deltagere: 5 " in section(minutes, "## Deltagere")
    assert "40 samtaler" not in minutes
    data = export.render(log, "json", "da").decode()
    assert "40 samtaler" not in data
    assert '"removed":true' in data.replace(" ", "")
