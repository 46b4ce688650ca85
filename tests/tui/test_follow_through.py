"""Follow-through in the terminal (issue 17): dilemmas with a kind and two sides, who
follows a conflict up, decisions and next steps followed to done or dropped, the texts
and the endorsement for the minutes, and days typed the Danish way."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Label, Select

from kerne_tui.app import KerneApp
from kerne_tui.screens.action_form import ActionForm
from kerne_tui.screens.choice import Choice
from kerne_tui.screens.confirm import Confirm
from kerne_tui.screens.conflict_form import ConflictForm
from kerne_tui.screens.draft_prompt import DraftPrompt
from kerne_tui.screens.endorse_form import EndorseForm
from kerne_tui.screens.follow_form import FollowForm
from kerne_tui.screens.text_prompt import TextPrompt
from kerne_tui.widgets.conflicts.conflict_area import ConflictArea
from kerne_tui.widgets.core.draft_area import DraftArea
from tests.realserver import Running
from tests.tui.drive import client, joined, options, pick, static, until


async def choose(pilot: Pilot[Any], app: KerneApp, selector: str, value: str) -> None:
    """Open a form's drop-down with Enter and walk to `value` with the arrows, as a
    person does; the drop-down starts at what is chosen now."""
    field = app.screen.query_one(selector, Select)
    field.focus()
    await pilot.pause()
    await pilot.press("enter")
    keys = [v for _, v in field._options]
    now = keys.index(field.value)
    await pilot.press(*["down"] * (keys.index(value) - now), "enter")
    await until(pilot, lambda: field.value == value)


async def type_into(pilot: Pilot[Any], app: KerneApp, selector: str, text: str) -> None:
    """Put the cursor in a field, empty it, and type."""
    field = app.screen.query_one(selector, Input)
    field.focus()
    await pilot.pause()
    await pilot.press("end", *["backspace"] * len(field.value), *text)


async def test_a_dilemma_with_its_kind_and_two_sides_reaches_a_colleague(
    server: Running, tmp_path: Path
) -> None:
    """The nurse records a dilemma between relatives and staff, no professions, two sides:
    the assistant's screen shows its kind and both sides (Danish)."""
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske", lang="da")
    karim = client(server, tmp_path / "karim", "Karim", "Social- og sundhedsassistent", lang="da")
    async with anne.run_test(size=(100, 32)) as a, karim.run_test(size=(100, 32)) as k:
        await until(a, lambda: joined(anne))
        await until(k, lambda: joined(karim))
        await a.press("3", "n")
        await until(a, lambda: isinstance(anne.screen, ConflictForm))
        await a.press(*"Datterens ønsker til morgenrutinen")
        await choose(a, anne, "#kind", "citizens_staff")
        await type_into(a, anne, "#side_a", "Datteren vil have sin mor op kl. 7")
        await type_into(a, anne, "#side_b", "Fru Hansen sover helst til kl. 9")
        await type_into(a, anne, "#professions", "")
        await a.press("enter")
        await until(k, lambda: karim.view is not None and bool(karim.view.snapshot.conflicts))
        await k.press("3")
        await until(k, lambda: "Datterens ønsker" in " ".join(options(karim, "#conflict-list")))
        shown = options(karim, "#conflict-list")[0]
        assert "Mellem borgere/pårørende og medarbejdere" in shown
        assert "På den ene side: Datteren vil have sin mor op kl. 7" in shown
        assert "På den anden side: Fru Hansen sover helst til kl. 9" in shown
        assert "Faggrupper" not in shown  # none were named


async def test_its_author_rewords_a_dilemma_and_the_server_keeps_the_change(
    server: Running, tmp_path: Path
) -> None:
    """The nurse sharpens her dilemma's title with e: the new words on screen, one edit
    counted (the earlier wording stays in the log for the minutes)."""
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with anne.run_test(size=(100, 32)) as a:
        await until(a, lambda: joined(anne))
        await a.press("3", "n")
        await until(a, lambda: isinstance(anne.screen, ConflictForm))
        await a.press(*"Pårørende og vagtplanen", "enter")
        await until(a, lambda: bool(options(anne, "#conflict-list")))
        await a.press("e")
        await until(a, lambda: isinstance(anne.screen, ConflictForm))
        await type_into(a, anne, "#title", "Pårørendes besøg og vagtplanen i weekenden")
        await a.press("enter")
        await until(a, lambda: "i weekenden" in " ".join(options(anne, "#conflict-list")))
        assert anne.view is not None
        assert anne.view.snapshot.conflicts[0].edits == 1


