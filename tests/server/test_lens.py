"""The profession lens through the real server: an engineered split, seen only by the
facilitator, accepted as a conflict, set aside across a restart, and a profession of two
never identifiable in any message or export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from server import archive, export
from server.store import Store
from tests.realserver import Running
from tests.server.peer import Peer, join

NURSE, CARE, OT = "Sygeplejerske", "Social- og sundhedsassistent", "Ergoterapeut"


async def staff(server: Running) -> tuple[Peer, list[Peer], Peer]:
    """A non-voting leader, 3 nurses, 3 care assistants, 2 occupational therapists, a
    pedagogue (the therapists and the pedagogue make an 'other' group of 3), an observer."""
    mette = await join(
        server.url,
        server.code,
        "Mette",
        "Leder",
        role="facilitator",
        facilitator_key=server.key,
        votes=False,
    )
    people = []
    for name, profession in [
        ("Anne", NURSE),
        ("Bo", NURSE),
        ("Cille", NURSE),
        ("Dina", CARE),
        ("Emil", CARE),
        ("Fatima", CARE),
        ("Gitte", OT),
        ("Hans", OT),
        ("Ida", "Pædagog"),
    ]:
        people.append(await join(server.url, server.code, name, profession))
    olga = await join(server.url, server.code, "Olga", None, role="observer")
    return mette, people, olga


async def tag_all(people: list[Peer], statement: str, tags: str) -> None:
    for peer, letter in zip(people, tags, strict=True):
        await peer.ok(
            "tag_statement", statement_id=statement, tag="effect" if letter == "e" else "output"
        )


async def latest_lens(peer: Peer, condition: Any) -> dict[str, Any]:
    while True:
        message = await peer.expect("lens")
        if condition(message):
            return message


def groups_named(message: dict[str, Any]) -> set[str]:
    """Every profession key that carries a figure in a lens or event message."""
    found: set[str] = set()
    for split in message.get("statements", {}).values():
        found |= set(split)
    for suggestion in message.get("suggestions", []):
        found |= {side["profession"] for side in suggestion["sides"]}
    found |= set(message.get("equity", {}).get("by_profession", {}))
    return found


async def test_engineered_split_is_suggested_to_the_facilitator_only(server: Running) -> None:
    """Nurses tag effect, care assistants output: the facilitator gets a suggestion naming
    both sides with their shares; participants and observers get no lens at all."""
    mette, people, olga = await staff(server)
    await people[0].ok("add_statement", text="Beboeren går selv i haven hver dag")
    await tag_all(people, "s1", "eeeooo" + "eeo")
    lens = await latest_lens(mette, lambda m: m["suggestions"])
    (suggestion,) = lens["suggestions"]
    assert (suggestion["kind"], suggestion["item_id"], suggestion["score"]) == (
        "statement",
        "s1",
        1.0,
    )
    sides = {s["profession"]: s["share"] for s in suggestion["sides"]}
    assert sides == {NURSE: 1.0, CARE: 0.0}
    await people[0].ok("add_statement", text="Et udsagn mere")  # flush what others got
    for peer in [*people, olga]:
        await peer.event("statement_added")
        assert "lens" not in peer.seen and "event" in peer.seen
    assert "lens" in mette.seen


async def test_accepting_records_a_conflict_from_the_suggestion(server: Running) -> None:
    """Accepting records an ordinary conflict; the suggestion is then no longer offered."""
    mette, people, _ = await staff(server)
    await people[0].ok("add_statement", text="Beboeren går selv i haven hver dag")
    await tag_all(people, "s1", "eeeooo" + "eeo")
    lens = await latest_lens(mette, lambda m: m["suggestions"])
    suggestion = lens["suggestions"][0]
    await mette.ok(
        "record_conflict",
        title="Haven: rehabilitering eller hjælp",
        description="Sygeplejerske: 100 % effekt; Social- og sundhedsassistent: 0 %",
        professions=[NURSE, CARE],
        refs=[{"kind": "statement", "id": "s1"}],
        suggestion=suggestion["id"],
    )
    recorded = await people[1].event("conflict_recorded")
    assert recorded["data"]["conflict"]["suggestion"] == suggestion["id"]
    await latest_lens(mette, lambda m: not m["suggestions"])


async def test_dismissal_is_remembered_across_a_restart(server: Running) -> None:
    """A suggestion set aside stays aside after the server restarts; nobody else hears."""
    mette, people, _ = await staff(server)
    await people[0].ok("add_statement", text="Antal bade pr. uge")
    await tag_all(people, "s1", "oooeee" + "ooe")
    lens = await latest_lens(mette, lambda m: m["suggestions"])
    await mette.send(
        {"type": "dismiss_suggestion", "id": "x1", "suggestion_id": lens["suggestions"][0]["id"]}
    )
    await latest_lens(mette, lambda m: not m["suggestions"])
    await server.restart()
    back = await join(server.url, server.code, "x", resume_token=mette.token, last_seq=0)
    fresh = await back.expect("lens")
    assert fresh["suggestions"] == [] and fresh["statements"]["s1"][NURSE]["output"] == 3


async def test_profession_of_two_is_never_identifiable(server: Running, tmp_path: Path) -> None:
    """The two occupational therapists never have a figure of their own: not in the lens,
    not in a revealed split, not in a round's result, not in any export."""
    mette, people, olga = await staff(server)
    await people[0].ok("add_statement", text="Beboeren går selv i haven hver dag")
    await tag_all(people, "s1", "eeeooo" + "eeo")
    await people[0].ok("propose_draft", text="Vi skaber livskvalitet")
    await people[3].ok("propose_draft", text="Vi giver tryg pleje")
    await mette.ok("open_round", dots=1, blind=True)
    for peer, draft in zip(people, ["d1"] * 3 + ["d2"] * 3 + ["d1", "d1", "d2"], strict=True):
        await peer.ok("cast_vote", draft_id=draft)
    await mette.ok("close_round")
    await mette.ok("reveal_split", statement_id="s1")
    revealed = await olga.event("split_revealed")
    split = revealed["data"]["statement"]["split"]
    assert set(split) == {NURSE, CARE, ""} and split[""] == {"output": 1, "effect": 2}
    lens = await latest_lens(mette, lambda m: len(m["suggestions"]) == 2)
    closed = next(e for e in olga.events if e["kind"] == "round_closed")
    assert set(closed["data"]["round"]["by_profession"]) == {NURSE, CARE, ""}
    assert OT not in groups_named(lens) and OT not in json.dumps(revealed)
    store = Store(server.db)
    log = archive.load_log(store, server.code)
    store.close()
    assert log is not None
    document = json.loads(export.render(log, "json", "da"))
    for event in document["events"]:
        data = event["data"]
        assert OT not in set((data.get("round") or {}).get("by_profession") or {})
        assert OT not in set((data.get("statement") or {}).get("split") or {})
    for fmt in ("md", "html"):
        text = export.render(log, fmt, "en").decode()
        # Only the head count of who was there, which is allowed: on the front page and
        # in the appendix's list of participants.
        assert text.count(OT) == 2
        lines = [x for x in text.splitlines() if OT in x]
        assert all("Present" in x or "| 2 |" in x or "<td>" in x for x in lines), lines
