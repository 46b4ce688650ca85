"""The phone's conflict form as able as the terminal's: a kind, the two sides of a
dilemma, the session's professions to tick (or none), and notices in sight."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from server.catalog import SCREEN
from tests.realserver import Running, nursing_home, run_server
from tests.server.peer import Peer
from tests.web.browser import Page, axe_violations
from tests.web.test_phone import facilitator, join_from_page

DA = SCREEN["da"]
TITLE = "Tid til samtale eller flere besøg"
SIDE_A = "tid til samtale med beboeren"
SIDE_B = "flere besøg på ruten"


async def fill(phone: Page, title: str, kind: str, side_a: str = "", side_b: str = "") -> None:
    """The conflicts area, a title, a kind and the sides, as a care assistant types them."""
    await phone.click("#tab-conflicts")
    await phone.type("#conflict-title", title)
    await phone.js("document.getElementById('conflict-kind').value = arguments[0]", kind)
    if side_a:
        await phone.type("#side-a", side_a)
    if side_b:
        await phone.type("#side-b", side_b)


async def recorded(mette: Peer) -> dict[str, Any]:
    """The conflict as the server recorded it, from the facilitator's event."""
    return dict((await mette.event("dilemma_recorded"))["data"]["conflict"])


async def test_a_dilemma_from_the_phone_keeps_its_kind_sides_and_professions(
    server: Running, phone: Page
) -> None:
    """Kind, both sides and two ticked professions (one's own ticked to begin with) reach
    the server as sent; the form is ready for the next one afterwards."""
    mette = await facilitator(server)
    await join_from_page(phone, server)  # a social- og sundhedsassistent
    await fill(phone, TITLE, "resources", SIDE_A, SIDE_B)
    assert await phone.js("return document.getElementById('cprof-1').checked")  # her own
    await phone.click("label[for=cprof-0]")  # and the nurses
    await phone.js("document.getElementById('conflict-form').scrollIntoView()")
    await phone.keep("phone-dilemma-form.png")
    assert await axe_violations(phone) == []
    await phone.click("#conflict-form button[type=submit]")
    conflict = await recorded(mette)
    assert (conflict["title"], conflict["kind"]) == (TITLE, "resources")
    assert (conflict["side_a"], conflict["side_b"]) == (SIDE_A, SIDE_B)
    assert conflict["professions"] == ["Sygeplejerske", "Social- og sundhedsassistent"]
    await phone.text_in("#conflicts", f"På den ene side: {SIDE_A}")
    assert await phone.js("return document.getElementById('conflict-kind').value") == "professions"
    assert await phone.js("return document.getElementById('side-a').value") == ""
    assert not await phone.js("return document.getElementById('cprof-0').checked")


async def test_a_dilemma_may_name_no_profession(server: Running, phone: Page) -> None:
    """Between management and staff, with her own profession unticked: no profession at all."""
    mette = await facilitator(server)
    await join_from_page(phone, server)
    await fill(phone, "Hvem bestemmer vagtplanen", "management_staff")
    await phone.click("label[for=cprof-1]")
    await phone.click("#conflict-form button[type=submit]")
    conflict = await recorded(mette)
    assert (conflict["kind"], conflict["professions"]) == ("management_staff", [])


async def test_a_profession_not_on_the_list_is_typed_beside_the_ticked_ones(
    tmp_path: Path, phone: Page
) -> None:
    """At a school the caretaker is not on the list: typed, it is kept with the teachers."""
    school = dataclasses.replace(
        nursing_home(), title="Vestre Skole", professions=["Lærer", "Pædagog"], sector="school"
    )
    running = await run_server(tmp_path, school)
    try:
        mette = await facilitator(running)
        await join_from_page(phone, running)  # a pædagog
        await fill(phone, "Skolegården efter kl. 16", "individual_community")
        await phone.click("label[for=cprof-0]")
        await phone.type("#conflict-other", "Pedel")
        await phone.click("#conflict-form button[type=submit]")
        conflict = await recorded(mette)
        assert conflict["professions"] == ["Lærer", "Pædagog", "Pedel"]
    finally:
        await running.stop()


async def test_the_round_says_how_many_dots_may_go_on_one_draft(
    server: Running, phone: Page
) -> None:
    """Two on one draft: the round line says so beside the dots; a v1 round does not."""
    mette = await facilitator(server)
    await mette.ok("propose_draft", text="Beboeren lever et værdigt liv")
    await mette.ok("open_round", dots=3, per_draft=2, blind=False)
    await join_from_page(phone, server)
    await phone.text_in("#round", f"{DA['menu.round_per_draft']}: 2.")
    await mette.ok("close_round")
    await mette.ok("open_round", dots=3, blind=False)
    await phone.text_in("#round", "Runde 2 er åben")
    assert DA["menu.round_per_draft"] not in await phone.text("#round")


async def test_a_phase_notice_is_in_sight_without_taking_the_focus(
    server: Running, phone: Page
) -> None:
    """Typing at the foot of the page when the phase changes: the notice shows at the top
    of the screen, the cursor stays where it was, and a tap puts the notice away."""
    mette = await facilitator(server)
    await join_from_page(phone, server)
    await phone.click("#tab-conflicts")
    await phone.click("#conflict-other")
    await phone.js("window.scrollTo(0, document.body.scrollHeight)")
    assert await phone.js("return window.scrollY") > 0  # the header is out of sight
    await mette.ok("set_phase", phase="conflicts")
    notice = DA["notice.phase"].format(phase=DA["phase.conflicts"])
    await phone.text_in("#message", notice)
    top = await phone.js("return document.getElementById('message').getBoundingClientRect().top")
    assert 0 <= top < 10, top
    assert await phone.js("return document.activeElement.id") == "conflict-other"
    await phone.keep("phone-notice.png")
    assert await axe_violations(phone) == []
    await phone.click("#message")
    assert await phone.js("return document.getElementById('message').offsetHeight") == 0


async def test_a_schools_dilemma_with_families_names_pupils_and_parents(
    tmp_path: Path, phone: Page
) -> None:
    """At a school the kind between the school and families speaks of pupils or parents,
    in the list and in the form's choices, as the terminal does; never of citizens."""
    school = dataclasses.replace(
        nursing_home(), title="Vestre Skole", professions=["Lærer", "Pædagog"], sector="school"
    )
    running = await run_server(tmp_path, school)
    try:
        mette = await facilitator(running)
        await mette.ok(
            "record_dilemma",
            title="Lektier i fritidsordningen",
            kind="citizens_staff",
            side_a="forældrene ønsker lektiehjælp efter skoletid",
            side_b="fritidsordningen er til leg og fællesskab",
        )
        await join_from_page(phone, running)
        await phone.click("#tab-conflicts")
        await phone.text_in("#conflicts", DA["web.kind.citizens_staff.school"])
        choice = "return document.querySelector('#conflict-kind option[value=citizens_staff]').text"
        assert await phone.js(choice) == DA["web.kind.citizens_staff.school"]
        assert "borger" not in (await phone.text("#conflicts")).lower()
        await phone.click("#lang")  # in English, still the school's words
        await phone.text_in("#conflicts", SCREEN["en"]["web.kind.citizens_staff.school"])
        assert await phone.js(choice) == SCREEN["en"]["web.kind.citizens_staff.school"]
    finally:
        await running.stop()
