"""The session export as pure functions over a log: minutes in Markdown and HTML, JSON
that replays, CSV tables, the k-rule, anonymity, escaping and byte-for-byte determinism.

Logs come from the in-memory `Sim` (decide, apply, public event as the hub encodes it),
spread out in time as a real workshop at Plejecenter Solhaven would be."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import msgspec
import pytest
from markdown_it import MarkdownIt

from server import export, model, views
from server import protocol as p
from server.__main__ import write_csv_folder
from server.catalog.minutes import CATALOGS, DA, EN
from tests.unit.sim import Sim, new_sim
from tests.unit.test_purity import imported_by, is_forbidden

NURSE = "Sygeplejerske"
ASSISTANT = "Social- og sundhedsassistent"
THERAPIST = "Ergoterapeut"
PHYSIO = "Fysioterapeut"
STAFF = (
    ("Birgitte", NURSE),
    ("Henning", NURSE),
    ("Solveig", NURSE),
    ("Jannik", ASSISTANT),
    ("Marianne", ASSISTANT),
    ("Rasmus", THERAPIST),
    ("Pernille", PHYSIO),
)
NAMES = ("Karen", *(name for name, _ in STAFF), "Ulla")
START = "2026-11-28T08:30:00Z"

D2_FIRST = "Beboeren lever et trygt og meningsfuldt liv med mest mulig selvbestemmelse"
D2_FINAL = (
    "Sammen med beboeren og de pårørende skaber vi et trygt og meningsfuldt liv "
    "med mest mulig selvbestemmelse"
)


def log_of(sim: Sim, start: str = START, step: int = 90) -> export.SessionLog:
    """The sim's events as a stored log, `step` seconds apart (the sim's clock stands still)."""
    first = datetime.strptime(start, "%Y-%m-%dT%H:%M:%SZ")
    entries = []
    for seq, (event, wire) in enumerate(sim.events, start=1):
        at = (first + timedelta(seconds=step * (seq - 1))).strftime("%Y-%m-%dT%H:%M:%SZ")
        public = p.encode(msgspec.structs.replace(wire, at=at))
        entries.append(export.LogEntry(seq, at, dataclasses.replace(event, at=at), public))
    return export.SessionLog(sim.state.info, "2026-11-27T15:00:00Z", entries)


def staffed(anonymous: bool = True) -> tuple[Sim, str, dict[str, str]]:
    """A nursing-home session: a non-voting leader, seven staff of four professions, and a
    relative who observes. Returns the sim, the facilitator's id, and ids by name."""
    sim = new_sim(anonymous=anonymous)
    lead = sim.join("Karen", "Leder", role="facilitator", votes=False)
    ids = {name: sim.join(name, profession) for name, profession in STAFF}
    ids["Ulla"] = sim.join("Ulla", None, role="observer")
    return sim, lead, ids


def tag_all(sim: Sim, ids: dict[str, str], statement: str, tags: str) -> None:
    """Tags in staff order: "o" output, "e" effect, "-" no tag."""
    for (name, _), tag in zip(STAFF, tags, strict=True):
        if tag != "-":
            chosen: p.Tag = "output" if tag == "o" else "effect"
            sim.do(ids[name], p.TagStatement("t", statement, chosen))


def vote(sim: Sim, ids: dict[str, str], ballots: dict[str, list[str]]) -> None:
    for name, drafts in ballots.items():
        for draft in drafts:
            sim.do(ids[name], p.CastVote("v", draft))


