"""The client as people use it, driven with Pilot against the real server."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import OptionList, Static, TabbedContent

from kerne_tui.app import KerneApp
from kerne_tui.screens.choice import Choice
from kerne_tui.screens.choose_dialog import ChooseDialog
from kerne_tui.screens.confirm import Confirm
from kerne_tui.screens.conflict_form import ConflictForm
from kerne_tui.screens.join import JoinScreen
from kerne_tui.screens.reveal import RevealScreen
from kerne_tui.screens.round_dialog import RoundDialog
from kerne_tui.screens.session import SessionScreen
from kerne_tui.screens.text_prompt import TextPrompt
from kerne_tui.widgets.header import SessionHeader
from kerne_tui.widgets.people import ParticipantsPanel
from tests.realserver import Running
from tests.tui.drive import a_line_ends, client, joined, options, static, until


async def test_join_screen_asks_name_and_profession(server: Running, tmp_path: Path) -> None:
    """Without --name/--profession the join screen asks, offering the session's list."""
    app = client(server, tmp_path / "anne")
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, JoinScreen))
        assert "Sygeplejerske" in options(app, "#pick")
        await pilot.press(*"Anne", "enter")
        await pilot.press(*"Sygeplejerske", "enter")
        await until(pilot, lambda: joined(app))
        assert app.view is not None and app.view.me.profession == "Sygeplejerske"
    assert app.memory.name == "Anne"  # remembered for next time


async def test_two_clients_see_each_others_drafts(server: Running, tmp_path: Path) -> None:
    """A draft proposed in one terminal appears in the other at once."""
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    dina = client(server, tmp_path / "dina", "Dina", "Social- og sundhedsassistent")
    async with anne.run_test(size=(120, 40)) as a, dina.run_test(size=(120, 40)) as d:
        await until(a, lambda: joined(anne))
        await until(d, lambda: joined(dina))
        await a.press("n")
        await a.press(*"Beboeren lever et trygt liv", "enter")
        await until(d, lambda: any("trygt liv" in x for x in options(dina, "#draft-list")))
        await until(a, lambda: any("your draft" in x for x in options(anne, "#draft-list")))


async def facilitator_and_nurse(server: Running, tmp_path: Path) -> tuple[KerneApp, KerneApp]:
    mette = client(server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key)
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    return mette, anne


async def test_vote_and_retract_with_space(server: Running, tmp_path: Path) -> None:
    """Space puts a dot on the highlighted draft, and takes it back."""
    mette, anne = await facilitator_and_nurse(server, tmp_path)
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await a.press("n", *"Vi skaber tryghed", "enter")
        await until(a, lambda: len(options(anne, "#draft-list")) == 1)
        await m.press("r")
        await until(m, lambda: isinstance(mette.screen, RoundDialog))
        await m.press("backspace", "2", "tab", "space", "shift+tab", "enter")  # 2 dots, not blind
        await until(a, lambda: anne.view is not None and anne.view.open_round is not None)
        await a.press("space")
        await until(a, lambda: "your dot" in options(anne, "#draft-list")[0])
        assert "you have 1 left" in static(anne, "#round")
        await until(m, lambda: a_line_ends(options(mette, "#draft-list")[0], " 1 dot"))
        await a.press("space")
        await until(a, lambda: "your dot" not in options(anne, "#draft-list")[0])


async def test_blind_round_is_revealed_to_everyone(server: Running, tmp_path: Path) -> None:
    """A blind round shows no counts; closing it shows everyone the result."""
    mette, anne = await facilitator_and_nurse(server, tmp_path)
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await a.press("n", *"Beboeren mestrer sin hverdag", "enter")
        await until(m, lambda: len(options(mette, "#draft-list")) == 1)
        await m.press("r")
        await until(m, lambda: isinstance(mette.screen, RoundDialog))
        await m.press("enter")  # 3 dots, blind: the defaults
        await until(a, lambda: "BLIND" in static(anne, "#round"))
        await a.press("space")
        await until(m, lambda: "1 of 2 have voted" in static(mette, "#round"))
        assert "dots" not in options(mette, "#draft-list")[0]  # no count while blind
        await m.press("r")
        await until(m, lambda: isinstance(mette.screen, Confirm))
        await m.press("enter")  # the focused button is the action
        await until(a, lambda: isinstance(anne.screen, RevealScreen))
        result = str(anne.screen.query_one("#result", Static).content)
        assert "Round 1: the result" in result and "Beboeren mestrer" in result
        assert "No split by profession" in result  # 2 voters: nobody may be singled out


