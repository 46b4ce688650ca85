"""Blind tagging on the phone and the wall: the tallies read "hidden" while the
facilitator keeps them back, one's own tag still shows, and the counts come back when
she shows them (additions to v1, docs/protocol.md section 18)."""

from __future__ import annotations

from server.catalog import SCREEN
from tests.realserver import Running
from tests.web.browser import Page
from tests.web.test_phone import facilitator, join_from_page, page_url

DA = SCREEN["da"]


async def test_the_phone_and_the_wall_say_hidden_while_tagging_is_blind(
    server: Running, phone: Page, wall: Page
) -> None:
    """Hidden on both screens, my own tag on mine; the counts after the reveal."""
    mette = await facilitator(server)
    await mette.ok("add_statement", text="Fru Hansen spiser selv igen")
    await mette.ok("set_tagging", blind=True)
    await join_from_page(phone, server)
    await phone.click("#tab-statements")
    await phone.text_in("#statements", DA["statements.hidden"])
    await phone.click("#statements [data-focus='tag-s1-effect']")
    await phone.text_in("#statements", DA["statements.mine"].format(tag=DA["statements.effect"]))
    await wall.open(page_url(server, "screen"))
    await wall.text_in("#open", DA["statements.hidden"])
    assert DA["statements.split"].format(output=0, effect=1) not in await phone.text("#statements")
    await mette.ok("set_tagging", blind=False)
    await phone.text_in("#statements", DA["statements.split"].format(output=0, effect=1))
    await wall.text_in("#effect", DA["statements.split"].format(output=0, effect=1))
