"""`sessions` and `export` only read: they never create a file where a path was mistyped,
never add a table or switch the journal mode; the database carries a version, and a file
that is not kerne's, or is a newer kerne's, is refused untouched by every command."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from server import schema
from tests.server.cli import cli, codes


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder and a hash of its bytes."""
    return {
        f.name: hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(folder.iterdir())
        if f.is_file()
    }


def one_line(result: object) -> str:
    assert getattr(result, "returncode") == 2  # noqa: B009 - CompletedProcess[str]
    stderr = str(getattr(result, "stderr"))  # noqa: B009
    assert stderr.count("\n") == 1, stderr
    return stderr


def residents_db(path: Path) -> None:
    """Another program's SQLite file: a nursing home's list of residents, rollback journal."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE beboere (navn TEXT, stue INTEGER)")
        conn.execute("INSERT INTO beboere VALUES ('Inger', 12), ('Poul', 14)")
    conn.close()


def test_sessions_on_a_mistyped_path_creates_nothing(tmp_path: Path) -> None:
    """`sessions --db typo.db` fails in one line and leaves no file."""
    stderr = one_line(cli("sessions", "--db", str(tmp_path / "typo.db")))
    assert "no database at" in stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["sessions"], ["export", "K7QX-M2PA"]], ids=str)
def test_read_only_commands_refuse_another_programs_database_untouched(
    tmp_path: Path, command: list[str]
) -> None:
    """No kerne table added, no WAL switched on, not a byte changed: one line instead."""
    db = tmp_path / "beboere.db"
    residents_db(db)
    before = fingerprint(tmp_path)
    stderr = one_line(cli(*command, "--db", str(db)))
    assert "is not a kerne database" in stderr and "beboere" in stderr
    assert fingerprint(tmp_path) == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


@pytest.mark.parametrize("command", [["new"], ["--port", "0", "--host", "127.0.0.1"]], ids=str)
def test_writing_commands_refuse_another_programs_database_untouched(
    tmp_path: Path, command: list[str]
) -> None:
    """`new` and `serve` refuse it too, before changing anything."""
    db = tmp_path / "beboere.db"
    residents_db(db)
    before = fingerprint(tmp_path)
    stderr = one_line(cli(*command, "--db", str(db)))
    assert "is not a kerne database" in stderr
    assert fingerprint(tmp_path) == before


@pytest.mark.parametrize("command", [["sessions"], ["new"]], ids=str)
def test_a_newer_kernes_database_is_refused_untouched(tmp_path: Path, command: list[str]) -> None:
    """A database version this kerne does not know is left to the kerne that wrote it."""
    db = tmp_path / "k.db"
    cli("new", "--db", str(db), "--title", "Skolen")
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {schema.VERSION + 1}")
    conn.close()
    before = fingerprint(tmp_path)
    stderr = one_line(cli(*command, "--db", str(db)))
    assert "newer kerne" in stderr
    assert fingerprint(tmp_path)["k.db"] == before["k.db"]


def test_a_new_database_carries_the_current_version(tmp_path: Path) -> None:
    """`new` on a fresh file stamps PRAGMA user_version."""
    db = tmp_path / "k.db"
    cli("new", "--db", str(db))
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
    conn.close()


def test_sessions_leaves_a_stopped_servers_database_as_it_was(tmp_path: Path) -> None:
    """Listing the sessions of a database nobody has open leaves no file behind or changed."""
    db = tmp_path / "k.db"
    cli("new", "--db", str(db), "--title", "Vej og park")
    before = fingerprint(tmp_path)
    result = cli("sessions", "--db", str(db))
    assert "Vej og park" in result.stdout
    assert fingerprint(tmp_path) == before


def test_an_unversioned_kerne_database_is_recognised_and_stamped(tmp_path: Path) -> None:
    """A database from before versions is read as it is, and stamped when next written."""
    db = tmp_path / "k.db"
    with sqlite3.connect(db) as conn:
        for statement in schema.V1:
            conn.execute(statement)
        conn.execute(
            "INSERT INTO sessions (code, title, professions, anonymous, k_anonymity, key_hash,"
            " created_at) VALUES ('K7QXM2PA', 'Plejecentret', '[]', 1, 3, 'x', '2025-01-01')"
        )
    conn.close()
    assert "Plejecentret" in cli("sessions", "--db", str(db)).stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0  # a reader stamps nothing
    conn.close()
    made = codes(cli("new", "--db", str(db), "--title", "Hjemmeplejen").stdout)
    assert len(made) == 1
    listed = cli("sessions", "--db", str(db)).stdout
    assert "Plejecentret" in listed and "Hjemmeplejen" in listed
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
    conn.close()
