"""The store's held appends: a turn's events are committed together, or not at all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from server import model
from server.events import Event, StatementAdded
from server.store import Store

NOW = "2026-11-30T09:00:00Z"
INFO = model.SessionInfo(code="HJEM4567", title="Plejehjemmet Solhaven: aftenvagten")


def statement(number: int) -> Event:
    return Event("p1", StatementAdded(statement_id=f"s{number}", text="Vi mangler tid"), NOW)


def stored_elsewhere(path: Path) -> list[int]:
    """The seqs another connection (the export, a restart) reads from the file."""
    other = Store(path, read_only=True)
    try:
        return [row.seq for row in other.events(INFO.code)]
    finally:
        other.close()


def test_held_appends_reach_the_file_only_when_saved(tmp_path: Path) -> None:
    """Events appended under a hold are in no other reader's view until `save`."""
    store = Store(tmp_path / "solhaven.db")
    try:
        store.create_session(INFO, "hash", NOW)
        store.hold()
        store.append(INFO.code, 1, statement(1), "{}")
        store.append(INFO.code, 2, statement(2), "{}")
        assert stored_elsewhere(tmp_path / "solhaven.db") == []
        store.save()
        assert stored_elsewhere(tmp_path / "solhaven.db") == [1, 2]
    finally:
        store.close()


def test_dropped_appends_are_gone_and_the_next_hold_starts_clean(tmp_path: Path) -> None:
    """A hold given up (its commit failed) leaves the log as it was before it."""
    store = Store(tmp_path / "solhaven.db")
    try:
        store.create_session(INFO, "hash", NOW)
        store.append(INFO.code, 1, statement(1), "{}")
        store.hold()
        store.append(INFO.code, 2, statement(2), "{}")
        store.drop()
        assert [row.seq for row in store.events(INFO.code)] == [1]
        store.hold()
        store.append(INFO.code, 2, statement(2), "{}")
        store.save()
        assert stored_elsewhere(tmp_path / "solhaven.db") == [1, 2]
    finally:
        store.close()


def test_a_join_inside_a_hold_keeps_its_token_with_its_event(tmp_path: Path) -> None:
    """A refused join row under a hold takes its event back, and the held rest stays."""
    store = Store(tmp_path / "solhaven.db")
    try:
        store.create_session(INFO, "hash", NOW)
        store.hold()
        store.append(INFO.code, 1, statement(1), "{}")
        store.append(INFO.code, 2, statement(2), "{}", token_hash="tok")
        with pytest.raises(sqlite3.IntegrityError):
            # The same participant id again: its token row is refused, so is its event.
            store.append(INFO.code, 3, statement(3), "{}", token_hash="tok")
        store.save()
        assert stored_elsewhere(tmp_path / "solhaven.db") == [1, 2]
    finally:
        store.close()