async def test_a_conflict_about_a_draft_keeps_its_link_and_gets_its_kind(
    server: Running, tmp_path: Path
) -> None:
    """Recorded from a draft with c, the conflict stays linked to it and still gets the
    kind chosen (a v1 record, then its kind)."""
    mette = client(server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key)
    async with mette.run_test(size=(100, 32)) as m:
        await until(m, lambda: joined(mette))
        await m.press("n")
        await until(m, lambda: isinstance(mette.screen, DraftPrompt))
        await m.press(*"Vi giver beboerne tryghed i hverdagen", "enter")
        await until(m, lambda: mette.view is not None and bool(mette.view.snapshot.drafts))
        await m.press("c")
        await until(m, lambda: isinstance(mette.screen, ConflictForm))
        await m.press(*"Tryghed koster tid, vi ikke har")
        await choose(m, mette, "#kind", "resources")
        await m.click("#ok")
        await until(
            m,
            lambda: (
                mette.view is not None
                and bool(mette.view.snapshot.conflicts)
                and mette.view.snapshot.conflicts[0].kind == "resources"
            ),
        )
        assert mette.view is not None
        conflict = mette.view.snapshot.conflicts[0]
        assert [r.id for r in conflict.refs] == ["d1"]
        assert conflict.professions == ["Leder"]


