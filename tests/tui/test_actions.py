"""Decisions and next steps in the terminal: the facilitator adds one from the menu,
everyone sees it under the drafts; a closed meeting is reopened for follow-up."""

from __future__ import annotations

from pathlib import Path

from kerne_tui.app import KerneApp
from kerne_tui.locale import Strings
from kerne_tui.screens.action_form import ActionForm
from kerne_tui.screens.choice import Choice
from kerne_tui.screens.confirm import Confirm
from kerne_tui.widgets.core.action_list import action_line
from kerne_tui.widgets.core.draft_area import DraftArea
from tests.realserver import Running
from tests.tui.drive import client, joined, pick, static, until


async def test_the_facilitator_adds_a_next_step_everyone_sees(
    server: Running, tmp_path: Path
) -> None:
    """Menu, next step, its words: the nurse's screen lists it with its status (English)."""
    mette = client(server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key)
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await m.press("m")
        await pick(m, mette, "action")
        await until(
            m, lambda: isinstance(mette.screen, Choice) and "Next step" in str(mette.screen.choices)
        )
        await m.press("enter")  # a next step
        await until(m, lambda: isinstance(mette.screen, ActionForm))
        await m.press(*"Tavlemøde hver mandag kl. 8", "enter")
        await until(a, lambda: "Tavlemøde hver mandag kl. 8" in static(anne, "#action-list"))
        assert "Next step: Tavlemøde hver mandag kl. 8" in static(anne, "#action-list")
        assert "[not started]" in static(anne, "#action-list")


def asks_to_confirm(app: KerneApp) -> bool:
    """A confirmation is up and its action button has the focus (Enter does it)."""
    return isinstance(app.screen, Confirm) and getattr(app.focused, "id", None) == "yes"


async def test_a_closed_meeting_is_reopened_for_follow_up_from_the_menu(
    server: Running, tmp_path: Path
) -> None:
    """After closing, the menu offers to reopen; confirmed, the room is told."""
    mette = client(server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key)
    async with mette.run_test(size=(120, 40)) as m:
        await until(m, lambda: joined(mette))
        await m.press("m")
        await pick(m, mette, "close_session")
        await until(m, lambda: asks_to_confirm(mette))
        await m.press("enter")  # the button that names the action has the focus
        await until(m, lambda: mette.view is not None and mette.view.snapshot.session.closed)
        await m.press("m")
        await pick(m, mette, "reopen")
        await until(m, lambda: asks_to_confirm(mette))
        await m.press("enter")
        await until(m, lambda: mette.view is not None and mette.view.snapshot.follow.reopened)


async def test_a_participant_adds_a_next_step_in_the_wrap_up(
    server: Running, tmp_path: Path
) -> None:
    """In the wrap-up the nurse's b adds a next step; the facilitator's screen lists it."""
    mette = client(server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key)
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await m.press("p")
        await pick(m, mette, "wrapup")
        await until(
            a, lambda: anne.view is not None and anne.view.snapshot.session.phase == "wrapup"
        )
        await a.press("b")
        await until(
            a, lambda: isinstance(anne.screen, Choice) and "Next step" in str(anne.screen.choices)
        )
        await a.press("enter")  # a next step
        await until(a, lambda: isinstance(anne.screen, ActionForm))
        await a.press(*"Fast plads til pårørende på tavlemødet", "enter")
        await until(m, lambda: "Fast plads til pårørende" in static(mette, "#action-list"))
        assert "Next step: Fast plads til pårørende på tavlemødet" in static(mette, "#action-list")


async def test_a_participant_has_no_action_key_before_the_wrap_up(
    server: Running, tmp_path: Path
) -> None:
    """Before the wrap-up the nurse's b opens nothing: only the facilitator adds then."""
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(anne))
        await a.press("b")
        await a.pause()
        assert not isinstance(anne.screen, Choice)
        assert not anne.screen.query_one(DraftArea).check_action("add_action", ())


def test_a_decision_says_no_status_until_it_is_followed_up() -> None:
    """»Beslutning: ... [ikke startet]« reads wrong: a decision is made, not started; a
    next step still says it, and a decision once in progress says so."""
    t = Strings("da")
    decision = action_line(t, "decision", "Tavlemøde hver mandag", [], "open").plain
    step = action_line(t, "action", "Skema til tavlemødet", [], "open").plain
    doing = action_line(t, "decision", "Tavlemøde hver mandag", [], "doing").plain
    assert "ikke startet" not in decision and "[ikke startet]" in step and "[i gang]" in doing