def workshop(anonymous: bool = True, close: bool = True) -> export.SessionLog:
    """A whole morning: statements tagged and settled, three drafts, a blind round, a
    revision and a withdrawal, an open round, a final formulation, three conflicts."""
    sim, lead, ids = staffed(anonymous)
    sim.do(lead, p.SetPhase("f", "statements"))
    for name, text in (
        ("Birgitte", "Antal bade pr. uge"),
        ("Jannik", "Beboeren føler sig tryg om natten"),
        ("Rasmus", "Daglig træning efter et fald"),
        ("Solveig", "Pårørende kommer oftere på besøg"),
        ("Pernille", "Fast kontaktperson for hver beboer"),
    ):
        sim.do(ids[name], p.AddStatement("s", text))
    tag_all(sim, ids, "s1", "ooooooe")
    tag_all(sim, ids, "s2", "eeeeeee")
    tag_all(sim, ids, "s3", "ooeoeeo")
    tag_all(sim, ids, "s4", "oeoe---")
    tag_all(sim, ids, "s5", "oe-----")
    sim.do(lead, p.ClassifyStatement("f", "s1", "output"))
    sim.do(lead, p.ClassifyStatement("f", "s2", "effect"))
    sim.do(lead, p.ClassifyStatement("f", "s4", "effect"))
    sim.do(lead, p.SetPhase("f", "drafts"))
    sim.do(ids["Birgitte"], p.ProposeDraft("d", "Vi sikrer god pleje og omsorg for beboerne"))
    sim.do(ids["Jannik"], p.ProposeDraft("d", D2_FIRST))
    sim.do(ids["Rasmus"], p.ProposeDraft("d", "Vi holder beboerne aktive"))
    sim.do(lead, p.SetPhase("f", "voting"))
    sim.do(lead, p.OpenRound("f", 2, True))
    vote(
        sim,
        ids,
        {
            "Birgitte": ["d1", "d2"],
            "Henning": ["d1"],
            "Solveig": ["d2", "d3"],
            "Jannik": ["d2"],
            "Marianne": ["d2", "d1"],
            "Rasmus": ["d3", "d2"],
            "Pernille": ["d3"],
        },
    )
    sim.do(lead, p.CloseRound("f"))
    sim.do(ids["Jannik"], p.ReviseDraft("d", "d2", D2_FINAL))
    sim.do(ids["Rasmus"], p.WithdrawDraft("d", "d3"))
    sim.do(lead, p.OpenRound("f", 1, False))
    vote(sim, ids, {n: ["d2"] for n in ("Birgitte", "Solveig", "Jannik", "Marianne", "Rasmus")})
    vote(sim, ids, {"Henning": ["d1"], "Pernille": ["d1"]})
    sim.do(lead, p.CloseRound("f"))
    sim.do(lead, p.FinalizeDraft("f", "d2"))
    sim.do(lead, p.SetPhase("f", "conflicts"))
    rehab = p.RecordConflict(
        "c",
        "Rehabilitering mod ønsket om hjælp",
        [THERAPIST, ASSISTANT],
        "Nogle beboere ønsker hjælp til alt, mens træning kan give dem mere selvhjulpenhed.",
        [p.Ref("statement", "s3")],
    )
    sim.do(ids["Rasmus"], rehab)
    sim.do(
        ids["Marianne"], p.UpdateConflict("c", "c1", "discussed", "Vi prøver en aftale pr. beboer")
    )
    talk = p.RecordConflict(
        "c",
        "Tid til samtale eller til praktiske opgaver",
        [NURSE, ASSISTANT],
        "",
        [p.Ref("draft", "d2")],
    )
    sim.do(ids["Henning"], talk)
    sim.do(ids["Henning"], p.UpdateConflict("c", "c2", "parked", None))
    baths = p.RecordConflict(
        "c", "Pårørendes krav om daglige bade", [ASSISTANT, NURSE], "", [p.Ref("statement", "s1")]
    )
    sim.do(ids["Solveig"], baths)
    sim.do(ids["Jannik"], p.UpdateConflict("c", "c3", "resolved", "Tages op på pårørendemødet"))
    sim.do(lead, p.SetPhase("f", "wrapup"))
    if close:
        sim.do(lead, p.CloseSession("f"))
    return log_of(sim)


def md(log: export.SessionLog, lang: str = "da") -> str:
    return export.render(log, "md", lang).decode()


def zip_files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def csv_rows(log: export.SessionLog, name: str) -> list[list[str]]:
    text = zip_files(export.render(log, "csv"))[name].decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def section(text: str, heading: str) -> str:
    """The Markdown from `heading` up to the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    start = text.index(heading + "\n")
    rest = text[start + len(heading) :]
    ends = [m.start() for m in re.finditer(rf"^#{{1,{len(level)}}} ", rest, re.M)]
    return rest[: ends[0]] if ends else rest


# --- the minutes ----------------------------------------------------------------------------


def test_markdown_minutes_have_every_section_in_order() -> None:
    """The Danish minutes have title, facts and every section, in the issue's order."""
    text = md(workshop())
    keys = ("participants", "core_task", "drafts", "rounds", "statements", "conflicts")
    headings = [f"## {DA['section.' + key]}" for key in (*keys, "timeline")]
    positions = [text.index(h + "\n") for h in headings]
    assert text.startswith("# Referat: Plejecenter Solhaven: vores kerneopgave\n")
    assert positions == sorted(positions)
    for label in ("Kode", "Dato", "Tidsrum", "Varighed", "Anonymitet", "Status"):
        assert f"- **{label}:** " in text


