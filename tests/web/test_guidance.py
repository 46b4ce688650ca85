"""The method's guidance on the page and the projector: the current phase's instruction
under the phase name (the facilitator's own text, else the method's default), and what
ydelse and effekt mean while a person learns to tell them apart."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from selenium.webdriver.common.by import By

from server.catalog import SCREEN
from tests.realserver import Running, nursing_home, run_server
from tests.web.browser import Page, axe_violations
from tests.web.test_phone import facilitator, join_from_page, page_url

OWN = "Skriv, hvad <b>beboeren</b> mærker, når vi har været der"


async def test_the_phone_shows_the_facilitators_instruction_for_the_phase(
    server: Running, phone: Page
) -> None:
    """The default first; the facilitator's text as soon as it is set; the default again
    when it is cleared. Markup in it stays text."""
    mette = await facilitator(server)
    await join_from_page(phone, server)
    phase = (await phone.view())["snap"]["session"]["phase"]
    default = SCREEN["da"][f"instruction.{phase}"]
    await phone.text_in("#instruction", default)
    await mette.ok("set_instruction", phase=phase, text=OWN)
    await phone.text_in("#instruction", OWN)
    assert await phone.count("#instruction b") == 0
    assert await axe_violations(phone) == []
    await mette.ok("set_instruction", phase=phase, text="")
    await phone.text_in("#instruction", default)


async def test_the_instruction_follows_the_phase(server: Running, phone: Page) -> None:
    """An instruction set ahead for voting shows when the room moves to voting."""
    mette = await facilitator(server)
    await mette.ok("set_instruction", phase="voting", text="Giv prikker til det, du kan stå på")
    await join_from_page(phone, server)
    await phone.text_in("#phase", "Fase")
    assert "Giv prikker til det" not in await phone.text("#instruction")
    await mette.ok("set_phase", phase="voting")
    await phone.text_in("#instruction", "Giv prikker til det, du kan stå på")


async def test_the_projector_shows_the_instruction_under_the_phase(
    server: Running, wall: Page
) -> None:
    """The wall shows the default, then the facilitator's own words for the phase."""
    mette = await facilitator(server)
    await mette.ok("set_phase", phase="drafts")
    await wall.open(page_url(server, "screen"))
    await wall.text_in("#instruction", SCREEN["da"]["instruction.drafts"])
    await mette.ok("set_instruction", phase="drafts", text=OWN)
    await wall.text_in("#instruction", OWN)
    assert await wall.count("#instruction b") == 0
    assert await axe_violations(wall) == []


async def test_the_statements_area_explains_output_and_effect_with_the_sectors_pair(
    tmp_path: Path, phone: Page
) -> None:
    """A care assistant learning to tag sees what ydelse and effekt mean, with the care
    sector's example; after three tags of their own the explanation steps aside."""
    running = await run_server(tmp_path, dataclasses.replace(nursing_home(), sector="care"))
    try:
        mette = await facilitator(running)
        for text in ("Antal bade pr. uge", "Fru Jensen går selv", "Vi træner to gange om ugen"):
            await mette.ok("add_statement", text=text)
        await join_from_page(phone, running)
        await phone.click("#tab-statements")
        await phone.text_in("#definitions", SCREEN["da"]["define.output"])
        await phone.text_in("#definitions", SCREEN["da"]["sector.care.effect"])
        assert await axe_violations(phone) == []
        for statement in ("s1", "s2", "s3"):
            await phone.click(f"#statements [data-focus='tag-{statement}-effect']")
        await phone.until(
            lambda d: not d.find_element(By.ID, "definitions").is_displayed(), "definitions gone"
        )
    finally:
        await running.stop()


async def test_a_school_reads_the_instruction_in_its_own_words(
    tmp_path: Path, phone: Page, wall: Page
) -> None:
    """In a school session the phone and the wall speak of pupils, not citizens (the
    phone without the terminal's keys), in the instruction and in what ydelse and effekt
    mean, as the terminal does."""
    school = dataclasses.replace(
        nursing_home(), title="Vestre Skole", professions=["Lærer", "Pædagog"], sector="school"
    )
    running = await run_server(tmp_path, school)
    try:
        mette = await facilitator(running)
        await join_from_page(phone, running)
        await phone.text_in("#instruction", SCREEN["da"]["instruction.checkin.school"])
        await mette.ok("set_phase", phase="statements")
        await phone.text_in("#instruction", SCREEN["da"]["web.instruction.statements.school"])
        await wall.open(page_url(running, "screen"))
        await wall.text_in("#instruction", SCREEN["da"]["instruction.statements.school"])
        assert "borger" not in await phone.text("#instruction")
        await phone.click("#tab-statements")
        await phone.text_in("#definitions", SCREEN["da"]["define.effect.school"])
        assert "borger" not in await phone.text("#definitions")
    finally:
        await running.stop()
