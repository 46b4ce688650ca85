"""The phone page in a real headless chromium at 390x844, against the real server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selenium.webdriver.common.keys import Keys

from server import protocol as p
from tests.realserver import Running
from tests.server.peer import Peer, join
from tests.serverprocess import ServerProcess
from tests.tui.drive import a_line_ends, client, joined, options, until
from tests.web.browser import Page, axe_violations


def page_url(server: Running, path: str = "j") -> str:
    return f"http://127.0.0.1:{server.port}/{path}/{p.format_code(server.code)}"


async def facilitator(server: Running) -> Peer:
    return await join(
        server.url,
        server.code,
        "Mette",
        "Leder",
        role="facilitator",
        facilitator_key=server.key,
        votes=False,
    )


async def join_from_page(phone: Page, server: Running, name: str = "Jonas") -> None:
    """Name, a profession from the session's list, Join: as a care assistant would."""
    await phone.open(page_url(server))
    await phone.click("#name")
    await phone.type("#name", name)
    await phone.click("label[for=prof-1]")
    await phone.click("#join-submit")
    await phone.shown("#session")


async def test_a_phone_joins_and_casts_a_dot_within_six_taps(server: Running, phone: Page) -> None:
    """From the join address alone: name, profession, Join, a dot; counted, not timed."""
    mette = await facilitator(server)
    await mette.ok("propose_draft", text="Beboeren mestrer sin egen hverdag så længe som muligt.")
    await mette.ok("open_round", dots=2, blind=False)
    await join_from_page(phone, server)
    await phone.click("#drafts button.dot")
    await phone.text_in("#drafts", "din prik")
    await phone.text_in("#round", "har stemt")  # "1 af 2 har stemt", as the terminal says it
    assert phone.clicks <= 6, phone.clicks
    cast = await mette.event("vote_cast")
    assert cast["data"]["round"]["voters"] == 1 and cast["data"]["round"]["tally"] == {"d1": 1}


async def test_the_page_fits_a_phone_without_scrolling_sideways(
    server: Running, phone: Page
) -> None:
    """At 360 and 390 px nothing is wider than the screen, even a long word in a draft."""
    mette = await facilitator(server)
    await mette.ok("propose_draft", text="Hjemmeplejens" + "rehabiliteringsforløb" * 6)
    await mette.ok("open_round", dots=1, blind=False)
    await join_from_page(phone, server)
    await phone.text_in("#drafts", "rehabiliteringsforløb")
    for width in (390, 360):
        await phone.js(
            "document.documentElement.style.width = arguments[0] + 'px'", width
        )  # the narrowest common phone, inside the 390 px viewport
        for area in ("drafts", "statements", "conflicts"):
            await phone.click(f"#tab-{area}")
            wide = await phone.js(
                "return [...document.querySelectorAll('body *')]"
                ".filter((e) => e.getBoundingClientRect().right > arguments[0] + 0.5"
                " || e.scrollWidth > e.clientWidth + 1)"
                ".map((e) => e.id || e.className || e.tagName)",
                width,
            )
            assert wide == [], (width, area, wide)
    assert await phone.js("return window.innerWidth") == 390


async def test_statements_and_tags_cross_between_browser_and_terminal(
    server: Running, phone: Page, tmp_path: Path
) -> None:
    """A terminal's statement is tagged in the browser; the browser's reaches the terminal."""
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(anne))
        await join_from_page(phone, server)
        await a.press("2", "n", *"Beboeren kan selv smøre sin mad", "enter")
        await phone.click("#tab-statements")
        await phone.text_in("#statements", "Beboeren kan selv smøre sin mad")
        await phone.click("#statements [aria-pressed][data-focus$='-effect']")
        await until(a, lambda: "output 0 · effect 1" in options(anne, "#statement-list")[0])
        await phone.type("#statement-text", "Antal bade pr. uge")
        await phone.click("#statement-form button")
        await until(a, lambda: any("Antal bade" in x for x in options(anne, "#statement-list")))