def test_english_minutes_use_the_english_catalog() -> None:
    """`lang="en"` gives English headings and no Danish ones."""
    text = md(workshop(), "en")
    assert text.startswith("# Minutes: ")
    for key in ("participants", "core_task", "rounds", "statements", "conflicts", "timeline"):
        assert f"## {EN['section.' + key]}\n" in text
        assert f"## {DA['section.' + key]}\n" not in text


def test_catalogs_have_the_same_keys() -> None:
    """Every word the Danish minutes use exists in English, and the other way round."""
    assert set(DA) == set(EN)
    assert set(CATALOGS) == set(export.LANGS)


def test_participants_are_counted_by_profession() -> None:
    """Head counts per profession, the facilitator counted, the observer apart."""
    part = section(md(workshop()), "## Deltagere")
    assert "Deltagere: 8 (heraf facilitatorer: 1). Observatører: 1." in part
    assert f"| {NURSE} | 3 |" in part and f"| {ASSISTANT} | 2 |" in part
    assert f"| {THERAPIST} | 1 |" in part and "| Leder | 1 |" in part


def test_final_formulation_is_quoted_with_its_version_history() -> None:
    """The chosen draft's current text, then each of its versions with its time."""
    part = section(md(workshop()), "## Kerneopgaven")
    assert f"> {D2_FINAL}\n" in part
    assert "Udkast d2, version 2, valgt kl." in part
    history = section(part, "### Versionshistorik")
    assert re.search(rf"- Version 1, kl\. \d\d\.\d\d: {D2_FIRST}\n", history)
    assert re.search(rf"- Version 2, kl\. \d\d\.\d\d: {D2_FINAL}\n", history)


def test_no_final_formulation_is_said_plainly() -> None:
    """A session that chose no formulation says so instead of quoting one."""
    sim, _, ids = staffed()
    sim.do(ids["Birgitte"], p.ProposeDraft("d", "Vi passer godt på beboerne"))
    part = section(md(log_of(sim)), "## Kerneopgaven")
    assert DA["core.none"] in part and ">" not in part


def test_drafts_table_has_a_row_per_version_with_status() -> None:
    """Each version of each draft is listed; the last one carries the draft's status."""
    part = section(md(workshop()), "## Udkast")
    assert re.search(rf"\| d2 \| 1 \| \d\d\.\d\d \| {D2_FIRST} \| senere revideret \|", part)
    assert re.search(
        rf"\| d2 \| 2 \| \d\d\.\d\d \| {D2_FINAL} \| valgt den 28\. november 2026 \|", part
    )
    assert re.search(
        r"\| d3 \| 1 \| \d\d\.\d\d \| Vi holder beboerne aktive \| trukket tilbage \|", part
    )


def test_rounds_show_dots_blindness_voters_and_tally() -> None:
    """Each round: dots per person, blind or not, how many voted, dots per draft."""
    part = section(md(workshop()), "## Afstemningsrunder")
    first, second = section(part, "### Runde 1"), section(part, "### Runde 2")
    assert "2 prikker pr. deltager; blind:" in first and "7 stemte." in first
    assert f"| d2, v1 | {D2_FIRST} | 5 |" in first
    assert "| d1, v1 | Vi sikrer god pleje og omsorg for beboerne | 3 |" in first
    assert "| d3, v1 | Vi holder beboerne aktive | 3 |" in first
    assert "1 prik pr. deltager; åben:" in second
    assert f"| d2, v2 | {D2_FINAL} | 5 |" in second and "d3" not in second