async def test_tag_statement_output_then_effect(server: Running, tmp_path: Path) -> None:
    """o and e tag the highlighted statement; the other client sees the split."""
    mette, anne = await facilitator_and_nurse(server, tmp_path)
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await a.press("2", "n", *"Antal bade pr. uge", "enter")
        await until(a, lambda: len(options(anne, "#statement-list")) == 1)
        await a.press("o")
        await until(a, lambda: "you tagged it: output" in options(anne, "#statement-list")[0])
        await a.press("e")
        await until(a, lambda: "you tagged it: effect" in options(anne, "#statement-list")[0])
        await until(m, lambda: "output 0 · effect 1" in options(mette, "#statement-list")[0])


async def test_conflict_from_a_statement_is_linked(server: Running, tmp_path: Path) -> None:
    """c on a statement records a conflict linked to it; status and notes follow."""
    mette, anne = await facilitator_and_nurse(server, tmp_path)
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await a.press("2", "n", *"Beboeren klæder sig selv på", "enter")
        await until(a, lambda: len(options(anne, "#statement-list")) == 1)
        await a.press("c")
        await until(a, lambda: isinstance(anne.screen, ConflictForm))
        await a.press(*"Hjælp eller selvhjulpenhed", "enter")
        await until(m, lambda: len(options(mette, "#conflict-list")) == 1)
        entry = options(mette, "#conflict-list")[0]
        assert "Hjælp eller selvhjulpenhed" in entry and "statement s1" in entry
        assert "Sygeplejerske" in entry and "OPEN" in entry
        await m.press("3", "s")
        await until(m, lambda: isinstance(mette.screen, Choice))
        await m.press("down", "enter")
        await until(a, lambda: "DISCUSSED" in options(anne, "#conflict-list")[0])
        await m.press("a", *"Vi prøver en uge og ser igen", "enter")
        await until(a, lambda: "Vi prøver en uge" in options(anne, "#conflict-list")[0])


async def test_phase_change_moves_everyone(server: Running, tmp_path: Path) -> None:
    """When the facilitator picks a phase, every screen goes to its area."""
    mette, anne = await facilitator_and_nurse(server, tmp_path)
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await m.press("p")
        await until(m, lambda: isinstance(mette.screen, Choice))
        await m.press("down", "enter")  # checkin -> statements
        await until(a, lambda: anne.screen.query_one(TabbedContent).active == "statements")
        assert "Phase: Statements" in str(anne.screen.query_one(SessionHeader).content)
        await m.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await until(a, lambda: anne.screen.query_one(TabbedContent).active == "conflicts")


async def test_participant_has_no_facilitator_controls(server: Running, tmp_path: Path) -> None:
    """A participant's m, r, f and x do nothing, and the footer does not offer them."""
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(anne))
        await a.press("n", *"Vi skaber tryghed", "enter")
        await until(a, lambda: len(options(anne, "#draft-list")) == 1)
        await a.press("m", "r", "p", "f", "x")
        await a.pause(0.2)
        assert isinstance(anne.screen, SessionScreen)
        state = server.hub.sessions[server.code].state
        assert not state.rounds and not any(d.final or d.removed for d in state.drafts.values())
        footer = {b.action for _, b, enabled, _ in anne.screen.active_bindings.values() if enabled}
        assert not {"menu", "round", "finalize", "remove"} & footer


async def test_markup_and_escapes_in_names_show_literally(server: Running, tmp_path: Path) -> None:
    """Names like [bold]x[/] or [@click=app.quit] are plain text; ESC never reaches the screen."""
    evil = client(server, tmp_path / "evil", "[@click=app.quit]y[/]", "[bold]x[/]")
    anne = client(server, tmp_path / "anne", "Anne\x1b[2J", "Sygeplejerske")
    async with evil.run_test(size=(120, 40)) as e, anne.run_test(size=(120, 40)) as a:
        await until(e, lambda: joined(evil))
        await until(a, lambda: joined(anne))
        await e.press("n", *"[red]Rød[/red] \x1b]0;title\x07", "enter")
        await until(a, lambda: len(options(anne, "#draft-list")) == 1)
        people = str(anne.screen.query_one(ParticipantsPanel).content)
        assert "[@click=app.quit]y[/]" in people and "[bold]x[/]" in people
        assert "\x1b" not in people and "Anne[2J" in people
        assert "[red]Rød[/red]" in options(anne, "#draft-list")[0]
        await a.click("#people")
        assert anne.is_running and evil.is_running


