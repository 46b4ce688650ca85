"""The projector view, /screen/CODE: an observer in big type that follows the room."""

from __future__ import annotations

from server import protocol as p
from server.catalog import SCREEN
from tests.realserver import Running
from tests.server.peer import join
from tests.web.browser import Page, axe_violations
from tests.web.test_phone import facilitator, join_from_page, page_url


async def test_the_projector_follows_a_round_live(server: Running, wall: Page) -> None:
    """Title, the join address and its QR, "1 af 2 har stemt", then the result."""
    mette = await facilitator(server)
    anne = await join(server.url, server.code, "Anne", "Sygeplejerske")
    dina = await join(server.url, server.code, "Dina", "Social- og sundhedsassistent")
    await mette.ok("propose_draft", text="Beboeren lever et trygt og meningsfuldt liv")
    await mette.ok("propose_draft", text="Vi giver god pleje hver dag")
    await wall.open(page_url(server, "screen"))
    await wall.text_in("#title", "Plejecenter Egebakken")
    await wall.text_in("#address", f"/j/{p.format_code(server.code)}")
    await wall.until(
        lambda d: d.execute_script("return document.getElementById('qr').naturalWidth > 0")
    )
    await mette.ok("open_round", dots=1, blind=True)
    await wall.text_in("#round", "0 af 2 har stemt")
    await anne.ok("cast_vote", draft_id="d1")
    await wall.text_in("#round", "1 af 2 har stemt")
    await dina.ok("cast_vote", draft_id="d1")
    await wall.text_in("#round", "2 af 2 har stemt")
    await mette.ok("close_round")
    await wall.text_in("#round", "Runde 1: resultatet")
    await wall.text_in("#results", "2 prikker")
    assert "Beboeren lever et trygt" in await wall.text("#results li:first-child")


async def test_statements_are_sorted_by_output_and_effect(server: Running, wall: Page) -> None:
    """Tagged effect goes left, output in the middle; a disputed one is marked in words."""
    mette = await facilitator(server)
    people = [
        await join(server.url, server.code, name, "Sygeplejerske") for name in ("A", "B", "C")
    ]
    await mette.ok("add_statement", text="Borgeren klarer selv sin morgen")
    await mette.ok("add_statement", text="Antal bade pr. uge")
    await mette.ok("add_statement", text="Vi tilbyder træning to gange om ugen")
    for person, tags in zip(
        people,
        (
            ["effect", "output", "effect"],
            ["effect", "output", "output"],
            ["effect", "output", "effect"],
        ),
        strict=True,
    ):
        for statement, tag in zip(("s1", "s2", "s3"), tags, strict=True):
            await person.ok("tag_statement", statement_id=statement, tag=tag)
    await wall.open(page_url(server, "screen"))
    await wall.text_in("#effect", "Borgeren klarer selv sin morgen")
    await wall.text_in("#output", "Antal bade pr. uge")
    seen = SCREEN["da"]["statements.disputed"]  # "ses forskelligt"
    assert seen in await wall.text("#effect li:nth-child(2)")  # s3: 2 effect, 1 output
    assert seen not in await wall.text("#effect li:first-child")
    assert await axe_violations(wall) == []
    await wall.keep("projector.png")


async def test_screenshot_of_the_phone_in_a_round(server: Running, phone: Page) -> None:
    """The phone page mid-round, as the README shows it (saved when asked)."""
    mette = await facilitator(server)
    await mette.ok("propose_draft", text="Beboeren lever et trygt og meningsfuldt liv")
    await mette.ok("propose_draft", text="Vi giver god pleje hver dag")
    await mette.ok("open_round", dots=2, blind=False)
    await mette.ok("start_timer", seconds=600, label="Afstemning")
    await join_from_page(phone, server, "Jonas")
    await phone.click("#drafts li:first-child button.dot")
    await phone.text_in("#round", "du har 1 tilbage")
    await phone.keep("phone.png")
