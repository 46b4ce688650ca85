"""Typed events: one struct per kind, stored as the untyped versions stored them."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from server import events, model, public_events, views
from server import protocol as p
from server.store import Store
from tests.unit.golden import GOLDEN, anonymous_home, golden_records


def test_every_kind_has_one_fact_and_one_public_shape() -> None:
    """Each kind is named once among the stored structs and once among the public ones."""
    facts = get_args(events.EventData)
    shown = get_args(public_events.PublicData)
    assert len(events.KIND_TYPES) == len(facts) == len(shown) == len(public_events.PUBLIC_TYPES)
    assert set(events.KIND_TYPES) == set(public_events.PUBLIC_TYPES)


def test_a_conflict_stored_before_the_lens_reads_without_a_suggestion() -> None:
    """Rows written before lens suggestions existed lack the key and replay as None."""
    row = (
        '{"conflict_id":"c1","title":"Genoptræning eller hjælp","description":"",'
        '"professions":["Sygeplejerske"],"refs":[{"kind":"draft","id":"d1"}]}'
    )
    data = events.decode_data("conflict_recorded", row)
    assert data == events.ConflictRecorded(
        "c1", "Genoptræning eller hjælp", "", ["Sygeplejerske"], [p.Ref("draft", "d1")], None
    )


def test_a_stored_kind_this_version_does_not_know_is_refused_by_name() -> None:
    """A row of an unknown kind stops the replay with a message that names the kind."""
    with pytest.raises(ValueError, match="break_taken"):
        events.decode_data("break_taken", "{}")


def test_an_existing_database_replays_to_the_same_session(tmp_path: Path) -> None:
    """Rows as the untyped version wrote them replay, through the store, to the same state."""
    run = anonymous_home()
    code = run.state.info.code
    records = golden_records(GOLDEN.read_text(encoding="utf-8").splitlines())
    rows = [r for r in records if r.run == "solhaven"]
    store = Store(tmp_path / "kerne.db")
    try:
        store.create_session(run.state.info, "hash", "2026-11-28T08:00:00Z")
        for record, event in zip(rows, run.events, strict=True):
            store.conn.execute(
                "INSERT INTO events (session, seq, at, kind, actor, data, public)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    code,
                    record.seq,
                    event.at,
                    record.kind,
                    event.actor,
                    record.stored,
                    record.public,
                ),
            )
        replayed = model.replay(run.state.info, [row.event for row in store.events(code)])
    finally:
        store.close()
    for viewer in (None, "p1", "p2", "p6"):
        assert views.snapshot(replayed, viewer) == views.snapshot(run.state, viewer)
    assert replayed == run.state


def test_removing_a_statement_releases_no_dots() -> None:
    """Only drafts carry dots: a removed statement tells no voter anything."""
    removal = events.ItemRemoved("statement", "s1", "Navn på en beboer", [])
    assert model.released(events.Event("p1", removal, "2026-11-28T09:00:00Z")) == (None, [])


def test_removing_a_draft_releases_its_voters_dots() -> None:
    """A removed draft names itself and each voter who had a dot on it."""
    removal = events.ItemRemoved("draft", "d2", "Personfølsomt", ["p2", "p4"])
    event = events.Event("p1", removal, "2026-11-28T09:00:00Z")
    assert model.released(event) == ("d2", ["p2", "p4"])