async def test_the_facilitator_follows_a_conflict_up(server: Running, tmp_path: Path) -> None:
    """Owner, the management group, a Danish date and the level above: the nurse's list
    shows them on one line."""
    mette = client(server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key)
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with mette.run_test(size=(100, 32)) as m, anne.run_test(size=(100, 32)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await m.press("3", "n")
        await until(m, lambda: isinstance(mette.screen, ConflictForm))
        await m.press(*"Nattevagt og dagvagt om medicinrunden", "enter")
        await until(m, lambda: bool(options(mette, "#conflict-list")))
        await m.press("f")
        await until(m, lambda: isinstance(mette.screen, FollowForm))
        await choose(m, mette, "#forum", "management_group")
        await type_into(m, mette, "#due", "15.12.2026")
        await m.press("tab", "space")  # the level above
        await type_into(m, mette, "#owner", "Lone Berg, afdelingsleder")
        await m.press("enter")
        await a.press("3")
        await until(a, lambda: "Lone Berg" in " ".join(options(anne, "#conflict-list")))
        shown = options(anne, "#conflict-list")[0]
        assert "→ Lone Berg, afdelingsleder · management group · by 15.12.2026" in shown
        assert "▲ to the level above" in shown


async def add_action(pilot: Pilot[Any], app: KerneApp, what: str, who: str = "") -> None:
    """From the facilitator's menu: a next step, its words and (if given) who."""
    await pilot.press("m")
    await pick(pilot, app, "action")
    await until(pilot, lambda: isinstance(app.screen, Choice))
    await pilot.press("enter")  # a next step
    await until(pilot, lambda: isinstance(app.screen, ActionForm))
    await pilot.press(*what)
    if who:
        await type_into(pilot, app, "#who", who)
    await pilot.press("enter")


async def follow_action(pilot: Pilot[Any], app: KerneApp, index: int, status: str) -> None:
    """o, the action at `index`, and its new status."""
    await pilot.press("o")
    await until(pilot, lambda: isinstance(app.screen, Choice))
    await pilot.press("home", *["down"] * index, "enter")
    await until(pilot, lambda: isinstance(app.screen, ActionForm))
    await choose(pilot, app, "#status", status)
    await pilot.press("tab", "enter")  # from the status to the note, which sends


async def test_a_next_step_is_done_and_another_dropped(server: Running, tmp_path: Path) -> None:
    """At the school the board meeting is done, the parents' evening dropped: the teacher
    sees the first as done and the second off the list, counted."""
    mette = client(server, tmp_path / "mette", "Mette", "Skoleleder", facilitator_key=server.key)
    anne = client(server, tmp_path / "anne", "Anne", "Lærer", lang="da")
    async with mette.run_test(size=(100, 32)) as m, anne.run_test(size=(100, 32)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await add_action(m, mette, "Fælles tavlemøde i 4. klasse", who="Anne og Jens")
        await add_action(m, mette, "Forældreaften om trivsel")
        await until(m, lambda: mette.view is not None and len(mette.view.snapshot.actions) == 2)
        await follow_action(m, mette, 0, "done")
        await until(m, lambda: mette.view is not None and not isinstance(mette.screen, ActionForm))
        await follow_action(m, mette, 1, "dropped")
        await until(a, lambda: "1 opgivet og taget af listen" in static(anne, "#action-list"))
        shown = static(anne, "#action-list")
        assert "Fælles tavlemøde i 4. klasse  (Anne og Jens)  [udført]" in shown
        assert "Forældreaften" not in shown


async def test_summary_and_endorsement_from_the_menu_reach_the_minutes(
    server: Running, tmp_path: Path
) -> None:
    """Everyday work, the contribution upwards and the head of centre's endorsement
    (today, unless told) are in the session the minutes are made from."""
    mette = client(server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key)
    async with mette.run_test(size=(100, 32)) as m:
        await until(m, lambda: joined(mette))
        for entry, text in (
            ("everyday", "Vi starter hver vagt med beboerens egne ønsker"),
            ("contribution", "Vores erfaringer går videre til centrets ledergruppe"),
        ):
            await m.press("m")
            await pick(m, mette, entry)
            await until(m, lambda: isinstance(mette.screen, TextPrompt))
            await m.press(*text, "enter")
            await until(m, lambda: not isinstance(mette.screen, TextPrompt))
        await m.press("m")
        await pick(m, mette, "endorse")
        await until(m, lambda: isinstance(mette.screen, EndorseForm))
        await m.press(*"Lone Berg, centerchef", "enter")
        follow = server.hub.sessions[server.code].state.follow
        await until(m, lambda: follow.endorsement is not None)
        assert follow.everyday == "Vi starter hver vagt med beboerens egne ønsker"
        assert follow.contribution == "Vores erfaringer går videre til centrets ledergruppe"
        assert follow.endorsement == ("Lone Berg, centerchef", date.today().isoformat())


async def test_a_day_that_does_not_exist_is_refused_in_the_form(
    server: Running, tmp_path: Path
) -> None:
    """31.11.2026 for a job centre's next step: the form says so in Danish and stays
    open; nothing reaches the server."""
    mette = client(
        server, tmp_path / "mette", "Mette", "Teamleder", facilitator_key=server.key, lang="da"
    )
    async with mette.run_test(size=(100, 32)) as m:
        await until(m, lambda: joined(mette))
        await m.press("m")
        await pick(m, mette, "action")
        await until(m, lambda: isinstance(mette.screen, Choice))
        await m.press("enter")
        await until(m, lambda: isinstance(mette.screen, ActionForm))
        await m.press(*"Opfølgningssamtaler inden for 14 dage")
        await type_into(m, mette, "#due", "31.11.2026")
        await m.press("enter")
        problem = mette.screen.query_one("#problem", Label)
        await until(m, lambda: "ikke en dato" in str(problem.content))
        assert "»31.11.2026« er ikke en dato, der findes" in str(problem.content)
        assert isinstance(mette.screen, ActionForm)
        assert not server.hub.sessions[server.code].state.follow.actions


async def test_after_reopening_only_the_follow_up_is_offered(
    server: Running, tmp_path: Path
) -> None:
    """Closed and reopened, the job centre's facilitator may follow conflicts and actions
    up and fill in management's endorsement, but not record, edit or summarise: the
    server refuses those now."""
    mette = client(server, tmp_path / "mette", "Mette", "Teamleder", facilitator_key=server.key)
    async with mette.run_test(size=(100, 32)) as m:
        await until(m, lambda: joined(mette))
        await add_action(m, mette, "Fast sparring om sygedagpengesager")
        await m.press("3", "n")
        await until(m, lambda: isinstance(mette.screen, ConflictForm))
        await m.press(*"Borgerens ønsker og lovens frister", "enter")
        await until(m, lambda: bool(options(mette, "#conflict-list")))
        for entry in ("close_session", "reopen"):
            await m.press("m")
            await pick(m, mette, entry)
            await until(m, lambda: isinstance(mette.screen, Confirm))
            await m.press("enter")
        await until(m, lambda: mette.view is not None and mette.view.snapshot.follow.reopened)
        conflicts = mette.screen.query_one(ConflictArea)
        assert conflicts.check_action("follow", ())
        assert not conflicts.check_action("edit", ())
        assert not conflicts.check_action("new", ())
        assert mette.screen.query_one(DraftArea).check_action("follow_action", ())
        await m.press("m")
        await until(m, lambda: isinstance(mette.screen, Choice))
        assert isinstance(mette.screen, Choice)
        offered = [key for key, _ in mette.screen.choices]
        assert not {"everyday", "contribution", "action"} & set(offered)
        assert "endorse" in offered