async def test_dots_cross_between_browser_and_terminal(
    server: Running, phone: Page, tmp_path: Path
) -> None:
    """A draft from the terminal gets a dot in the browser, counted on the terminal, and
    the terminal's dot is counted in the browser."""
    mette = await facilitator(server)
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(anne))
        await join_from_page(phone, server)
        await a.press("n", *"Vi skaber tryghed", "enter")
        await mette.event("draft_proposed")
        await mette.ok("open_round", dots=1, blind=False)
        await phone.click("#drafts button.dot")
        await until(a, lambda: a_line_ends(options(anne, "#draft-list")[0], " 1 dot"))
        await a.press("space")
        await phone.text_in("#drafts", "2 prikker")


async def test_the_page_resumes_after_the_server_is_killed_and_restarted(
    tmp_path: Path, processes: list[ServerProcess], phone: Page
) -> None:
    """SIGKILLed and started again on its port: the page comes back as the same person,
    and what was typed, and sent while the server was away, arrives once it is back."""
    db, ready = tmp_path / "kerne.db", tmp_path / "ready.json"
    professions = "Jobkonsulent,Socialrådgiver"
    processes.append(
        ServerProcess(db, ready, "--title", "Jobcenter Vest", "--professions", professions)
    )
    info = await processes[0].info()
    port = info["url"].rsplit(":", 1)[1]
    await phone.open(f"http://127.0.0.1:{port}/j/{info['code']}")
    await phone.click("#name")
    await phone.type("#name", "Ahmed")
    await phone.click("label[for=prof-0]")
    await phone.click("#join-submit")
    await phone.shown("#session")
    me = (await phone.view())["me"]["id"]
    # text being typed survives a reload of the page (a locked phone, a closed tab)
    await phone.click("#tab-statements")
    await phone.type("#statement-text", "Borgeren kommer i job")
    await phone.js("location.reload()")
    await phone.shown("#session")
    await phone.click("#tab-statements")
    assert await phone.js("return document.getElementById('statement-text').value") == (
        "Borgeren kommer i job"
    )
    processes[0].kill()
    await phone.text_in("#link", "genforbinder")
    await phone.click("#statement-form button")
    await phone.text_in("#message", "Gemt")
    processes.append(ServerProcess(db, ready, "--port", port))
    await processes[1].info()
    await phone.text_in("#link", "forbundet")
    await phone.text_in("#statements", "Borgeren kommer i job")
    view: dict[str, Any] = await phone.view()
    assert view["me"]["id"] == me
    assert [s["text"] for s in view["snap"]["statements"]] == ["Borgeren kommer i job"]
    assert [x["id"] for x in view["snap"]["participants"]] == [me]  # nobody joined twice


async def test_a_person_can_join_and_vote_with_the_keyboard_alone(
    server: Running, phone: Page
) -> None:
    """Tab, type, Space and Enter: no pointer needed, and focus stays on the dot button."""
    mette = await facilitator(server)
    await mette.ok("propose_draft", text="Eleven lærer og trives i fællesskabet")
    await mette.ok("open_round", dots=1, blind=False)
    await phone.open(page_url(server))
    await phone.shown("#join")
    await phone.keys(Keys.TAB, Keys.TAB)  # the language switch, then the name
    assert await phone.js("return document.activeElement.id") == "name"
    await phone.keys("Sofie", Keys.TAB, Keys.SPACE)  # the first profession
    await phone.keys(Keys.TAB, Keys.TAB, Keys.ENTER)  # past "another profession", Join
    await phone.shown("#session")
    for _ in range(12):
        if await phone.js("return document.activeElement.classList.contains('dot')"):
            break
        await phone.keys(Keys.TAB)
    await phone.keys(Keys.ENTER)
    await phone.text_in("#drafts", "din prik")
    assert await phone.js("return document.activeElement.getAttribute('aria-pressed')") == "true"


