"""`kerne-server` as a person uses it: printed codes, the session list, clear failures."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

from tests.server.peer import join
from tests.serverprocess import printing_server, stop_printing_server


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        capture_output=True,
        text=True,
        timeout=30,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "HOME": str(Path.home())},
    )


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
    proc, text = await printing_server(tmp_path / "k.db", "PPR Syd")
    try:
        match = re.search(r"kerne-tui join (\S+) --server (ws://\S+)", text)
        assert match, text
        peer = await join(match.group(2), match.group(1), "Pernille", "Psykolog")
        assert peer.welcome["state"]["session"]["title"] == "PPR Syd"
    finally:
        await stop_printing_server(proc)


async def test_ipv6_host_is_printed_in_brackets(tmp_path: Path) -> None:
    """`--host ::1` prints ws://[::1]:PORT, which a client can use as it is."""
    proc, text = await printing_server(tmp_path / "k.db", "Tandplejen", "--host", "::1")
    try:
        match = re.search(r"kerne-tui join (\S+) --server (ws://\[::1\]:\d+)\n", text)
        assert match, text
        peer = await join(match.group(2), match.group(1), "Tove", "Tandplejer")
        assert peer.welcome["state"]["session"]["title"] == "Tandplejen"
    finally:
        await stop_printing_server(proc)
