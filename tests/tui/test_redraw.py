"""What one event redraws: only what it changed. With hundreds of drafts, redrawing
every list (and the footer, and the whole screen) on every event lags a room."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList
from textual.widgets._footer import FooterKey

from kerne_tui.widgets.core.draft_list import DraftList
from kerne_tui.widgets.header import SessionHeader
from kerne_tui.widgets.people import ParticipantsPanel
from tests.realserver import Running
from tests.server.peer import Peer, join
from tests.tui.drive import a_line_ends, client, joined, options, until

WORK = ("tryghed", "selvstændighed", "værdighed", "fællesskab", "livskvalitet")


async def proposed(server: Running, count: int, *, vote: bool = True) -> tuple[Peer, Peer]:
    """Dina's `count` drafts of a nursing home's core task, and Mette (facilitating),
    who opens a round of two dots on them if there is to be a `vote`."""
    dina = await join(server.url, server.code, "Dina", "Social- og sundhedsassistent")
    for i in range(count):
        await dina.ok("propose_draft", text=f"Beboeren oplever {WORK[i % len(WORK)]} ({i + 1})")
    mette = await join(
        server.url, server.code, "Mette", "Leder", role="facilitator", facilitator_key=server.key
    )
    if vote:
        await mette.ok("open_round", dots=2, blind=False)
    return dina, mette


async def test_a_statement_leaves_the_drafts_as_drawn(server: Running, tmp_path: Path) -> None:
    """A colleague's new statement does not touch the draft list; a new draft is added
    below the one drawn."""
    dina = await join(server.url, server.code, "Dina", "Social- og sundhedsassistent")
    await dina.ok("propose_draft", text="Beboeren lever et trygt liv")
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(anne) and len(options(anne, "#draft-list")) == 1)
        drafts = anne.screen.query_one("#draft-list", OptionList)
        drawn = drafts.get_option_at_index(0)
        await dina.ok("add_statement", text="Antal faldulykker pr. måned")
        await until(a, lambda: len(options(anne, "#statement-list")) == 1)
        assert drafts.get_option_at_index(0) is drawn
        await dina.ok("propose_draft", text="Beboeren mestrer sin hverdag")
        await until(a, lambda: len(options(anne, "#draft-list")) == 2)
        assert drafts.get_option_at_index(0) is drawn and drawn.prompt is not None
        assert "mestrer sin hverdag" in options(anne, "#draft-list")[1]


async def test_a_vote_changes_only_the_draft_it_lands_on(server: Running, tmp_path: Path) -> None:
    """A colleague's dot on one of 40 drafts: that draft reads its new count, every other
    option is the one drawn before, and Anne's highlight and scroll stay where they were."""
    dina, _ = await proposed(server, 40)
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with anne.run_test(size=(120, 40)) as a:
        drafts = anne.screen.query_one(DraftList)
        await until(a, lambda: joined(anne) and drafts.option_count == 40)
        await a.press("end", "up", "up")
        highlighted, scrolled = drafts.selected_id, drafts.scroll_y
        assert highlighted == "d38" and scrolled > 0
        before = [(o, o.prompt) for o in drafts.options]
        await dina.ok("cast_vote", draft_id="d36")
        await until(a, lambda: a_line_ends(str(drafts.get_option("d36").prompt), " 1 dot"))
        assert (drafts.selected_id, drafts.scroll_y) == (highlighted, scrolled)
        assert all(o is b for o, (b, _) in zip(drafts.options, before, strict=True))
        others = [(o, p) for o, (_, p) in zip(drafts.options, before, strict=True) if o.id != "d36"]
        assert all(o.prompt is p for o, p in others)


async def test_a_removed_draft_reads_removed_and_the_others_stay(
    server: Running, tmp_path: Path
) -> None:
    """The facilitator removes a draft: it says so in its place, the others stay drawn."""
    _, mette = await proposed(server, 12)
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with anne.run_test(size=(120, 40)) as a:
        drafts = anne.screen.query_one("#draft-list", OptionList)
        await until(a, lambda: joined(anne) and drafts.option_count == 12)
        before = [o.prompt for o in drafts.options]
        await mette.ok("remove_item", kind="draft", item_id="d5", reason="Personfølsomt")
        await until(a, lambda: "removed" in options(anne, "#draft-list")[4])
        assert "oplever" not in options(anne, "#draft-list")[4]
        assert [o.id for o in drafts.options] == [f"d{i}" for i in range(1, 13)]
        assert all(drafts.options[i].prompt is before[i] for i in range(12) if i != 4)


async def test_a_vote_leaves_the_header_people_and_footer_as_drawn(
    server: Running, tmp_path: Path
) -> None:
    """Nothing a colleague's dot does not change is drawn again: not the header, not
    the people, not the keys in the footer."""
    dina, _ = await proposed(server, 3)
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(anne) and len(options(anne, "#draft-list")) == 3)
        await a.pause()
        header = anne.screen.query_one(SessionHeader).content
        people = anne.screen.query_one(ParticipantsPanel).content
        keys = list(anne.screen.query(FooterKey))
        await dina.ok("cast_vote", draft_id="d2")
        await until(a, lambda: a_line_ends(options(anne, "#draft-list")[1], " 1 dot"))
        await a.pause()
        assert anne.screen.query_one(SessionHeader).content is header
        assert anne.screen.query_one(ParticipantsPanel).content is people
        assert list(anne.screen.query(FooterKey)) == keys and keys


async def test_the_footer_follows_the_keys_that_change(server: Running, tmp_path: Path) -> None:
    """Once the session is closed, the footer no longer offers to propose a draft."""
    _, mette = await proposed(server, 1, vote=False)
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with anne.run_test(size=(120, 40)) as a:

        def footer() -> set[str]:
            return {key.key for key in anne.screen.query(FooterKey)}

        await until(a, lambda: joined(anne) and "n" in footer())
        await mette.ok("close_session")
        await until(a, lambda: anne.view is not None and anne.view.snapshot.session.closed)
        await until(a, lambda: "n" not in footer())
