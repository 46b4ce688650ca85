"""`--sector`: the kind of workplace is stored with the session, offered in the snapshot,
and picks the professions offered at join (issue 15)."""

from __future__ import annotations

from pathlib import Path

from server.store import Store
from tests.server.cli import cli, codes, join_url, started, stopped
from tests.server.peer import join


async def test_a_school_session_offers_school_professions(tmp_path: Path) -> None:
    """`new --sector school`: teachers and pedagogues offered, sector in every snapshot."""
    db = tmp_path / "k.db"
    out = cli("new", "--db", str(db), "--title", "Skolen ved Søen", "--sector", "school").stdout
    code = codes(out)[0]
    proc, text = await started(db, "--session", code)
    try:
        anne = await join(join_url(text, code), code.replace("-", ""), "Anne", "Lærer")
        session = anne.welcome["state"]["session"]
        assert session["sector"] == "school"
        assert "Lærer" in session["professions"] and "Pædagog" in session["professions"]
        assert "Sygeplejerske" not in session["professions"]
        await anne.close()
    finally:
        await stopped(proc)


def test_the_sector_survives_a_restart_of_the_store(tmp_path: Path) -> None:
    """The sector is a column of the session: read back as it was written."""
    db = tmp_path / "k.db"
    cli("new", "--db", str(db), "--title", "Jobcenter Nord", "--sector", "jobcentre")
    cli("new", "--db", str(db), "--title", "Uden sektor")
    store = Store(db)
    try:
        stored = [store.session(code) for code in store.session_codes()]
        sectors = {s.info.title: s.info.sector for s in stored if s is not None}
    finally:
        store.close()
    assert sectors == {"Jobcenter Nord": "jobcentre", "Uden sektor": None}


async def test_the_start_up_text_follows_the_language(tmp_path: Path) -> None:
    """`--lang da`: the facilitator reads the start-up text in Danish, commands unchanged."""
    proc, text = await started(
        tmp_path / "k.db", "--title", "Plejecenter Egebakken", "--lang", "da"
    )
    try:
        assert "mødekode:" in text and "facilitatornøgle:" in text
        assert "join code" not in text and "participants" not in text
        assert "kerne-tui join " in text and "Ctrl+C stopper serveren" in text
    finally:
        await stopped(proc)
