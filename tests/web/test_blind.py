"""Blind tagging on the phone and the wall: the tallies read "hidden" while the
facilitator keeps them back, one's own tag still shows, and the counts come back when
she shows them (additions to v1, docs/protocol.md section 18)."""

from __future__ import annotations

from server.catalog import SCREEN
from tests.realserver import Running
from tests.server.peer import join
from tests.web.browser import Page
from tests.web.test_phone import facilitator, join_from_page, page_url

DA = SCREEN["da"]
NURSE = "Sygeplejerske"
CARE = "Social- og sundhedsassistent"


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


async def test_a_held_split_reaches_the_phone_when_the_facilitator_shows_it(
    server: Running, phone: Page
) -> None:
    """Closed with the split held: the phone says it comes later; shown: the figure the
    server fixed at the close, per profession (k = 3: three nurses, three assistants)."""
    mette = await facilitator(server)
    draft = await mette.ok("propose_draft", text="Beboerne lever det liv, de ønsker")
    nurses = [await join(server.url, server.code, n, NURSE) for n in ("Anne", "Bo", "Cille")]
    carers = [await join(server.url, server.code, n, CARE) for n in ("Dina", "Emil", "Finn")]
    await join_from_page(phone, server)
    await mette.ok("open_round", dots=1, blind=False, hold_split=True)
    for person in (*nurses, *carers):
        await person.ok("cast_vote", draft_id=draft["item_id"])
    await mette.ok("close_round")
    await phone.text_in("#split", DA["reveal.held"])
    await mette.ok("reveal_round_split", round_id="r1")
    await phone.text_in("#split", f"{NURSE}: d1 3")
    await phone.text_in("#split", f"{CARE}: d1 3")
    for person in (*nurses, *carers):
        await person.close()
