"""Where a session lives when the database is split in shards (server/shards.py): files
beside the database, placed by what they hold, never by a hash that changes with N."""

from __future__ import annotations

from pathlib import Path

import pytest

from kerne_tui.connection import moved_to
from server import protocol as p
from server.model import SessionInfo
from server.shards import (
    Shard,
    ShardError,
    check_count,
    on_disk,
    place,
    shard_of,
    shard_path,
    shard_paths,
)
from server.store import Store


def _session(path: Path, code: str, title: str) -> None:
    """A session in one shard file, as `kerne-server new` writes it."""
    store = Store(path)
    try:
        store.create_session(SessionInfo(code=code, title=title), "hash", "2026-11-30T09:30:00Z")
    finally:
        store.close()


def test_the_first_shard_is_the_database_itself(tmp_path: Path) -> None:
    """A database never split is shard 1 of 1: nothing about it changes."""
    db = tmp_path / "kerne.db"
    assert shard_paths(db, 3) == [db, tmp_path / "kerne.shard2.db", tmp_path / "kerne.shard3.db"]
    assert on_disk(db) == 1


def test_the_shards_on_disk_are_counted_by_the_highest_file(tmp_path: Path) -> None:
    """Other files beside the database (a backup, another tool's) do not count."""
    db = tmp_path / "kerne.db"
    for name in ("kerne.shard3.db", "kerne.shard3.db.lock", "kerne.shardx.db", "andet.shard9.db"):
        (tmp_path / name).touch()
    assert on_disk(db) == 3


def test_fewer_shards_than_on_disk_are_refused(tmp_path: Path) -> None:
    """Serving a split database with fewer processes would leave sessions unserved."""
    db = tmp_path / "kerne.db"
    shard_path(db, 2).touch()
    with pytest.raises(ShardError, match="--shards 2"):
        check_count(db, 1)
    check_count(db, 2)
    check_count(db, 4)


def test_a_new_session_goes_to_the_emptiest_shard(tmp_path: Path) -> None:
    """The school joins the shard without the nursing home's open session."""
    db = tmp_path / "kerne.db"
    _session(db, "K7QXM2PA", "Plejecenter Solbakken")
    assert place(db, 2, []) == 2
    assert place(db, 1, []) == 1


def test_a_linked_session_goes_to_the_shard_of_the_one_it_names(tmp_path: Path) -> None:
    """A team below the job centre lives where the job centre's session does, however
    full that shard is."""
    db = tmp_path / "kerne.db"
    _session(shard_path(db, 2), "J0BC3NTR", "Jobcentret")
    _session(shard_path(db, 2), "AFDEL1NG", "Ungeafdelingen")
    assert shard_of(db, "J0BC3NTR") == 2
    assert place(db, 2, ["J0BC3NTR"]) == 2
    assert place(db, 2, ["UKENDT00"]) == 1  # nothing holds it: the emptiest


def test_a_shard_names_the_port_of_the_one_holding_a_code(tmp_path: Path) -> None:
    """The first shard, asked for the second's session, says the second's port, and
    nothing for a code no shard holds."""
    db = tmp_path / "kerne.db"
    _session(db, "K7QXM2PA", "Plejecenter Solbakken")
    _session(shard_path(db, 2), "SK0LEN01", "Skolen ved Søen")
    first = Shard(1, shard_paths(db, 2), [8765, 8766])
    assert first.elsewhere("SK0LEN01") == 8766
    assert first.elsewhere("ZZZZZZZZ") is None


def test_a_client_follows_a_port_on_the_same_host_only() -> None:
    """The pointer changes the port of the URL the client used, never its host."""
    pointed = p.Error("h1", "unknown_session", "elsewhere", port=8766)
    assert moved_to("ws://192.168.1.20:8765", pointed) == "ws://192.168.1.20:8766"
    assert moved_to("wss://[fe80::1]:8765/", pointed) == "wss://[fe80::1]:8766/"
    assert moved_to("ws://10.0.0.5:8765", p.Error("h1", "unknown_session", "no")) is None
    assert moved_to("ws://10.0.0.5:8765", p.Error("h1", "session_closed", "x", port=1)) is None
