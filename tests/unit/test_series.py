"""What a follow-up session carries over, as plain calls: the work to pick up and
nothing that belonged to the people in the earlier room."""

from __future__ import annotations

from server import fold, model, series, views
from server import protocol as p
from server.events import SeriesCarried
from tests.unit.sim import NOW, Sim, new_sim

TASK = "Beboeren lever et trygt liv med mest mulig selvbestemmelse"


def earlier() -> Sim:
    sim = new_sim(anonymous=False)
    mette = sim.join("Mette", "Leder", "facilitator")
    anne = sim.join("Anne", "Sygeplejerske")
    sim.do(anne, p.ProposeDraft("x", "Vi giver god pleje"))
    sim.do(anne, p.ReviseDraft("x", "d1", TASK))
    sim.do(mette, p.FinalizeDraft("x", "d1"))
    sim.do(anne, p.AddStatement("x", "Beboeren sover trygt"))
    sim.do(anne, p.AddStatement("x", "Antal bade pr. uge"))
    sim.do(anne, p.TagStatement("x", "s1", "effect"))
    sim.do(mette, p.ClassifyStatement("x", "s1", "effect"))
    sim.do(anne, p.RecordDilemma("x", "Bad eller søvn", "citizens_staff", side_a="Hygiejne"))
    sim.do(anne, p.RecordDilemma("x", "Løst allerede", "resources"))
    sim.do(mette, p.UpdateConflict("x", "c2", "resolved", None))
    sim.do(mette, p.AddAction("x", "Natlig tilsynsplan", who="Anne"))
    sim.do(mette, p.AddAction("x", "Ny badeliste"))
    sim.do(mette, p.UpdateAction("x", "a2", status="dropped"))
    return sim


def carried() -> model.Event:
    sim = earlier()
    events = [event for event, _ in sim.events]
    return model.Event(None, series.carry(sim.state, events, events[0].at), NOW)


def test_the_chosen_task_travels_with_every_wording() -> None:
    """Both wordings of the chosen draft, oldest first, and when it was chosen."""
    data = carried().data
    assert isinstance(data, SeriesCarried)
    assert [v.text for v in data.versions] == ["Vi giver god pleje", TASK]
    assert data.chosen_at == NOW and data.draft_id == "d1"


def test_only_agreed_statements_open_conflicts_and_open_actions_travel() -> None:
    """The unsettled statement, the resolved conflict and the dropped action stay behind."""
    data = carried().data
    assert isinstance(data, SeriesCarried)
    assert [(s.text, s.agreed) for s in data.statements] == [("Beboeren sover trygt", "effect")]
    assert [(c.title, c.side_a) for c in data.conflicts] == [("Bad eller søvn", "Hygiejne")]
    assert [(a.what, a.who) for a in data.actions] == [("Natlig tilsynsplan", "Anne")]


def test_the_new_session_has_the_items_without_tags_votes_or_authors() -> None:
    """Applied, the carried items are the new session's own: untagged, unauthored."""
    state = model.new_state(model.SessionInfo(code="QXM2PAK7", title="Solhaven igen"))
    model.apply(state, carried())
    snap = views.snapshot(state, None)
    assert [(d.text, d.final, d.author) for d in snap.drafts] == [(TASK, True, None)]
    assert snap.statements[0].tally == {"output": 0, "effect": 0}
    assert snap.rounds == [] and snap.participants == []
    assert snap.follow.follows == "Plejecenter Solhaven: vores kerneopgave"


def test_folding_the_carried_event_gives_the_fresh_snapshot() -> None:
    """A client that was there when the session began folds it to what a hello gives."""
    state = model.new_state(model.SessionInfo(code="QXM2PAK7", title="Solhaven igen"))
    before = views.snapshot(state, None)
    event = carried()
    model.apply(state, event)
    snap, _ = fold.fold(before, views.public_event(state, event), p.Mine(), "")
    assert snap == views.snapshot(state, None)