def test_round_split_is_the_by_profession_stored_at_close() -> None:
    """The split shows the round's fixed groups: 3 nurses alone, the 4 others merged."""
    log = workshop()
    stored = model.replay(log.info, [e.event for e in log.entries]).rounds[0].by_profession
    assert stored == {NURSE: {"d1": 2, "d2": 2, "d3": 1}, "": {"d2": 3, "d1": 1, "d3": 2}}
    split = section(section(md(log), "### Runde 1"), "#### Fordelt på faggrupper")
    assert f"| Udkast | {NURSE} | Øvrige faggrupper |" in split
    assert "| d1, v1 | 2 | 1 |" in split and "| d2, v1 | 2 | 3 |" in split
    assert ASSISTANT not in split and THERAPIST not in split


def test_round_with_too_few_per_profession_shows_no_split() -> None:
    """Two voters cannot be split at k = 3: the minutes say so and show no group."""
    sim = new_sim()
    lead = sim.join("Karen", "Leder", role="facilitator", votes=False)
    nurse = sim.join("Birgitte", NURSE)
    assistant = sim.join("Jannik", ASSISTANT)
    sim.do(nurse, p.ProposeDraft("d", "Beboeren bestemmer selv over sin dag"))
    sim.do(lead, p.OpenRound("r", 1, False))
    sim.do(nurse, p.CastVote("v", "d1"))
    sim.do(assistant, p.CastVote("v", "d1"))
    sim.do(lead, p.CloseRound("r"))
    split = section(md(log_of(sim)), "#### Fordelt på faggrupper")
    assert DA["rounds.no_split"].format(k=3) in split
    assert NURSE not in split and "|" not in split
    assert csv_rows(log_of(sim), "votes_by_profession.csv")[1:] == []


def test_open_blind_round_reveals_no_count() -> None:
    """Exported mid-round, a blind round shows how many voted but no dots per draft."""
    sim, lead, ids = staffed()
    sim.do(ids["Birgitte"], p.ProposeDraft("d", "Vi giver beboerne en god hverdag"))
    sim.do(lead, p.OpenRound("r", 1, True))
    vote(sim, ids, {"Birgitte": ["d1"], "Henning": ["d1"]})
    log = log_of(sim)
    part = section(md(log), "### Runde 1")
    assert DA["rounds.still_hidden"] in part and "2 stemte" in part and "| d1" not in part
    assert [row[-1] for row in csv_rows(log, "rounds.csv")[1:]] == [""]
    final = json.loads(export.render(log, "json"))["final_state"]
    assert final["rounds"][0]["tally"] is None


def test_statements_are_grouped_by_agreed_class() -> None:
    """Agreed effect, agreed output and not settled each list their statements with tags."""
    text = md(workshop())
    effect, output = section(text, "### Aftalt som effekt"), section(text, "### Aftalt som ydelse")
    unsettled = section(text, "### Ikke afklaret")
    assert "| s2 | Beboeren føler sig tryg om natten | 0 | 7 |" in effect
    assert "| s4 | Pårørende kommer oftere på besøg | 2 | 2 |" in effect
    assert "| s1 | Antal bade pr. uge | 6 | 1 |" in output
    assert "| s3 | Daglig træning efter et fald | 4 | 3 |" in unsettled
    assert "| s5 | Fast kontaktperson for hver beboer | 1 | 1 |" in unsettled
    assert "Udsagn: 5. Aftalt som effekt: 2. Aftalt som ydelse: 1. Ikke afklaret: 2." in text


@pytest.mark.parametrize(
    ("output", "effect", "expected"),
    [(4, 3, True), (2, 1, True), (1, 2, True), (3, 1, False), (1, 1, False), (0, 7, False)],
)
def test_disputed_rule(output: int, effect: int, expected: bool) -> None:
    """Disputed: at least three tags, the smaller side a third or more."""
    view = p.StatementView("s1", "x", None, {"output": output, "effect": effect}, None, None, False)
    assert views.disputed(view) is expected


def test_still_disputed_lists_only_unsettled_disputes() -> None:
    """s3 is disputed and open; s4 was disputed but is settled; s5 has too few tags."""
    part = section(md(workshop()), "### Fortsat uenighed")
    assert "- s3: Daglig træning efter et fald (ydelse 4, effekt 3)" in part
    assert "s4" not in part and "s5" not in part


