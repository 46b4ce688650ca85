"""The session export of a workshop run through the real server: every format read from
the stored log, checked for content, anonymity and determinism, and `kerne-server export`
run against the database while the server runs and after it has stopped."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import csv
import io
import json
import re
import sys
import zipfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from server import archive, export, views
from server import protocol as p
from server.catalog.minutes import DA
from server.model import SessionInfo
from server.store import Store
from tests.realserver import Running, run_server
from tests.server.peer import Peer, join

NURSE = "Sygeplejerske"
ASSISTANT = "Social- og sundhedsassistent"
THERAPIST = "Ergoterapeut"
NAMES = (
    "Mette",
    "Lisbeth",
    "Torben",
    "Gunhild",
    "Dorthe",
    "Kasper",
    "Yasmin",
    "Frederik",
    "Vibeke",
)
FINAL = (
    "Sammen med beboeren og de pårørende skaber vi tryghed og en hverdag, "
    "hvor beboeren selv bestemmer mest muligt"
)


@dataclass
class Workshop:
    """Plejecenter Egebakken's morning: who took part and the session's join code."""

    running: Running
    peers: dict[str, Peer]

    @property
    def code(self) -> str:
        return self.running.code

    async def leave(self) -> None:
        """Everyone reads what is still waiting for them, then hangs up: a client that
        stops reading would hold the server's shutdown until its close timeout."""
        last = self.running.hub.sessions[self.code].state.seq
        for peer in self.peers.values():
            while peer.seq < last:
                await peer.expect("event")
            with contextlib.suppress(TimeoutError):
                while True:  # presence messages may follow the last event
                    await asyncio.wait_for(peer.next(), 0.02)
            await peer.close()


async def staff(server: Running) -> dict[str, Peer]:
    """The team leader facilitates without voting; three nurses (one typed the profession
    in lower case), three care assistants and an occupational therapist take part; a
    relative observes."""
    peers = {
        "Mette": await join(
            server.url,
            server.code,
            "Mette",
            "Leder",
            role="facilitator",
            votes=False,
            facilitator_key=server.key,
        )
    }
    for name, profession in (
        ("Lisbeth", NURSE),
        ("Torben", NURSE),
        ("Gunhild", "sygeplejerske"),
        ("Dorthe", ASSISTANT),
        ("Kasper", ASSISTANT),
        ("Yasmin", ASSISTANT),
        ("Frederik", THERAPIST),
    ):
        peers[name] = await join(server.url, server.code, name, profession)
    peers["Vibeke"] = await join(server.url, server.code, "Vibeke", None, role="observer")
    return peers


async def tag(peers: dict[str, Peer], statement: str, tags: str) -> None:
    """Tags by the seven staff in joining order: "o" output, "e" effect, "-" none."""
    voters = [name for name in peers if name not in ("Mette", "Vibeke")]
    for name, letter in zip(voters, tags, strict=True):
        if letter != "-":
            chosen = "output" if letter == "o" else "effect"
            await peers[name].ok("tag_statement", statement_id=statement, tag=chosen)


async def vote(peers: dict[str, Peer], ballots: dict[str, list[str]]) -> None:
    for name, drafts in ballots.items():
        for draft in drafts:
            await peers[name].ok("cast_vote", draft_id=draft)


async def statements_phase(peers: dict[str, Peer]) -> None:
    """Five statements, two of them disputed; the facilitator settles three."""
    mette = peers["Mette"]
    await mette.ok("set_phase", phase="statements")
    for name, text in (
        ("Lisbeth", "Antal ture i haven pr. uge"),
        ("Dorthe", "Beboeren kan selv vælge, hvornår dagen begynder"),
        ("Frederik", "Træning i at klæde sig på efter et fald"),
        ("Kasper", "Minutter brugt på rengøring af boligen"),
        ("Gunhild", "Pårørende føler sig velkomne"),
    ):
        await peers[name].ok("add_statement", text=text)
    await tag(peers, "s1", "oooooeo")
    await tag(peers, "s2", "eeeeeee")
    await tag(peers, "s3", "oeoeoee")
    await tag(peers, "s4", "oooooo-")
    await tag(peers, "s5", "eoeo---")
    await mette.ok("classify_statement", statement_id="s1", tag="output")
    await mette.ok("classify_statement", statement_id="s2", tag="effect")
    await mette.ok("classify_statement", statement_id="s4", tag="output")


