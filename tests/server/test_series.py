"""A series of sessions and the chain of levels, as a person runs them: `new --from`
carries exactly the work to pick up, `--parent-session` links a unit to its centre, a
centre's new choice reaches its units over real websockets, `sessions --tree` shows it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import msgspec

from server import archive
from server import protocol as p
from server.hub import create_session
from server.model import SessionInfo
from server.store import Store
from tests.realserver import Running
from tests.server.cli import ENV, cli, codes, started, stopped
from tests.server.peer import Peer, join

TASK = "Borgeren får fodfæste på arbejdsmarkedet"
BETTER = "Flere borgere forsørger sig selv gennem varigt arbejde"


async def facilitator(server: Running, code: str | None = None, key: str | None = None) -> Peer:
    return await join(
        server.url,
        code or server.code,
        "Helle",
        "Teamleder",
        role="facilitator",
        facilitator_key=key or server.key,
    )


async def worked_session(server: Running) -> tuple[Peer, Peer, Peer]:
    """A morning's work: drafts and votes, tagged and agreed statements, a resolved and an
    open conflict, a done and an open action, closed."""
    helle = await facilitator(server)
    kim = await join(server.url, server.code, "Kim", "Jobkonsulent")
    lone = await join(server.url, server.code, "Lone", "Socialrådgiver")
    await kim.ok("propose_draft", text="Vi holder samtaler med borgerne")
    await kim.ok("revise_draft", draft_id="d1", text=TASK)
    await lone.ok("propose_draft", text="Vi giver borgerne tilbud")
    await helle.ok("open_round", dots=1, blind=False)
    await kim.ok("cast_vote", draft_id="d1")
    await lone.ok("cast_vote", draft_id="d1")
    await helle.ok("close_round")
    await helle.ok("finalize_draft", draft_id="d1")
    await kim.ok("add_statement", text="Borgeren er i job et år efter")
    await lone.ok("add_statement", text="Antal samtaler pr. måned")
    await lone.ok("add_statement", text="Borgeren føler sig set")
    await kim.ok("tag_statement", statement_id="s1", tag="effect")
    await lone.ok("tag_statement", statement_id="s3", tag="effect")
    await helle.ok("classify_statement", statement_id="s1", tag="effect")
    await helle.ok("classify_statement", statement_id="s2", tag="output")
    await lone.ok(
        "record_conflict", title="Hvem ringer til arbejdsgiveren", professions=["Jobkonsulent"]
    )
    await lone.ok(
        "record_dilemma",
        title="Hurtigt eller varigt",
        kind="management_staff",
        side_a="Kvartalstal",
        side_b="Borgerens tempo",
    )
    await helle.ok("update_conflict", conflict_id="c1", status="resolved")
    await helle.ok("follow_conflict", conflict_id="c2", owner="Helle", forum="management_group")
    await helle.ok("add_action", what="Fælles telefonliste", who="Lone")
    await helle.ok("add_action", what="Jobmesse i marts", kind="decision", who="Kim")
    await helle.ok("update_action", action_id="a1", status="done")
    await helle.ok("close_session")
    return helle, kim, lone


async def test_new_from_carries_exactly_the_work_to_pick_up(server: Running) -> None:
    """The chosen task with its two wordings, the two agreed statements, the open conflict
    and the open action; no votes, no tags, no names; linked both ways."""
    await worked_session(server)
    made = cli("new", "--db", str(server.db), "--from", server.code)
    assert made.returncode == 0, made.stderr
    [code] = codes(made.stdout)
    later = await join(server.url, code, "Helle", "Teamleder")
    state = later.welcome["state"]
    assert [(d["text"], d["final"], d["version"], d["author"]) for d in state["drafts"]] == [
        (TASK, True, 2, None)
    ]
    assert [(s["text"], s["agreed"], s["tally"]) for s in state["statements"]] == [
        ("Borgeren er i job et år efter", "effect", {"output": 0, "effect": 0}),
        ("Antal samtaler pr. måned", "output", {"output": 0, "effect": 0}),
    ]
    [conflict] = state["conflicts"]
    assert (conflict["title"], conflict["owner"], conflict["side_b"]) == (
        "Hurtigt eller varigt",
        "Helle",
        "Borgerens tempo",
    )
    assert [a["what"] for a in state["actions"]] == ["Jobmesse i marts"]
    earlier_title = server.hub.sessions[server.code].state.info.title
    assert state["rounds"] == [] and state["session"]["title"] == earlier_title
    assert state["follow"]["follows"] == earlier_title
    store = Store(server.db)
    try:
        first = next(iter(store.events(p.normalize_code(code) or "")))
        later_log = archive.load_log(store, p.normalize_code(code) or "")
        earlier_log = archive.load_log(store, server.code)
    finally:
        store.close()
    # No names: Lone wrote statements, a draft and both conflicts, and is named nowhere
    # (Kim is, as the owner typed into the open action, which is the action's own text).
    assert "Lone" not in first.public and "Lone" not in repr(first.event.data)
    assert '"author"' not in json.dumps(msgspec.to_builtins(first.event.data))
    assert first.event.kind == "series_carried" and first.event.actor is None
    assert later_log is not None and later_log.info.follows == server.code
    assert earlier_log is not None and [x.title for x in earlier_log.followed_by] == [
        later_log.info.title
    ]


async def test_the_minutes_say_what_a_session_follows_up(server: Running, tmp_path: Path) -> None:
    """The follow-up's minutes name the earlier meeting and carry its choice; the earlier
    one's name the follow-up."""
    await worked_session(server)
    [code] = codes(
        cli(
            "new",
            "--db",
            str(server.db),
            "--from",
            server.code,
            "--title",
            "Jobcenter Syd: et halvt år efter",
        ).stdout
    )
    later = cli("export", code, "--db", str(server.db), "--tz", "Europe/Copenhagen").stdout
    earlier_title = server.hub.sessions[server.code].state.info.title
    assert f"- **Opfølgning på:** »{earlier_title}« (" in later
    assert "Videreført fra mødet »" in later and f"> {TASK}" in later
    earlier = cli("export", server.code, "--db", str(server.db)).stdout
    assert "- **Fulgt op af:** »Jobcenter Syd: et halvt år efter«" in earlier