def test_statement_split_uses_profession_groups() -> None:
    """Tags per profession come in the k-rule's groups: nurses, and everyone else."""
    log = workshop()
    state = model.replay(log.info, [e.event for e in log.entries])
    split = export.statement_split(state)
    assert split["s3"] == {NURSE: (2, 1), "": (2, 2)}
    part = section(md(log), "### Ydelse og effekt fordelt på faggrupper")
    assert "| s3 | 2 / 1 | 2 / 2 |" in part and ASSISTANT not in part


def test_statement_split_waits_for_the_close() -> None:
    """While the session is open, the minutes give no tags per profession at all."""
    part = section(md(workshop(close=False)), "### Ydelse og effekt fordelt på faggrupper")
    assert DA["statements.split_after_close"] in part and "|" not in part


def test_statement_split_is_empty_below_k() -> None:
    """With fewer than k voting members there is no per-profession split at all."""
    sim = new_sim()
    lead = sim.join("Karen", "Leder", role="facilitator", votes=False)
    nurse = sim.join("Birgitte", NURSE)
    sim.join("Jannik", ASSISTANT)
    sim.do(nurse, p.AddStatement("s", "Antal besøg af lægen"))
    sim.do(nurse, p.TagStatement("t", "s1", "output"))
    sim.do(lead, p.CloseSession("f"))
    assert export.statement_split(sim.state) == {}
    part = section(md(log_of(sim)), "### Ydelse og effekt fordelt på faggrupper")
    assert DA["rounds.no_split"].format(k=3) in part and NURSE not in part


def test_conflicts_show_professions_status_links_and_notes() -> None:
    """Each conflict: its professions, status, linked items with their text, and notes."""
    part = section(md(workshop()), "## Konflikter og dilemmaer")
    rehab = section(part, "### c1: Rehabilitering mod ønsket om hjælp")
    assert "- **Status:** drøftet" in rehab
    assert f"- **Faggrupper:** {THERAPIST}, {ASSISTANT}" in rehab
    assert "- **Beskrivelse:** Nogle beboere ønsker hjælp til alt" in rehab
    assert "- Udsagn s3: Daglig træning efter et fald" in rehab
    assert "- Vi prøver en aftale pr. beboer" in rehab
    assert "- **Status:** parkeret" in section(
        part, "### c2: Tid til samtale eller til praktiske opgaver"
    )
    assert f"- Udkast d2: {D2_FINAL}" in part
    assert "- **Status:** løst" in section(part, "### c3: Pårørendes krav om daglige bade")


def test_timeline_lists_phases_with_times_and_durations() -> None:
    """Check-in from the first event, then every phase change, then the close."""
    log = workshop()
    rows = re.findall(
        r"^\| (\d\d\.\d\d) \| ([^|]+) \| ([^|]*) \|$", section(md(log), "## Forløb"), re.M
    )
    phases = [phase.strip() for _, phase, _ in rows]
    assert phases == [
        "Indtjekning",
        "Udsagn",
        "Udkast",
        "Afstemning",
        "Konflikter",
        "Opsamling",
        "Mødet blev afsluttet",
    ]
    assert rows[0][0] == "08.30" and rows[0][2].strip() == "14 min"


def test_date_and_duration_come_from_the_first_and_last_event() -> None:
    """Date, time span and duration are the log's own, not when the session was set up."""
    log = workshop()
    last = log.entries[-1].at
    seconds = (datetime.fromisoformat(last[:-1]) - datetime(2026, 11, 28, 8, 30)).seconds
    minutes = (seconds + 30) // 60
    text = md(log)
    assert "- **Dato:** 28. november 2026" in text
    assert f"- **Tidsrum:** kl. 08.30 til {last[11:13]}.{last[14:16]} (UTC)" in text
    assert f"- **Varighed:** {minutes // 60} t {minutes % 60} min" in text
    assert "- **Date:** 28 November 2026" in md(log, "en")


# --- JSON --------------------------------------------------------------------------------


def test_json_replays_to_its_final_state() -> None:
    """Folding the export's events from its empty session gives exactly `final_state`."""
    document = json.loads(export.render(workshop(), "json"))
    replayed = json.loads(p.encode(export.replay_export(document)))
    assert replayed == document["final_state"]
    assert replayed["drafts"][1]["final"] is True and len(replayed["conflicts"]) == 3