async def drafts_phase(peers: dict[str, Peer]) -> None:
    """Three drafts, a blind round, a revision and a withdrawal, an open round, a choice."""
    mette = peers["Mette"]
    await mette.ok("set_phase", phase="drafts")
    await peers["Torben"].ok("propose_draft", text="Vi giver beboerne god pleje og omsorg")
    await peers["Yasmin"].ok(
        "propose_draft", text="Beboeren oplever tryghed og bestemmer selv over sin hverdag"
    )
    await peers["Frederik"].ok("propose_draft", text="Vi holder beboerne i gang")
    await mette.ok("set_phase", phase="voting")
    await mette.ok("open_round", dots=2, blind=True)
    await vote(
        peers,
        {
            "Lisbeth": ["d1", "d2"],
            "Torben": ["d1"],
            "Gunhild": ["d2"],
            "Dorthe": ["d2", "d3"],
            "Kasper": ["d1", "d2"],
            "Yasmin": ["d2"],
            "Frederik": ["d3"],
        },
    )
    await mette.ok("close_round")
    await peers["Yasmin"].ok("revise_draft", draft_id="d2", text=FINAL)
    await peers["Frederik"].ok("withdraw_draft", draft_id="d3")
    await mette.ok("open_round", dots=1, blind=False)
    await vote(peers, {name: ["d2"] for name in ("Lisbeth", "Gunhild", "Dorthe", "Yasmin")})
    await vote(peers, {name: ["d1"] for name in ("Torben", "Kasper")})
    await mette.ok("close_round")
    await mette.ok("finalize_draft", draft_id="d2")


async def conflicts_phase(peers: dict[str, Peer]) -> None:
    """Three conflicts between professions, each with a status, two with notes."""
    await peers["Mette"].ok("set_phase", phase="conflicts")
    await peers["Frederik"].ok(
        "record_conflict",
        title="Selvhjulpenhed mod ønsket om hjælp",
        professions=[THERAPIST, ASSISTANT],
        description="Nogle beboere vil hellere have hjælp end træning.",
        refs=[{"kind": "statement", "id": "s3"}],
    )
    await peers["Dorthe"].ok(
        "update_conflict", conflict_id="c1", status="discussed", note="Aftale pr. beboer"
    )
    await peers["Torben"].ok(
        "record_conflict",
        title="Tid til nærvær eller til dokumentation",
        professions=[NURSE, ASSISTANT],
        refs=[{"kind": "draft", "id": "d2"}],
    )
    await peers["Torben"].ok("update_conflict", conflict_id="c2", status="parked")
    await peers["Gunhild"].ok(
        "record_conflict",
        title="Pårørendes ønske om faste besøgstider",
        professions=[ASSISTANT, NURSE],
        refs=[{"kind": "statement", "id": "s5"}],
    )
    await peers["Kasper"].ok(
        "update_conflict", conflict_id="c3", status="resolved", note="Tages op på husmødet"
    )
    await peers["Mette"].ok("set_phase", phase="wrapup")


@pytest.fixture
async def workshop(server: Running) -> AsyncIterator[Workshop]:
    """A whole workshop through the real server, anonymous as sessions are by default."""
    peers = await staff(server)
    await statements_phase(peers)
    await drafts_phase(peers)
    await conflicts_phase(peers)
    done = Workshop(server, peers)
    yield done
    if server.hub.sessions[server.code].connections:
        await done.leave()


