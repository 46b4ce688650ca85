"""The page folds events exactly as the server would show them: after a random mix of
commands from the browser, a participant and the facilitator (moderation, decisions,
dilemmas, rating rounds and phase instructions included), what the page holds is the
snapshot the server gives that very participant."""

from __future__ import annotations

import random
from typing import Any

from tests.realserver import Running
from tests.server.peer import Peer, hello, join
from tests.web.browser import Page
from tests.web.test_phone import facilitator, join_from_page

STEPS = 120


def a_command(rng: random.Random, facilitating: bool) -> dict[str, Any]:
    """One command with real-looking text and ids that may or may not exist (a refusal
    is part of the mix: it must change nothing on any screen)."""
    draft = f"d{rng.randint(1, 4)}"
    statement = f"s{rng.randint(1, 4)}"
    choices: list[dict[str, Any]] = [
        {
            "type": "propose_draft",
            "text": rng.choice(["Borgeren mestrer sin hverdag", "Vi giver omsorg"]),
        },
        {"type": "revise_draft", "draft_id": draft, "text": "Borgeren lever et trygt liv"},
        {"type": "withdraw_draft", "draft_id": draft},
        {"type": "cast_vote", "draft_id": draft},
        {"type": "retract_vote", "draft_id": draft},
        {"type": "add_statement", "text": rng.choice(["Antal bade pr. uge", "Borgeren går selv"])},
        {
            "type": "tag_statement",
            "statement_id": statement,
            "tag": rng.choice(["output", "effect", None]),
        },
        {
            "type": "record_conflict",
            "title": "Tryghed eller selvbestemmelse",
            "professions": ["Sygeplejerske"],
        },
        {
            "type": "update_conflict",
            "conflict_id": "c1",
            "note": "Vi tager den op på personalemødet",
        },
        {
            "type": "record_dilemma",
            "title": "Hjemmebesøg eller telefonopfølgning",
            "kind": "resources",
            "side_a": "Borgeren møder en person",
            "side_b": "Flere borgere får en samtale",
        },
        {
            "type": "rate",
            "draft_id": draft,
            "question": "live",
            "answer": rng.choice(["full", "support", "doubts", "cannot", None]),
        },
        {"type": "rate", "draft_id": draft, "question": "value", "answer": "partly"},
        {"type": "add_action", "what": "Tag kerneopgaven med på personalemødet"},
        {"type": "update_action", "action_id": "a1", "status": "doing"},
    ]
    if facilitating:
        choices += [
            {"type": "open_round", "dots": rng.randint(1, 3), "blind": rng.random() < 0.5},
            {"type": "close_round"},
            {"type": "classify_statement", "statement_id": statement, "tag": "effect"},
            {
                "type": "remove_item",
                "kind": rng.choice(["draft", "statement"]),
                "item_id": rng.choice([draft, statement]),
            },
            {"type": "finalize_draft", "draft_id": draft, "reason": "Den samler os bedst"},
            {
                "type": "set_instruction",
                "phase": rng.choice(["statements", "drafts", "voting"]),
                "text": rng.choice(["Skriv hvad borgeren mærker", ""]),
            },
            {
                "type": "add_action",
                "kind": rng.choice(["action", "decision"]),
                "what": "Kerneopgaven hænges op i personalestuen",
                "who": "Mette",
                "forum": "staff_meeting",
            },
            {"type": "update_action", "action_id": "a1", "note": "Gjort i uge 12"},
            {"type": "close_rating"},
            {"type": "set_phase", "phase": rng.choice(["statements", "drafts", "voting"])},
            {"type": "start_timer", "seconds": 300, "label": "Runde"},
            {"type": "mute_participant", "participant_id": "p2", "muted": rng.random() < 0.5},
            {"type": "remove_writings", "participant_id": "p2", "reason": "Forkert møde"},
            {"type": "open_round", "dots": 2, "blind": False, "hold_split": True},
            {"type": "reveal_round_split", "round_id": rng.choice(["r1", "r2", "r3"])},
            {"type": "set_tagging", "blind": rng.random() < 0.5},
            {"type": "set_minutes_tables", "include": rng.random() < 0.5},
        ]
        # a rating round is opened more often than the rest: every rate needs one open
        rating = {
            "type": "open_rating",
            "kind": rng.choice(["acceptance", "criteria"]),
            "draft_ids": [draft],
            "blind": rng.random() < 0.5,
        }
        choices += [rating] * 4
    return rng.choice(choices)