def test_json_has_the_documented_fields() -> None:
    """Format name and version, the session, participants, events and final state."""
    document = json.loads(export.render(workshop(), "json"))
    assert list(document) == [
        "format",
        "format_version",
        "session",
        "participants",
        "events",
        "final_state",
    ]
    assert (document["format"], document["format_version"]) == ("kerne-session", 1)
    session = document["session"]
    assert session["code"] == "K7QX-M2PA" and session["started_at"] == START
    assert session["settings"] == {"anonymous": True, "k_anonymity": 3} and session["closed"]


def test_json_events_are_the_public_events_as_broadcast() -> None:
    """In a named session without removals, every event is the stored public text."""
    log = workshop(anonymous=False)
    document = json.loads(export.render(log, "json"))
    assert document["events"] == [json.loads(entry.public) for entry in log.entries]


def test_json_file_reads_as_pythons_own_indented_json() -> None:
    """The file's bytes are what `json.dumps(ensure_ascii=False, indent=2)` writes, with
    Danish letters, quotes, a backslash, a tab and U+2028 in what people typed."""
    sim, lead, ids = staffed(anonymous=False)
    sim.do(
        ids["Birgitte"], p.AddStatement(sim.cmd_id(), 'Fru Ærø siger »tak« og "ja" \\ ok\tnu\u2028')
    )
    sim.do(lead, p.ProposeDraft(sim.cmd_id(), "Beboeren lever et værdigt liv 👵"))
    log = log_of(sim)
    written = export.render(log, "json")
    expected = json.dumps(export.export_json(log), ensure_ascii=False, indent=2) + "\n"
    assert written == expected.encode()


def test_named_json_lists_names() -> None:
    """A named session's participants carry their names."""
    document = json.loads(export.render(workshop(anonymous=False), "json"))
    assert [x["name"] for x in document["participants"]] == list(NAMES)


def test_anonymous_json_attaches_no_identity_to_votes_tags_or_texts() -> None:
    """Vote, tag and writing events have no actor; no draft or statement has an author."""
    document = json.loads(export.render(workshop(), "json"))
    for event in document["events"]:
        if event["kind"] in ("vote_cast", "vote_retracted", "statement_tagged", "draft_proposed"):
            assert event["actor"] is None
        for item in ("draft", "statement"):
            if item in event["data"]:
                assert event["data"][item]["author"] is None
    final = document["final_state"]
    assert all(x["author"] is None for x in final["drafts"] + final["statements"])
    assert all("name" not in x for x in document["participants"])


# --- anonymity and removal across every format -------------------------------------------


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_anonymous_export_names_nobody(fmt: str) -> None:
    """No participant's name appears in any byte of an anonymous session's export."""
    data = export.render(workshop(), fmt)
    blobs = list(zip_files(data).values()) if fmt == "csv" else [data]
    for blob in blobs:
        for name in NAMES:
            assert name.encode() not in blob, (fmt, name)


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_anonymous_minutes_and_tables_hold_no_participant_id(fmt: str) -> None:
    """Minutes and tables of an anonymous session mention no participant id at all."""
    data = export.render(workshop(), fmt)
    blobs = list(zip_files(data).values()) if fmt == "csv" else [data]
    for blob in blobs:
        assert not re.search(rb"\bp\d+\b", blob), fmt


def test_named_minutes_show_names_and_authors() -> None:
    """A named session lists everyone by name and says who wrote each version."""
    text = md(workshop(anonymous=False))
    names = section(text, "### Navne")
    assert "- Karen (Leder, facilitator, stemmer ikke)" in names
    assert "- Ulla (ingen faggruppe, observatør)" in names
    assert re.search(r"Version 2, kl\. \d\d\.\d\d, Jannik: ", text)
    assert "Vi prøver en aftale pr. beboer (Marianne)" in text
    assert "af Rasmus" in section(text, "### c1: Rehabilitering mod ønsket om hjælp")