def from_store(db: Path, code: str, fmt: str, lang: str = "da") -> bytes:
    """One export read through a second connection to the file, as the CLI reads it."""
    store = Store(db)
    try:
        log = archive.load_log(store, code)
    finally:
        store.close()
    assert log is not None
    return export.render(log, fmt, lang)


def zip_files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


async def cli(*args: str) -> tuple[int, bytes, bytes]:
    """`python -m server ...` without blocking the server running in this event loop."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "server",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "HOME": str(Path.home())},
    )
    out, err = await proc.communicate()
    assert proc.returncode is not None
    return proc.returncode, out, err


# --- content -------------------------------------------------------------------------------


async def test_markdown_minutes_cover_the_whole_workshop(workshop: Workshop) -> None:
    """The minutes have every section, the chosen text, both rounds and three conflicts."""
    text = from_store(workshop.running.db, workshop.code, "md").decode()
    for key in ("participants", "core_task", "drafts", "rounds", "statements", "conflicts"):
        assert f"\n## {DA['section.' + key]}\n" in text
    assert f"\n## {DA['section.timeline']}\n" in text
    assert f"> {FINAL}\n" in text
    assert "### Runde 1\n" in text and "### Runde 2\n" in text and "### Runde 3" not in text
    assert f"| d2, v2 | {FINAL} | 4 |" in text
    assert "- s3: Træning i at klæde sig på efter et fald (ydelse 3, effekt 4)" in text
    assert len(re.findall(r"^### c\d: ", text, re.M)) == 3
    assert "Deltagere: 8 (heraf facilitatorer: 1). Observatører: 1." in text


async def test_round_split_follows_the_k_rule(workshop: Workshop) -> None:
    """Three nurses stand alone; the care assistants joined the lone therapist as others."""
    text = from_store(workshop.running.db, workshop.code, "md").decode()
    assert text.count(f"| Udkast | {NURSE} | Øvrige faggrupper |") == 2
    assert f"| Udkast | {ASSISTANT}" not in text
    assert "| d1, v1 | 2 | 1 |" in text and "| d2, v1 | 2 | 3 |" in text


async def test_json_reloads_and_replays_to_the_final_state(workshop: Workshop) -> None:
    """The JSON's events fold into its final state, which is what the live hub holds."""
    document = json.loads(from_store(workshop.running.db, workshop.code, "json"))
    assert json.loads(p.encode(export.replay_export(document))) == document["final_state"]
    live = workshop.running.hub.sessions[workshop.code].state
    expected = json.loads(p.encode(views.snapshot(live, None)))
    for who in expected["participants"]:
        who["name"] = ""  # an anonymous session's export names nobody
    assert document["final_state"] == expected
    assert len(document["events"]) == live.seq


async def test_csv_row_counts_match_the_session(workshop: Workshop) -> None:
    """One row per draft version, round x draft, group x draft, statement and conflict."""
    files = zip_files(from_store(workshop.running.db, workshop.code, "csv"))
    rows = {
        name: list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        for name, data in files.items()
    }
    assert {name: len(table) - 1 for name, table in rows.items()} == {
        "drafts.csv": 4,
        "rounds.csv": 5,
        "votes_by_profession.csv": 10,
        "statements.csv": 5,
        "conflicts.csv": 3,
    }
    assert [row[-1] for row in rows["rounds.csv"][1:]] == ["3", "5", "2", "2", "4"]
    assert [row[6] for row in rows["conflicts.csv"][1:]] == ["discussed", "parked", "resolved"]


async def test_html_is_one_self_contained_printable_page(workshop: Workshop) -> None:
    """The HTML has the minutes, inline CSS and bars, and nothing to run or fetch."""
    page = from_store(workshop.running.db, workshop.code, "html", "en").decode()
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<h2>The core task</h2>" in page and "@media print" in page
    assert page.count('<table class="bars">') == 2
    lowered = page.lower()
    assert "<script" not in lowered and "://" not in lowered and "url(" not in lowered