async def test_dropped_connection_resumes_and_sends_what_waited(
    server: Running, tmp_path: Path
) -> None:
    """A drop shows a banner; what was typed meanwhile is sent once after resuming."""
    mette, anne = await facilitator_and_nurse(server, tmp_path)
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        assert anne.view is not None
        live = server.hub.sessions[server.code]
        transport = server.hub.sockets[live.connections[anne.view.me.id]].transport
        assert transport is not None
        transport.abort()
        await until(a, lambda: "Connection lost" in static(anne, "#banner"))
        await a.press("n", *"Skrevet mens forbindelsen var væk", "enter")
        await until(a, lambda: joined(anne) and not static(anne, "#banner"))
        await until(m, lambda: len(options(mette, "#draft-list")) == 1)
        await a.pause(0.3)
        texts = [d.text for d in server.hub.sessions[server.code].state.drafts.values()]
        assert texts == ["Skrevet mens forbindelsen var væk"]


async def test_server_restart_is_survived(server: Running, tmp_path: Path) -> None:
    """After the server restarts, both clients resume as themselves and go on."""
    mette, anne = await facilitator_and_nurse(server, tmp_path)
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await a.press("2", "n", *"Færre indlæggelser", "enter")
        await until(m, lambda: len(options(mette, "#statement-list")) == 1)
        me = anne.view.me.id if anne.view else ""
        await server.restart()
        await until(a, lambda: anne.link == "reconnecting")
        await until(a, lambda: joined(anne), timeout=15)
        await until(m, lambda: joined(mette), timeout=15)
        assert anne.view is not None and anne.view.me.id == me
        await a.press("e")
        await until(m, lambda: "effect 1" in options(mette, "#statement-list")[0])
        assert len(server.hub.sessions[server.code].state.participants) == 2


async def test_rejoining_later_resumes_the_same_participant(
    server: Running, tmp_path: Path
) -> None:
    """Starting kerne-tui again for the same session comes back as the same person."""
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(anne))
        await a.press("n", *"Vi skaber tryghed", "enter")
        await until(a, lambda: len(options(anne, "#draft-list")) == 1)
    again = client(server, tmp_path / "anne")
    async with again.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(again))
        assert again.view is not None and again.view.me.name == "Anne"
        assert "your draft" in options(again, "#draft-list")[0]
    assert len(server.hub.sessions[server.code].state.participants) == 1


async def test_author_revises_and_withdraws_own_draft(server: Running, tmp_path: Path) -> None:
    """e revises one's own draft (a new version), w withdraws it after a yes."""
    mette, anne = await facilitator_and_nurse(server, tmp_path)
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await a.press("n", *"Vi plejer", "enter")
        await until(a, lambda: len(options(anne, "#draft-list")) == 1)
        await a.press("e")
        await until(a, lambda: isinstance(anne.screen, TextPrompt))
        await a.press(*" og skaber livskvalitet", "enter")
        await until(
            m, lambda: "Vi plejer og skaber livskvalitet" in options(mette, "#draft-list")[0]
        )
        assert "v2" in options(mette, "#draft-list")[0]
        await a.press("w")
        await until(a, lambda: isinstance(anne.screen, Confirm))
        await a.press("enter")  # the focused button is the action
        await until(m, lambda: "withdrawn" in options(mette, "#draft-list")[0])