def removal_log() -> export.SessionLog:
    """A session where the facilitator removed a draft, a statement and a conflict."""
    sim, lead, ids = staffed()
    sim.do(ids["Birgitte"], p.ProposeDraft("d", "Vi passer på beboerne"))
    sim.do(ids["Henning"], p.ProposeDraft("d", "UPASSENDE UDKAST"))
    sim.do(ids["Henning"], p.ReviseDraft("d", "d2", "UPASSENDE REVISION"))
    sim.do(ids["Jannik"], p.AddStatement("s", "UPASSENDE UDSAGN"))
    sim.do(ids["Jannik"], p.TagStatement("t", "s1", "effect"))
    conflict = p.RecordConflict("c", "UPASSENDE TITEL", [NURSE], "UPASSENDE BESKRIVELSE", [])
    sim.do(ids["Rasmus"], conflict)
    sim.do(ids["Rasmus"], p.UpdateConflict("c", "c1", None, "UPASSENDE NOTE"))
    sim.do(lead, p.FinalizeDraft("f", "d2"))
    sim.do(lead, p.FinalizeDraft("f", "d1"))
    removals: list[tuple[p.ItemKind, str]] = [
        ("draft", "d2"),
        ("statement", "s1"),
        ("conflict", "c1"),
    ]
    for kind, item in removals:
        sim.do(lead, p.RemoveItem("f", kind, item, "Ikke relevant"))
    return log_of(sim)


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_removed_text_is_blanked_in_every_format(fmt: str) -> None:
    """Text the facilitator removed is kept nowhere: not in minutes, events or tables."""
    data = export.render(removal_log(), fmt)
    blobs = list(zip_files(data).values()) if fmt == "csv" else [data]
    assert all(b"UPASSENDE" not in blob for blob in blobs)


def test_removed_statement_with_a_revealed_split_leaves_no_text_in_the_json() -> None:
    """A statement whose split was shown to everyone and was then removed is blanked too."""
    sim, lead, ids = staffed()
    sim.do(ids["Jannik"], p.AddStatement("s", "UPASSENDE: fru Holm på stue 4 vil ikke vaskes"))
    tag_all(sim, ids, "s1", "ooeeoeo")
    sim.do(lead, p.RevealSplit("f", "s1"))
    sim.do(lead, p.RemoveItem("f", "statement", "s1", "Navn på en beboer"))
    document = export.export_json(log_of(sim))
    assert "UPASSENDE" not in json.dumps(document, ensure_ascii=False)


def test_removal_does_not_break_the_replay() -> None:
    """With removed texts blanked, the events still fold into the final state."""
    document = json.loads(export.render(removal_log(), "json"))
    assert json.loads(p.encode(export.replay_export(document))) == document["final_state"]


# --- escaping ------------------------------------------------------------------------------


def markup_log() -> export.SessionLog:
    """Participants who type Markdown, HTML and spreadsheet formulas."""
    sim, lead, ids = staffed()
    sim.do(
        ids["Birgitte"], p.AddStatement("s", "**Vigtigt** se [her](javascript:alert(1)) <b>nu</b>")
    )
    sim.do(ids["Henning"], p.AddStatement("s", "# Overskrift | kolonne `kode`"))
    sim.do(ids["Solveig"], p.AddStatement("s", '=HYPERLINK("x")'))
    sim.do(ids["Jannik"], p.ProposeDraft("d", "1. punkt\n- punkt\n    indrykket"))
    sim.do(lead, p.FinalizeDraft("f", "d1"))
    sim.do(
        ids["Rasmus"], p.RecordConflict("c", "<script>alert(1)</script>", ["@faggruppe"], "+1", [])
    )
    return log_of(sim)


def test_markdown_escapes_user_markup() -> None:
    """User text cannot make emphasis, links, HTML, headings, cells, code or lists."""
    text = md(markup_log())
    assert r"\*\*Vigtigt\*\* se \[her\](javascript:alert(1)) \<b\>nu\</b\>" in text
    assert r"\# Overskrift \| kolonne \`kode\`" in text
    assert "> 1\\. punkt\\\n> \\- punkt\\\n> indrykket\n" in text
    assert "<script>" not in text and "<b>" not in text


def test_markdown_renders_user_text_literally() -> None:
    """Rendered by a CommonMark parser, user text stays text: no link, code, list or tag."""
    rendered = MarkdownIt("commonmark").enable("table").render(md(markup_log()))
    assert "**Vigtigt** se [her](javascript:alert(1)) &lt;b&gt;nu&lt;/b&gt;" in rendered
    assert "# Overskrift | kolonne `kode`" in rendered
    for tag in ("<a ", "<code>", "<ol", "<script", "<b>", "<h1>Overskrift"):
        assert tag not in rendered, tag
    assert rendered.count("<h1>") == 1 and "<strong>Vigtigt</strong>" not in rendered