async def test_hostile_text_shows_as_text(server: Running, phone: Page) -> None:
    """Markup in a name, a statement or a conflict is shown literally, never run."""
    hostile = "<img src=x onerror=window.pwned=1><script>window.pwned=1</script><b>fed</b>"
    peer = await join(server.url, server.code, "<b>Kim</b><img src=x>", "<i>Sygeplejerske</i>")
    await peer.ok("add_statement", text=hostile)
    await peer.ok(
        "record_conflict", title=hostile, professions=["<u>Leder</u>"], description=hostile
    )
    await join_from_page(phone, server)
    await phone.click("#tab-statements")
    await phone.text_in("#statements", "<b>fed</b>")
    await phone.click("#tab-conflicts")
    await phone.text_in("#conflicts", "<script>window.pwned=1</script>")
    assert await phone.count("main img, main script, main b") == 0
    assert await phone.js("return window.pwned === undefined")


async def test_no_serious_accessibility_violation_on_any_area(server: Running, phone: Page) -> None:
    """axe-core in the real page: the join form, each area, none serious or critical."""
    mette = await facilitator(server)
    await mette.ok("propose_draft", text="Borgeren lever et selvstændigt liv")
    await mette.ok("open_round", dots=2, blind=True)
    await mette.ok("add_statement", text="Antal hjemmebesøg pr. uge")
    await mette.ok("record_conflict", title="Tryghed eller selvbestemmelse", professions=["Leder"])
    await phone.open(page_url(server))
    await phone.shown("#join")
    assert await axe_violations(phone) == []
    await phone.click("#name")
    await phone.type("#name", "Jonas")
    await phone.click("label[for=prof-0]")
    await phone.click("#join-submit")
    for area in ("drafts", "statements", "conflicts"):
        await phone.click(f"#tab-{area}")
        await phone.shown(f"#area-{area}")
        assert await axe_violations(phone) == [], area


async def test_the_language_follows_the_browser_and_the_switch(
    server: Running, phone: Page
) -> None:
    """A Danish browser gets Danish; the switch gives English, and a reload keeps it."""
    await phone.open(page_url(server))
    await phone.text_in("#join h2", "Deltag i mødet")
    await phone.click("#lang")
    await phone.text_in("#join h2", "Join the session")
    assert await phone.text("#join-submit") == "Join"
    await phone.js("location.reload()")
    await phone.text_in("#join h2", "Join the session")
    assert await phone.js("return document.documentElement.lang") == "en"


async def test_a_newcomer_waits_in_the_lobby_until_admitted(server: Running, phone: Page) -> None:
    """With the lobby on the page says so, and shows the session once let in."""
    mette = await facilitator(server)
    await mette.ok("set_admission", admit=True)
    await phone.open(page_url(server))
    await phone.click("#name")
    await phone.type("#name", "Jonas")
    await phone.click("label[for=prof-0]")
    await phone.click("#join-submit")
    await phone.text_in("#waiting", "Du venter på at blive lukket ind")
    assert await phone.js("return document.getElementById('session').hidden")
    lobby = await mette.expect("lobby")
    while not lobby["waiting"]:
        lobby = await mette.expect("lobby")
    await mette.send({"type": "admit", "id": "a1", "waiting_id": lobby["waiting"][0]["id"]})
    await phone.shown("#session")
    assert (await phone.view())["me"]["name"] == "Jonas"


async def test_a_removed_participant_is_told_and_not_reconnected(
    server: Running, phone: Page
) -> None:
    """Removed by the facilitator: the page says so and stops, rather than retrying."""
    mette = await facilitator(server)
    await join_from_page(phone, server)
    me = (await phone.view())["me"]["id"]
    await mette.ok("remove_participant", participant_id=me, reason="Forkert møde")
    await phone.text_in("#banner", "Facilitatoren har fjernet dig fra mødet")
    assert await phone.js("return window.kerneLink.state") == "stopped"
    assert await phone.js("return window.kerneLink.token") is None