async def test_anonymous_session_leaks_no_identity_in_any_format(workshop: Workshop) -> None:
    """No name in any byte of any format; no participant id on a vote, tag or text."""
    for fmt in export.FORMATS:
        data = from_store(workshop.running.db, workshop.code, fmt)
        blobs = list(zip_files(data).values()) if fmt in ("csv", "xlsx") else [data]
        for blob in blobs:
            assert not [name for name in NAMES if name.encode() in blob], fmt
            if fmt != "json":
                assert not re.search(rb"\bp\d+\b", blob), fmt
    document = json.loads(from_store(workshop.running.db, workshop.code, "json"))
    own_acts = ("vote_cast", "statement_tagged", "draft_proposed", "statement_added")
    assert all(e["actor"] is None for e in document["events"] if e["kind"] in own_acts)
    final = document["final_state"]
    assert all(x["author"] is None for x in final["drafts"] + final["statements"])


async def test_every_format_is_byte_identical_twice(workshop: Workshop) -> None:
    """Exporting the same log twice gives the same bytes in every format and language."""
    for fmt in export.FORMATS:
        for lang in export.LANGS:
            first = from_store(workshop.running.db, workshop.code, fmt, lang)
            assert from_store(workshop.running.db, workshop.code, fmt, lang) == first


async def test_named_school_session_shows_who_wrote_what(tmp_path: Path) -> None:
    """A named session at a school: names in the minutes and the JSON, authors per draft."""
    info = SessionInfo(
        code="",
        title="Skovbrynets Skole, indskolingen: vores kerneopgave",
        level="institution",
        parent_task="Alle børn lærer og trives i fællesskaber",
        professions=["Lærer", "Pædagog", "Psykolog"],
        anonymous=False,
    )
    running = await run_server(tmp_path, info)
    try:
        lead = await join(
            running.url,
            running.code,
            "Henrik",
            "Leder",
            role="facilitator",
            facilitator_key=running.key,
        )
        teacher = await join(running.url, running.code, "Signe", "Lærer")
        pedagogue = await join(running.url, running.code, "Anders", "Pædagog")
        await teacher.ok("propose_draft", text="Eleverne lærer og trives i fællesskaber")
        await lead.ok("revise_draft", draft_id="d1", text="Alle børn lærer, trives og hører til")
        await pedagogue.ok("add_statement", text="Antal samtaler med forældre")
        await lead.ok("finalize_draft", draft_id="d1")
        text = from_store(running.db, running.code, "md").decode()
        document = json.loads(from_store(running.db, running.code, "json"))
    finally:
        await running.stop()
    assert "- Signe (Lærer, deltager)" in text and "- Anders (Pædagog, deltager)" in text
    assert re.search(r"Version 1, kl\. \d\d\.\d\d, Signe: ", text)
    assert re.search(r"Version 2, kl\. \d\d\.\d\d, Henrik: ", text)
    assert "| s1 | Antal samtaler med forældre | 0 | 0 | Anders |" in text
    assert [x["name"] for x in document["participants"]] == ["Henrik", "Signe", "Anders"]
    assert document["final_state"]["drafts"][0]["author"] == "p2"


# --- the command line ----------------------------------------------------------------------


async def test_cli_exports_while_the_server_runs_and_after_it_stops(workshop: Workshop) -> None:
    """`export` reads the database beside the running server, and after it has stopped."""
    db, code = str(workshop.running.db), p.format_code(workshop.code).lower()
    rc, live, err = await cli("export", code, "--db", db, "--format", "json")
    assert rc == 0, err
    assert live == from_store(workshop.running.db, workshop.code, "json")
    await workshop.peers["Mette"].ok("close_session")
    await workshop.leave()
    await workshop.running.stop()
    rc, after, err = await cli("export", code, "--db", db, "--format", "json")
    assert rc == 0, err
    assert json.loads(after)["session"]["closed"] is True
    assert json.loads(after)["events"][:-1] == json.loads(live)["events"]