def test_html_escapes_user_text_and_fetches_nothing() -> None:
    """The HTML escapes user text and holds no script, link or external address."""
    page = export.render(markup_log(), "html").decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;nu&lt;/b&gt;" in page
    lowered = page.lower()
    for bad in ("<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import", "://"):
        assert bad not in lowered, bad
    assert "<style>" in page and "default-src 'none'" in page


def test_html_draws_bars_relative_to_the_top_draft() -> None:
    """Each draft's bar is its dots as a share of the most-voted draft's, in CSS only."""
    page = export.render(workshop(), "html").decode()
    widths = re.findall(r'<span style="width: ([\d.]+)%"></span></td><td class="num">(\d+)<', page)
    assert ("100.0", "5") in widths and ("60.0", "3") in widths
    assert page.count('<table class="bars">') == 2


def test_csv_neutralises_spreadsheet_formulas() -> None:
    """Cells that start with = + - @ are prefixed with ' so no spreadsheet runs them."""
    statements = csv_rows(markup_log(), "statements.csv")
    assert statements[3][2] == '\'=HYPERLINK("x")'
    conflict = csv_rows(markup_log(), "conflicts.csv")[1]
    assert conflict[3] == "'+1" and conflict[4] == "'@faggruppe"
    assert export.csv_cell("-3 grader") == "'-3 grader" and export.csv_cell("Bad") == "Bad"


# --- CSV -----------------------------------------------------------------------------------


def test_csv_tables_have_one_row_per_item() -> None:
    """Versions, round x draft, group x draft, statements and conflicts each one row."""
    log = workshop()
    counts = {name: len(csv_rows(log, name)) - 1 for name in zip_files(export.render(log, "csv"))}
    assert counts == {
        "conflicts.csv": 3,
        "drafts.csv": 4,
        "rounds.csv": 5,
        "statements.csv": 5,
        "votes_by_profession.csv": 10,
    }


def test_csv_rounds_give_the_tally_per_draft_version() -> None:
    """rounds.csv: one row per draft in a round, with the version the round was about."""
    rows = csv_rows(workshop(), "rounds.csv")
    assert rows[0] == [
        "round",
        "round_id",
        "dots_per_voter",
        "blind",
        "open",
        "voters",
        "draft_id",
        "draft_version",
        "dots",
    ]
    assert rows[1:] == [
        ["1", "r1", "2", "true", "false", "7", "d1", "1", "3"],
        ["1", "r1", "2", "true", "false", "7", "d2", "1", "5"],
        ["1", "r1", "2", "true", "false", "7", "d3", "1", "3"],
        ["2", "r2", "1", "false", "false", "7", "d1", "1", "2"],
        ["2", "r2", "1", "false", "false", "7", "d2", "2", "5"],
    ]


def test_csv_zip_is_sorted_with_fixed_timestamps() -> None:
    """The zip's entries are sorted and dated 1980-01-01, whatever the clock says."""
    with zipfile.ZipFile(io.BytesIO(export.render(workshop(), "csv"))) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_write_csv_folder_writes_the_zips_files(tmp_path: Path) -> None:
    """A folder gets the same files, byte for byte, as the zip holds."""
    log = workshop()
    written = write_csv_folder(log, tmp_path / "referat")
    on_disk = {path.name: path.read_bytes() for path in written}
    assert on_disk == zip_files(export.render(log, "csv"))


# --- determinism and the module itself -----------------------------------------------------


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_every_format_is_deterministic(fmt: str) -> None:
    """The same log gives byte-identical output, also from a separately built log."""
    assert export.render(workshop(), fmt, "en") == export.render(workshop(), fmt, "en")


def test_unknown_format_or_language_is_refused() -> None:
    """A format or language the export does not know is an error, not a guess."""
    with pytest.raises(ValueError):
        export.render(workshop(), "pdf")
    with pytest.raises(ValueError):
        export.render(workshop(), "md", "de")


def test_export_module_imports_no_database_or_terminal_library() -> None:
    """The export's formatting is pure: only the caller of load_log needs SQLite."""
    assert [name for name in imported_by("server.export") if is_forbidden(name)] == []
