"""The facilitator's profession lens in the real app, against the real server."""

from __future__ import annotations

from pathlib import Path

from kerne_tui.screens.conflict_form import ConflictForm
from tests.realserver import Running
from tests.server.peer import Peer, join
from tests.tui.drive import client, joined, options, static, until

NURSE, CARE = "Sygeplejerske", "Social- og sundhedsassistent"


async def split_room(server: Running) -> list[Peer]:
    """Three nurses tag effect and three care assistants output on one statement."""
    people = []
    for name, profession in [
        ("Anne", NURSE),
        ("Bo", NURSE),
        ("Cille", NURSE),
        ("Dina", CARE),
        ("Emil", CARE),
        ("Fatima", CARE),
    ]:
        people.append(await join(server.url, server.code, name, profession))
    await people[0].ok("add_statement", text="Beboeren går selv i haven hver dag")
    for peer, tag in zip(people, ["effect"] * 3 + ["output"] * 3, strict=True):
        await peer.ok("tag_statement", statement_id="s1", tag=tag)
    return people


async def test_suggestion_is_accepted_as_a_conflict(server: Running, tmp_path: Path) -> None:
    """The lens lists the split; a records it as a conflict prefilled with the evidence."""
    await split_room(server)
    mette = client(
        server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key, votes=False
    )
    async with mette.run_test(size=(120, 40)) as m:
        await until(m, lambda: joined(mette) and mette.lens is not None)
        await m.press("4")
        await until(m, lambda: len(options(mette, "#suggestion-list")) == 1)
        entry = options(mette, "#suggestion-list")[0]
        assert "100 %" in entry and NURSE in entry and CARE in entry
        await m.press("a")
        await until(m, lambda: isinstance(mette.screen, ConflictForm))
        await m.press("enter")
        await until(m, lambda: len(options(mette, "#conflict-list")) == 1)
        conflict = options(mette, "#conflict-list")[0]
        assert "from the profession lens" in conflict and "100 % effect" in conflict
        await until(m, lambda: options(mette, "#suggestion-list") == [])


async def test_dismissed_suggestion_leaves_the_list(server: Running, tmp_path: Path) -> None:
    """d sets a suggestion aside."""
    await split_room(server)
    mette = client(
        server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key, votes=False
    )
    async with mette.run_test(size=(120, 40)) as m:
        await until(m, lambda: joined(mette) and mette.lens is not None)
        await m.press("4")
        await until(m, lambda: len(options(mette, "#suggestion-list")) == 1)
        await m.press("d")
        await until(m, lambda: options(mette, "#suggestion-list") == [])
    assert server.hub.sessions[server.code].dismissed == {"split-statement-s1"}


async def test_split_is_shown_to_participants_only_when_revealed(
    server: Running, tmp_path: Path
) -> None:
    """The facilitator sees the split at once; a participant after v reveals it."""
    people = await split_room(server)
    mette = client(
        server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key, votes=False
    )
    anne = client(server, tmp_path / "anne")
    anne.memory.tokens[anne.token_key] = people[0].token  # Anne's own laptop, resuming
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette) and mette.lens is not None)
        await until(a, lambda: joined(anne))
        await m.press("2")
        await until(m, lambda: NURSE in static(mette, "#split"))
        await a.press("2")
        await a.pause(0.2)
        assert NURSE not in static(anne, "#split")
        await m.press("v")
        await until(a, lambda: NURSE in static(anne, "#split"))
        assert "output 3 · effect 0" in static(anne, "#split")


async def test_participant_has_no_lens(server: Running, tmp_path: Path) -> None:
    """A participant's 4 does nothing and the lens tab is not there."""
    await split_room(server)
    anne = client(server, tmp_path / "anne", "Anne", NURSE)
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(anne))
        await a.press("4")
        await a.pause(0.2)
        assert anne.lens is None
        from textual.widgets import TabbedContent

        assert anne.screen.query_one(TabbedContent).active == "core"