async def test_cli_writes_each_format_to_a_file(workshop: Workshop, tmp_path: Path) -> None:
    """-o writes minutes, HTML, JSON, a CSV zip or a CSV folder; the suffix picks the format."""
    db, code = str(workshop.running.db), workshop.code
    for target in ("referat.md", "referat.html", "data.json", "tabeller.zip", "tabeller"):
        fmt = ["--format", "csv"] if target == "tabeller" else []
        rc, out, err = await cli("export", code, "--db", db, "-o", str(tmp_path / target), *fmt)
        assert rc == 0 and out.decode().startswith("wrote "), err
    assert (tmp_path / "referat.md").read_text().startswith("# Referat: ")
    assert (tmp_path / "referat.html").read_text().startswith("<!DOCTYPE html>")
    assert json.loads((tmp_path / "data.json").read_text())["format"] == "kerne-session"
    unzipped = zip_files((tmp_path / "tabeller.zip").read_bytes())
    folder = {path.name: path.read_bytes() for path in (tmp_path / "tabeller").iterdir()}
    assert folder == unzipped and len(folder) == 5


async def test_cli_english_markdown_to_standard_output(workshop: Workshop) -> None:
    """Without -o the minutes go to standard output, in English with --lang en."""
    rc, out, _ = await cli(
        "export", workshop.code, "--db", str(workshop.running.db), "--lang", "en"
    )
    assert rc == 0 and out.decode().startswith("# Minutes: Plejecenter Egebakken")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ABCD-EFGH"], "no session 'ABCD-EFGH'"),
        (["not a code"], "no session 'not a code'"),
        (["{code}", "--format", "csv"], "csv needs -o"),
        (["{code}", "--db", "{missing}"], "no database at"),
        (["{code}", "--db", "{garbage}"], "cannot use the database"),
    ],
)
async def test_cli_failures_are_one_clear_line(
    server: Running, tmp_path: Path, args: list[str], message: str
) -> None:
    """Unknown code, csv without -o, a missing or unreadable database: one line, exit 2."""
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"no sqlite here " * 200)
    values = {"code": server.code, "missing": str(tmp_path / "nope.db"), "garbage": str(garbage)}
    filled = [arg.format(**values) for arg in args]
    if "--db" not in filled:
        filled += ["--db", str(server.db)]
    rc, out, err = await cli("export", *filled)
    assert rc == 2 and out == b""
    assert message in err.decode() and len(err.decode().strip().splitlines()) == 1
    assert not (tmp_path / "nope.db").exists()


async def test_facilitator_gets_the_export_over_the_socket(server: Running) -> None:
    """`export` (an addition to v1) brings the minutes to the facilitator's machine."""
    mette = await join(
        server.url, server.code, "Mette", "Leder", role="facilitator", facilitator_key=server.key
    )
    anne = await join(server.url, server.code, "Anne", "Sygeplejerske")
    await anne.ok("add_statement", text="Beboeren går selv i haven")
    await mette.send({"type": "export", "id": "x1", "format": "md", "lang": "en"})
    data = await mette.expect("export_data")
    assert data["id"] == "x1" and data["encoding"] == "utf-8"
    assert data["filename"] == f"kerne-{p.format_code(server.code)}.md"
    assert "Beboeren går selv i haven" in data["content"]
    await mette.send({"type": "export", "id": "x2", "format": "csv"})
    zipped = await mette.expect("export_data", id="x2")
    assert zipped["encoding"] == "base64"
    assert base64.b64decode(zipped["content"])[:2] == b"PK"


async def test_participants_may_not_export(server: Running) -> None:
    """Only the facilitator may take the session's data away."""
    anne = await join(server.url, server.code, "Anne", "Sygeplejerske")
    await anne.send({"type": "export", "id": "x1", "format": "json"})
    error = await anne.expect("error")
    assert (error["id"], error["code"]) == ("x1", "forbidden")
