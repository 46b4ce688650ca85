"""`kerne-server` as a person uses it: printed codes, the session list, clear failures."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server.cli import ENV, cli, started, stopped
from tests.server.peer import hello, join
from tests.serverprocess import ServerProcess


def test_new_prints_code_and_key(tmp_path: Path) -> None:
    """`new` adds a session and prints its join code and facilitator key."""
    out = cli("new", "--db", str(tmp_path / "k.db"), "--title", "Hjemmeplejen Vest").stdout
    assert re.search(r"join code:\s+[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", out)
    assert re.search(r"facilitator key:\s+\S{22}", out)


def test_sessions_lists_what_the_database_holds(tmp_path: Path) -> None:
    """`sessions` shows each session's code and title in a table."""
    db = str(tmp_path / "k.db")
    cli("new", "--db", db, "--title", "Tandplejen")
    cli("new", "--db", db, "--title", "Vej og park")
    out = cli("sessions", "--db", db).stdout
    assert "Tandplejen" in out and "Vej og park" in out and out.count("open") == 2


def test_busy_port_is_one_clear_line(tmp_path: Path) -> None:
    """A port in use is reported in one line with a non-zero exit."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("--host", "127.0.0.1", "--port", str(port), "--db", str(tmp_path / "k.db"))
    assert result.returncode != 0
    assert f"port {port} is already in use" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_session_code_is_refused(tmp_path: Path) -> None:
    """Reopening a session the database does not hold fails clearly."""
    result = cli("--session", "ABCD-EFGH", "--port", "0", "--db", str(tmp_path / "k.db"))
    assert result.returncode == 2 and "no session 'ABCD-EFGH'" in result.stderr


def test_unreadable_database_is_refused(tmp_path: Path) -> None:
    """A database path that cannot be opened fails clearly."""
    bad = tmp_path / "not-a-db"
    bad.write_bytes(b"this is not sqlite" * 100)
    result = cli("sessions", "--db", str(bad))
    assert result.returncode == 2 and "cannot use the database" in result.stderr


async def test_printed_code_lets_a_plain_client_join(tmp_path: Path) -> None:
    """The code and the join line printed at start-up are enough to join."""
    proc, text = await started(tmp_path / "k.db", "--title", "PPR Syd")
    try:
        match = re.search(r"kerne-tui join (\S+) --server (ws://\S+)", text)
        assert match, text
        peer = await join(match.group(2), match.group(1), "Pernille", "Psykolog")
        assert peer.welcome["state"]["session"]["title"] == "PPR Syd"
    finally:
        await stopped(proc)


async def test_ipv6_host_is_printed_in_brackets(tmp_path: Path) -> None:
    """`--host ::1` prints ws://[::1]:PORT, which a client can use as it is."""
    proc, text = await started(tmp_path / "k.db", "--title", "Tandplejen", "--host", "::1")
    try:
        match = re.search(r"kerne-tui join (\S+) --server (ws://\[::1\]:\d+)\n", text)
        assert match, text
        peer = await join(match.group(2), match.group(1), "Tove", "Tandplejer")
        assert peer.welcome["state"]["session"]["title"] == "Tandplejen"
    finally:
        await stopped(proc)


def as_someone_who_may_not_write(*args: str) -> subprocess.CompletedProcess[str]:
    """`kerne-server` run by a user who may not write the files made here (root may write
    anything, so as root the command runs as `nobody`, through util-linux's setpriv)."""
    command = [sys.executable, "-m", "server", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root, and setpriv is not there to run as nobody")
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        probe = [*command[:5], "-c", "import server"]
        if subprocess.run(probe, capture_output=True, timeout=30, cwd="/").returncode != 0:
            # A checkout in a folder closed to other users (mktemp -d makes 0700 ones).
            pytest.skip("nobody may not read this checkout, so cannot run kerne-server")
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=30,
        env={**ENV, "HOME": "/nonexistent"},
        cwd="/",
    )


@pytest.fixture
def read_only_database() -> Iterator[Path]:
    """A kerne database its reader may read but not write (the folder is open to all, as
    /tmp is: the lock file and SQLite's side files may be made there)."""
    folder = Path(tempfile.mkdtemp(prefix="kerne-ro-"))
    db = folder / "k.db"
    try:
        assert cli("new", "--db", str(db), "--title", "Tandplejen").returncode == 0
        for path in folder.iterdir():
            path.chmod(0o444)
        folder.chmod(0o777)
        yield db
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


@pytest.mark.parametrize("command", [["new"], ["--host", "127.0.0.1", "--port", "0"]], ids=str)
def test_unwritable_database_is_one_line(read_only_database: Path, command: list[str]) -> None:
    """`new` and `serve` on a database they may not write say so in one line."""
    result = as_someone_who_may_not_write(*command, "--db", str(read_only_database))
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and str(read_only_database) in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["new"], ["--host", "127.0.0.1", "--port", "0"]], ids=str)
def test_database_under_a_file_is_one_line(tmp_path: Path, command: list[str]) -> None:
    """A --db whose folder is a file (a typo) is one line, not a traceback."""
    (tmp_path / "notes.txt").write_text("Husk kaffe")
    result = cli(*command, "--db", str(tmp_path / "notes.txt" / "k.db"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_the_server_logs_with_timestamps_to_standard_error(tmp_path: Path) -> None:
    """Logging is configured: a timestamped info line on stderr; --log-level warning hides it."""
    for level, shown in (("info", True), ("warning", False)):
        ready = tmp_path / f"{level}.json"
        process = ServerProcess(tmp_path / f"{level}.db", ready, "--log-level", level)
        try:
            asyncio.run(process.info())
        finally:
            process.proc.terminate()
            process.proc.wait()
        logged = re.search(
            r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO kerne\.server: listening on 127\.0\.0\.1",
            process.stderr,
            re.MULTILINE,
        )
        assert bool(logged) is shown, process.stderr


def test_license_is_the_mit_license_pyproject_names() -> None:
    """pyproject says MIT; the LICENSE file is there and says so, with the copyright line."""
    root = Path(__file__).parents[2]
    text = (root / "LICENSE").read_text()
    assert text.startswith("MIT License")
    assert "Copyright (c) 2026 the kerne authors" in text
    assert 'license = "MIT"' in (root / "pyproject.toml").read_text()


async def test_join_rate_is_set_with_an_option(tmp_path: Path) -> None:
    """`--join-rate 1 --join-rate-loopback` lets two new participants in at once from
    this machine (a burst of twice the rate), then refuses the third rate_limited."""
    process = ServerProcess(
        tmp_path / "k.db",
        tmp_path / "ready.json",
        "--title",
        "Skovbrynets Skole",
        "--join-rate",
        "1",
        "--join-rate-loopback",
    )
    try:
        info = await process.info()
        for name in ("Ida", "Jens"):
            await join(info["url"], info["code"], name, "Lærer")
        _peer, answer = await hello(info["url"], info["code"], name="Kaj", profession="Lærer")
        assert answer["code"] == "rate_limited" and answer["retry_after"] > 50
    finally:
        process.kill()
