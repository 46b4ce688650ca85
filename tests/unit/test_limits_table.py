"""The one table of limits in docs/security.md says what the code does.

Each row named here must state the value of the constants the code uses, as a person
reads it; a constant changed without the table (or the other way round) fails here.
"""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from server import hub, limits, lobby, model, room
from server import protocol as p

SECURITY = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def limit_rows() -> dict[str, str]:
    """The rows of the "Limits" table by their first cell; a row whose first cell is
    empty continues the one above."""
    text = SECURITY.read_text(encoding="utf-8")
    section = text.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, str] = {}
    last = ""
    for line in section.splitlines():
        if not line.startswith("| ") or line.startswith("| limit |"):
            continue
        first = line.split("|")[1].strip()
        if first:
            last = first
        rows[last] = rows.get(last, "") + line
    return rows


def mib(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB"


def kib(n: int) -> str:
    return f"{n // 1024} KiB"


L = p.LIMITS
EXPECTED: dict[str, list[str]] = {
    "message size": [f"{p.MAX_MESSAGE_BYTES:,} bytes"],
    "text fields": [
        f"name, profession {L['name']}",
        f"draft, statement, reason {L['draft']}",
        f"title {L['title']}",
        f"description, note {L['description']}",
        f"label {L['label']}",
    ],
    "lists in `record_conflict`": [
        f"{p.MAX_CONFLICT_PROFESSIONS} professions, {p.MAX_CONFLICT_REFS} refs"
    ],
    "items per session": [
        f"{model.MAX_STATEMENTS} statements, {model.MAX_DRAFTS} drafts, "
        f"{model.MAX_CONFLICTS} conflicts",
        f"{model.MAX_SESSION_NOTES} notes on all conflicts, {model.MAX_NOTES} on one",
    ],
    "commands per connection": [
        f"{limits.COMMANDS_PER_SECOND:g} a second, bursts of {limits.COMMAND_BURST:g}",
        f"after {limits.FLOOD_STRIKES + 1} refusals in a row",
    ],
    "failed joins per address": [f"{limits.JOIN_FAILURES} in a minute"],
    "failed joins, all addresses": [f"{limits.GLOBAL_JOIN_FAILURES} in a minute"],
    "new participants per address": [
        f"{limits.JOINS_PER_MINUTE:g} a minute, bursts of {limits.JOIN_BURST:g}"
    ],
    "connections per address": [f"{limits.CONNECTIONS_PER_ADDRESS} upgraded"],
    "a client that stops reading": [
        mib(hub.MAX_WRITE_BUFFER),
        kib(hub.STALLED_BACKLOG),
        f"({hub.WATCHDOG_SECONDS:g} s)",
    ],
    "catch-up on resume": [f"{room.MAX_CATCH_UP} events"],
    "timer length": [f"1 s to {p.MAX_TIMER_SECONDS} s"],
    "dots in a round": [f"{p.MIN_DOTS} to {p.MAX_DOTS}"],
    "join id": ["22 to 64 URL-safe characters"],
    "lens suggestion id": ["at most 40 more characters"],
    "waiting list (lobby)": [f"{lobby.MAX_WAITING} newcomers per session"],
    "what the room is told, coalesced": [
        f"at most every {room.PRESENCE_DELAY * 1000:g} ms",
        f"at most every {room.LENS_DELAY:g} s",
    ],
}


@pytest.mark.parametrize("limit", sorted(EXPECTED))
def test_the_limits_table_states_the_codes_value(limit: str) -> None:
    """The row for this limit names the value the code enforces."""
    rows = limit_rows()
    assert limit in rows, f"docs/security.md has no row for {limit!r}"
    for value in EXPECTED[limit]:
        assert value in rows[limit], f"{limit!r}: {value!r} is not in {rows[limit]!r}"


def test_the_join_id_and_suggestion_rules_are_the_ones_documented() -> None:
    """The two limits written as patterns: the join id's length, the suggestion's tail."""
    meta = get_args(p.JoinId)[1]
    assert (meta.min_length, meta.max_length) == (22, 64)
    assert "{1,40}" in p.SUGGESTION_ID.pattern
