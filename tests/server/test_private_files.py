"""What only the facilitator or the participant may read is created 0600, in folders
created 0700, whatever the umask: the database (who voted what) and its -wal/-shm, the
ready file (the facilitator key), and the client's saved profile with its resume tokens.
Rewritten files are replaced whole, never written over in place."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kerne_tui.profile import Memory
from tests.server.cli import cli, started, stopped


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """The common desktop umask (022): without care every file here would be 0644."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


async def test_database_and_its_wal_and_shm_are_private(tmp_path: Path) -> None:
    """While the server runs, the database, its -wal and its -shm are 0600."""
    db = tmp_path / "k.db"
    proc, _ = await started(db, "--title", "Plejecentret")
    try:
        for name in ("k.db", "k.db-wal", "k.db-shm"):
            assert mode(tmp_path / name) == 0o600, name
    finally:
        await stopped(proc)


def test_new_folders_for_the_database_are_private(tmp_path: Path) -> None:
    """`new --db` in folders that do not exist yet makes each of them 0700."""
    db = tmp_path / "kerne" / "data" / "k.db"
    assert cli("new", "--db", str(db)).returncode == 0
    assert mode(tmp_path / "kerne") == 0o700 and mode(tmp_path / "kerne" / "data") == 0o700
    assert mode(db) == 0o600


def test_an_older_readable_database_is_made_private(tmp_path: Path) -> None:
    """A database an older kerne left 0644 is 0600 once written again."""
    db = tmp_path / "k.db"
    cli("new", "--db", str(db))
    db.chmod(0o644)
    cli("new", "--db", str(db))
    assert mode(db) == 0o600


async def test_ready_file_is_private_and_replaced_whole(tmp_path: Path) -> None:
    """The ready file holds the facilitator key: 0600, and a new file (not written over),
    so a reader never sees half of it and an old link to it keeps the old content."""
    ready = tmp_path / "ready.json"
    ready.write_text("{}")
    ready.chmod(0o644)
    old_link = tmp_path / "old-ready.json"
    os.link(ready, old_link)
    proc, _ = await started(tmp_path / "k.db", "--title", "Tandplejen", "--ready-file", str(ready))
    try:
        assert json.loads(ready.read_text())["facilitator_key"] and mode(ready) == 0o600
        assert old_link.read_text() == "{}"
        assert sorted(p.name for p in tmp_path.iterdir() if "ready" in p.name) == [
            "old-ready.json",
            "ready.json",
        ]
    finally:
        await stopped(proc)


def test_client_profile_is_private_and_replaced_whole(tmp_path: Path) -> None:
    """client.json (name, profession, resume tokens) is 0600 in a 0700 folder, replaced."""
    folder = tmp_path / "config" / "kerne"
    memory = Memory.load(folder)
    memory.name, memory.profession = "Lone", "Pædagog"
    memory.tokens["ws://192.168.1.20:8765|K7QXM2PA|participant"] = "t0k3n"
    memory.save()
    saved = folder / "client.json"
    assert mode(saved) == 0o600
    assert mode(folder) == 0o700 and mode(folder.parent) == 0o700
    old_link = tmp_path / "old.json"
    os.link(saved, old_link)
    saved.chmod(0o644)
    memory.name = "Lone B."
    memory.save()
    assert json.loads(saved.read_text())["name"] == "Lone B." and mode(saved) == 0o600
    assert json.loads(old_link.read_text())["name"] == "Lone"
    assert [p.name for p in folder.iterdir()] == ["client.json"]