async def test_facilitator_finalizes_classifies_and_removes(
    server: Running, tmp_path: Path
) -> None:
    """f makes a draft final, g sets a statement's agreed class, x removes with a reason."""
    mette, anne = await facilitator_and_nurse(server, tmp_path)
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await a.press("n", *"Beboeren lever et godt liv", "enter")
        await a.press("2", "n", *"Antal bade pr. uge", "enter")
        await a.press("n", *"Et navn på en beboer", "enter")
        await until(m, lambda: len(options(mette, "#statement-list")) == 2)
        await m.press("f")  # never voted on: the choice asks why (issue 16)
        await until(m, lambda: isinstance(mette.screen, ChooseDialog))
        await m.press(*"Den eneste vi har", "enter")
        await until(a, lambda: "✓ chosen" in options(anne, "#draft-list")[0])
        await m.press("2", "g")
        await until(m, lambda: isinstance(mette.screen, Choice))
        await m.press("enter")  # output
        await until(a, lambda: "agreed: output" in options(anne, "#statement-list")[0])
        await m.press("down", "x")
        await until(m, lambda: isinstance(mette.screen, TextPrompt))
        await m.press(*"Personfølsomt", "enter")
        await until(a, lambda: "removed" in options(anne, "#statement-list")[1])
        assert "Et navn" not in options(anne, "#statement-list")[1]


async def test_facilitator_runs_a_timer(server: Running, tmp_path: Path) -> None:
    """t starts a timer every header shows; the menu stops it."""
    mette, anne = await facilitator_and_nurse(server, tmp_path)
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await m.press("t")
        await until(m, lambda: isinstance(mette.screen, Choice))
        await m.press("down", "enter")  # 5 min
        await until(a, lambda: "⏱" in str(anne.screen.query_one(SessionHeader).content))
        assert re.search(r"⏱ 0[45]:\d\d", str(anne.screen.query_one(SessionHeader).content))
        await m.press("m")
        await until(m, lambda: isinstance(mette.screen, Choice))
        await m.press("down", "down", "enter")  # phase, timer, stop timer
        await until(a, lambda: "⏱" not in str(anne.screen.query_one(SessionHeader).content))


async def test_facilitator_closes_the_session(server: Running, tmp_path: Path) -> None:
    """Closing the session (after a yes) makes every screen read-only."""
    mette, anne = await facilitator_and_nurse(server, tmp_path)
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await m.press("m")
        await until(m, lambda: isinstance(mette.screen, Choice))
        await m.press("end", "enter")
        await until(m, lambda: isinstance(mette.screen, Confirm))
        await m.press("enter")  # the focused button is the action
        await until(a, lambda: anne.view is not None and anne.view.snapshot.session.closed)
        assert "read only" in str(anne.screen.query_one(SessionHeader).content)
        await a.press("n")
        await a.pause(0.2)
        assert isinstance(anne.screen, SessionScreen)  # nothing to write into


async def test_facilitator_exports_the_minutes(server: Running, tmp_path: Path) -> None:
    """The menu's export writes the minutes to a file and says where."""
    mette = client(
        server,
        tmp_path / "mette",
        "Mette",
        "Leder",
        facilitator_key=server.key,
        export_dir=tmp_path / "downloads",
    )
    async with mette.run_test(size=(120, 40)) as m:
        await until(m, lambda: joined(mette))
        await m.press("2", "n", *"Færre indlæggelser", "enter")
        await until(m, lambda: len(options(mette, "#statement-list")) == 1)
        await m.press("m")
        await until(m, lambda: isinstance(mette.screen, Choice))
        await m.press("end", "up", "enter")  # export…, just above closing the session
        await until(
            m,
            lambda: (
                isinstance(mette.screen, Choice)
                and "Markdown"
                in str(mette.screen.query_one(OptionList).get_option_at_index(0).prompt)
            ),
        )
        await m.press("enter")
        await until(m, lambda: mette.last_export is not None)
    assert mette.last_export is not None
    assert mette.last_export.parent == tmp_path / "downloads"
    assert "Færre indlæggelser" in mette.last_export.read_text()


async def test_second_window_does_not_fight_the_first(server: Running, tmp_path: Path) -> None:
    """Joining again elsewhere stops the older window with a banner, not a reconnect loop."""
    first = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with first.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(first))
        second = client(server, tmp_path / "anne")  # the same saved token, a new window
        async with second.run_test(size=(120, 40)) as b:
            await until(b, lambda: joined(second))
            await until(a, lambda: first.link == "stopped")
            assert "another window" in static(first, "#banner")
            await b.pause(1.5)
            assert second.link == "online" and first.link == "stopped"