async def by_peer(peer: Peer, command: dict[str, Any]) -> None:
    await peer.command(command["type"], **{k: v for k, v in command.items() if k != "type"})


async def by_page(phone: Page, command: dict[str, Any]) -> None:
    """The page's own command path (its outbox, its ack handling), as a button uses it."""
    await phone.js("window.kerneLink.command(arguments[0])", command)
    await phone.until(lambda d: d.execute_script("return window.kerneLink.outbox.length === 0"))


async def test_the_page_holds_the_servers_snapshot_after_random_commands(
    server: Running, phone: Page
) -> None:
    """80 seeded random steps; then the page's copy equals a fresh welcome's snapshot."""
    rng = random.Random(14)
    mette = await facilitator(server)
    anne = await join(server.url, server.code, "Anne", "Sygeplejerske")
    await join_from_page(phone, server)
    for _ in range(STEPS):
        who = rng.choice(["page", "page", "anne", "mette"])
        if who == "page":
            await by_page(phone, a_command(rng, facilitating=False))
        else:
            await by_peer(anne if who == "anne" else mette, a_command(rng, who == "mette"))
    # a choice, an instruction and an open rating round with the page's answer once more
    # at the end, so the comparison always covers them (and my_answers while it is open)
    await mette.command("close_round")
    await mette.command("close_rating")
    draft = await mette.ok("propose_draft", text="Borgeren lever det liv, borgeren ønsker")
    await mette.ok("finalize_draft", draft_id=draft["item_id"], reason="Den samler os bedst")
    await mette.ok("set_instruction", phase="voting", text="Giv dine prikker til den bedste")
    await mette.ok("open_rating", kind="acceptance", draft_ids=[draft["item_id"]], blind=False)
    await by_page(
        phone,
        {"type": "rate", "draft_id": draft["item_id"], "question": "live", "answer": "support"},
    )
    # the moderation kinds once more at the end, Anne's removal last (her socket closes)
    await mette.ok("set_minutes_tables", include=True)
    await mette.command("set_tagging", blind=True)
    await by_page(phone, {"type": "tag_statement", "statement_id": "s1", "tag": "effect"})
    await mette.ok("set_admission", admit=True)
    await mette.ok("remove_participant", participant_id=anne.pid, reason="Forkert møde")
    last = (await mette.ok("set_phase", phase="wrapup"))["seq"]
    await phone.until(lambda d: d.execute_script("return window.kerneLink.view.seq") == last)
    page = await phone.view()
    token = await phone.js("return window.kerneLink.token")
    fresh, welcome = await hello(server.url, server.code, resume_token=token, last_seq=0)
    assert welcome["seq"] == last == page["seq"]
    snap = page["snap"]
    assert snap["drafts"] and snap["statements"] and snap["rounds"] and snap["conflicts"]
    assert (
        snap["actions"] and snap["ratings"] and snap["choices"] and snap["session"]["instructions"]
    )
    assert any(x["kind"] == "resources" for x in snap["conflicts"])
    assert snap["session"]["blind_tagging"] and "minutes_tables" in snap["session"]["settings"]
    assert snap == welcome["state"]
    assert page["mine"]["my_answers"] == welcome["mine"]["my_answers"]
    assert page["mine"]["my_votes"] == welcome["mine"]["my_votes"]
    assert sorted(page["mine"]["my_items"]) == sorted(welcome["mine"]["my_items"])
    assert page["mine"]["my_tags"] == welcome["mine"]["my_tags"]
    await fresh.close()
