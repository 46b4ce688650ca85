"""Starting `kerne-server` again "with the same command" serves the session it served,
instead of making a second, empty one with a code nobody has; `key` replaces a lost key."""

from __future__ import annotations

from pathlib import Path

from tests.server.cli import cli, codes, join_url, key_of, started, stopped
from tests.server.peer import hello, join


async def test_restart_without_title_serves_the_open_session(tmp_path: Path) -> None:
    """The second start prints the first session's title, code and join line, and no other."""
    db = tmp_path / "k.db"
    first, text = await started(db, "--title", "Hjemmeplejen Nord")
    [code] = codes(text)
    await stopped(first)
    again, text = await started(db)
    try:
        assert codes(text) == [code]
        assert "kerne session Hjemmeplejen Nord" in text
        peer = await join(join_url(text, code), code, "Hanne", "Social- og sundhedshjælper")
        assert peer.welcome["state"]["session"]["title"] == "Hjemmeplejen Nord"
    finally:
        await stopped(again)
    assert cli("sessions", "--db", str(db)).stdout.count("open") == 1


async def test_every_open_session_is_printed_with_its_join_line(tmp_path: Path) -> None:
    """Two open sessions: each has its title, code and participants' line."""
    db = tmp_path / "k.db"
    made = [codes(cli("new", "--db", str(db), "--title", t).stdout)[0] for t in ("Tand", "Vej")]
    proc, text = await started(db)
    try:
        assert codes(text) == made
        assert "kerne session Tand" in text and "kerne session Vej" in text
        for code in made:
            assert join_url(text, code).startswith("ws://127.0.0.1:")
    finally:
        await stopped(proc)


async def test_title_makes_a_new_session_beside_the_open_ones(tmp_path: Path) -> None:
    """--title adds a session with a new key and says the open one is served too."""
    db = tmp_path / "k.db"
    old = codes(cli("new", "--db", str(db), "--title", "Biblioteket").stdout)[0]
    proc, text = await started(db, "--title", "Jobcentret")
    try:
        [code] = codes(text)
        assert code != old and "kerne session Jobcentret" in text and key_of(text)
        assert "Also serving 1 other open session" in text
        _, welcome = await hello(join_url(text, code), old, name="Bo", profession="Bibliotekar")
        assert welcome["state"]["session"]["title"] == "Biblioteket"
    finally:
        await stopped(proc)


async def test_an_empty_database_gets_its_first_session(tmp_path: Path) -> None:
    """With nothing to serve, a first session is made and its key shown."""
    proc, text = await started(tmp_path / "k.db")
    try:
        assert len(codes(text)) == 1 and key_of(text)
    finally:
        await stopped(proc)


def test_session_options_without_title_are_refused_on_open_sessions(tmp_path: Path) -> None:
    """--professions alone would be silently lost beside the open sessions: one line."""
    db = str(tmp_path / "k.db")
    cli("new", "--db", db, "--title", "Skolen")
    result = cli("--db", db, "--port", "0", "--host", "127.0.0.1", "--professions", "Lærer")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "--professions describes a new session: add --title" in result.stderr


async def test_key_gives_an_open_session_a_new_key(tmp_path: Path) -> None:
    """The new key lets the facilitator in; the old one no longer does."""
    db = tmp_path / "k.db"
    made = cli("new", "--db", str(db), "--title", "PPR Syd").stdout
    code, old = codes(made)[0], key_of(made)
    result = cli("key", code, "--db", str(db))
    assert result.returncode == 0, result.stderr
    new = key_of(result.stdout)
    assert new != old
    proc, text = await started(db)
    try:
        url = join_url(text, code)
        await join(url, code, "Pia", "Psykolog", role="facilitator", facilitator_key=new)
        _, refused = await hello(
            url, code, name="Pia", profession="Psykolog", role="facilitator", facilitator_key=old
        )
        assert refused["code"] == "bad_facilitator_key"
    finally:
        await stopped(proc)


async def test_key_is_refused_while_a_server_serves_the_database(tmp_path: Path) -> None:
    """A running server keeps the key it loaded: `key` says to stop it first."""
    db = tmp_path / "k.db"
    proc, text = await started(db, "--title", "Tandplejen")
    try:
        result = cli("key", codes(text)[0], "--db", str(db))
        assert result.returncode == 2 and result.stderr.count("\n") == 1
        assert f"pid {proc.pid}" in result.stderr
    finally:
        await stopped(proc)


def test_key_for_an_unknown_session_is_one_line(tmp_path: Path) -> None:
    """A code the database does not hold is said so, and nothing is written."""
    db = str(tmp_path / "k.db")
    cli("new", "--db", db)
    result = cli("key", "ABCD-EFGH", "--db", db)
    assert result.returncode == 2 and "no session 'ABCD-EFGH'" in result.stderr