async def test_a_centres_new_choice_reaches_its_units(server: Running) -> None:
    """Two units under the centre's session; when the centre chooses again, each unit's
    task above follows, told to whoever is in it, and to a join screen."""
    centre = await facilitator(server)
    await centre.ok("propose_draft", text=TASK)
    await centre.ok("finalize_draft", draft_id="d1")
    units = []
    for title in ("Virksomhedsteamet", "Ungeteamet"):
        info = SessionInfo(code="", title=title, parent=server.code, parent_task=TASK)
        code, _ = create_session(server.hub.store, info)
        units.append(await join(server.url, code, "Kim", "Jobkonsulent"))
    await centre.ok("propose_draft", text=BETTER)
    await centre.ok("finalize_draft", draft_id="d2")
    for unit in units:
        event = await unit.event("parent_task_changed")
        assert event["data"] == {"parent_task": BETTER} and event["actor"] is None
    again = await join(
        server.url, units[0].welcome["state"]["session"]["code"], "Lone", "Socialrådgiver"
    )
    assert again.welcome["state"]["session"]["parent_task"] == BETTER


def test_new_with_a_parent_session_takes_its_task_and_the_level_below(tmp_path: Path) -> None:
    """A unit made under a centre's session: the centre's chosen task is its task above,
    its level one below, and the tree shows the chain."""
    db = tmp_path / "k.db"
    [centre] = codes(
        cli("new", "--db", str(db), "--title", "Jobcenter Syd", "--level", "centre").stdout
    )
    [unit] = codes(
        cli("new", "--db", str(db), "--title", "Ungeteamet", "--parent-session", centre).stdout
    )
    store = Store(db)
    try:
        stored = store.session(p.normalize_code(unit) or "")
    finally:
        store.close()
    assert stored is not None and stored.info.level == "institution"
    assert stored.info.parent == p.normalize_code(centre)
    tree = cli("sessions", "--db", str(db), "--tree").stdout
    assert tree.index("Jobcenter Syd") < tree.index("Ungeteamet")
    assert "administration/centre: Jobcenter Syd" in tree and "institution: Ungeteamet" in tree


def test_an_unknown_session_to_follow_is_one_line() -> None:
    """`--from` a code that is not there: one line, exit 2, nothing made."""
    result = cli("new", "--db", "/nonexistent/k.db", "--from", "ZZZZ-ZZZZ")
    assert result.returncode == 2


def test_an_unknown_time_zone_is_one_line(tmp_path: Path) -> None:
    """`export --tz` with a zone that does not exist: one line, exit 2."""
    db = tmp_path / "k.db"
    [code] = codes(cli("new", "--db", str(db), "--title", "Vej og park").stdout)
    result = cli("export", code, "--db", str(db), "--tz", "Europe/Aarhus")
    assert result.returncode == 2 and "unknown time zone 'Europe/Aarhus'" in result.stderr


def test_the_machines_zone_is_the_default(tmp_path: Path) -> None:
    """Without --tz the minutes follow TZ: the same log reads an hour later in Copenhagen."""
    db = tmp_path / "k.db"
    [code] = codes(cli("new", "--db", str(db), "--title", "Vej og park").stdout)
    utc = cli("export", code, "--db", str(db), "--tz", "UTC").stdout
    local = cli_in_zone("Europe/Copenhagen", "export", code, "--db", str(db)).stdout
    assert "(UTC)" in utc and ("(CET)" in local or "(CEST)" in local)


def cli_in_zone(zone: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        capture_output=True,
        text=True,
        timeout=30,
        env={**ENV, "HOME": str(Path.home()), "TZ": zone},
    )


async def test_serve_from_starts_the_follow_up_and_serves_it(tmp_path: Path) -> None:
    """`kerne-server serve --from CODE` makes the follow-up as `new --from` does, and
    serves it at once, linked to the session it follows up."""
    db = tmp_path / "k.db"
    [earlier] = codes(cli("new", "--db", str(db), "--title", "Ungeteamet, marts").stdout)
    proc, text = await started(db, "--no-announce", "--from", earlier)
    try:
        [served] = codes(text)
        assert p.normalize_code(served) != p.normalize_code(earlier)
    finally:
        await stopped(proc)
    store = Store(db)
    try:
        stored = store.session(p.normalize_code(served) or "")
    finally:
        store.close()
    assert stored is not None and stored.info.follows == p.normalize_code(earlier)
    assert stored.info.title == "Ungeteamet, marts"
