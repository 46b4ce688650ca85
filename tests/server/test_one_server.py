"""One server per database: a second one would hold its own copy of every session, and
its clients would see another state. The lock is the operating system's, so a server
killed with SIGKILL never blocks the restart; reading and adding sessions still work."""

from __future__ import annotations

from pathlib import Path

from tests.server.cli import cli, codes, join_url, started, stopped
from tests.server.peer import join
from tests.serverprocess import ServerProcess


async def test_a_second_server_on_the_same_file_is_refused(tmp_path: Path) -> None:
    """One line names the running server's pid and address; the first keeps serving."""
    db = tmp_path / "k.db"
    first, text = await started(db, "--title", "Skolen ved Søen")
    try:
        second = cli("--db", str(db), "--host", "127.0.0.1", "--port", "0")
        assert second.returncode == 2 and second.stderr.count("\n") == 1, second.stderr
        code = codes(text)[0]
        url = join_url(text, code)
        assert f"pid {first.pid}" in second.stderr and url in second.stderr
        peer = await join(url, code, "Lars", "Lærer")
        assert peer.welcome["state"]["session"]["title"] == "Skolen ved Søen"
    finally:
        await stopped(first)


async def test_a_restart_after_sigkill_is_not_blocked(tmp_path: Path) -> None:
    """The lock dies with the process: kill -9, then start again on the same file."""
    db, ready = tmp_path / "k.db", tmp_path / "ready.json"
    first = ServerProcess(db, ready, "--title", "Hjemmeplejen Vest")
    code = (await first.info())["code"]
    first.kill()
    again = ServerProcess(db, ready, "--session", code)
    try:
        info = await again.info()
        assert int(info["pid"]) == again.proc.pid
        await join(info["url"], code, "Hanne", "Social- og sundhedshjælper")
    finally:
        again.kill()


async def test_new_sessions_and_export_work_beside_a_running_server(tmp_path: Path) -> None:
    """The lock is for serving only: adding, listing and exporting go on beside it."""
    db = tmp_path / "k.db"
    proc, text = await started(db, "--title", "Biblioteket")
    try:
        made = cli("new", "--db", str(db), "--title", "Jobcentret")
        assert made.returncode == 0, made.stderr
        listed = cli("sessions", "--db", str(db))
        assert "Biblioteket" in listed.stdout and "Jobcentret" in listed.stdout
        minutes = cli("export", codes(text)[0], "--db", str(db))
        assert minutes.returncode == 0 and "Biblioteket" in minutes.stdout
    finally:
        await stopped(proc)
