"""The newer kinds on the phone: acceptance and criteria rounds answered by touch,
decisions and next steps in the wrap-up, dilemmas with their two sides, stacked dots,
and phase instructions without the terminal's keys."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from selenium.webdriver.common.keys import Keys

from server.catalog import SCREEN
from tests.realserver import Running, nursing_home, run_server
from tests.server.peer import Peer, join
from tests.tui.drive import client, joined, static, until
from tests.web.browser import Page, axe_violations
from tests.web.test_phone import facilitator, join_from_page

DA = SCREEN["da"]
CARE = "Beboeren lever et værdigt liv med det, der giver mening for hende"
TRYG = "Beboeren føler sig tryg og mestrer mest muligt selv"


async def show(phone: Page, css: str, name: str) -> None:
    """Scroll `css` to the top of the screen and keep a picture of it (KERNE_SCREENSHOTS)."""
    await phone.js("document.querySelector(arguments[0]).scrollIntoView()", css)
    await phone.keep(name)


async def colleagues(server: Running, profession: str, names: list[str]) -> list[Peer]:
    return [await join(server.url, server.code, name, profession) for name in names]


async def test_an_acceptance_round_answered_on_the_phone_is_in_the_closed_rating(
    server: Running, phone: Page
) -> None:
    """Five steps as a radio group: picked, changed, cleared on another draft; the close
    counts the phone's last answer, and the phone says which profession cannot live with
    it, from the server's figures per profession."""
    mette = await facilitator(server)
    for text in (CARE, TRYG):
        await mette.ok("propose_draft", text=text)
    nurses = await colleagues(server, "Sygeplejerske", ["Bo", "Lene", "Ida"])
    assistants = await colleagues(server, "Social- og sundhedsassistent", ["Dina", "Ali"])
    await mette.ok("open_rating", kind="acceptance", draft_ids=["d1", "d2"], blind=True)
    await join_from_page(phone, server)  # a social- og sundhedsassistent
    await phone.text_in("#rating", "Accept: runde 1 er åben og skjult")
    assert "Tryk" not in await phone.text("#rating")
    assert await phone.count("#drafts fieldset.rate input[type=radio]") == 10
    await phone.click("label[for=rate-d1-live-full]")
    await phone.click("label[for=rate-d1-live-cannot]")  # changed: only the last one counts
    await phone.click("label[for=rate-d2-live-support]")
    await phone.click("#drafts [data-focus=rate-d2-live-clear]")
    await phone.until(
        lambda d: (
            d.execute_script("return window.kerneLink.view.mine.my_answers")
            == {"d1/live": "cannot"}
        ),
        "d1 cannot, d2 cleared",
    )
    assert await phone.js("return document.getElementById('rate-d1-live-cannot').checked")
    assert not await phone.js("return document.getElementById('rate-d2-live-support').checked")
    await show(phone, "#rating", "phone-acceptance.png")
    assert await axe_violations(phone) == []
    for peer in [*nurses, *assistants]:
        await peer.ok("rate", draft_id="d1", question="live", answer="support")
    await mette.ok("close_rating")
    closed = await mette.event("rating_closed")
    rating = closed["data"]["rating"]
    assert rating["tally"]["d1"] == {"live": {"support": 5, "cannot": 1}}
    assert not rating["tally"].get("d2")
    assistant = "Social- og sundhedsassistent (1 af 3)"
    await phone.text_in("#drafts", DA["support.accept_cannot"].format(groups=assistant))
    await phone.text_in("#drafts", DA["support.accept_round"].format(number=1, supports=5, n=6))
    assert await phone.count("#drafts input[type=radio]") == 0
    await show(phone, "#drafts", "phone-acceptance-closed.png")


async def test_a_criteria_round_is_answered_criterion_by_criterion(
    server: Running, phone: Page
) -> None:
    """Six criteria, each yes/partly/no in its own group: every answer reaches the round."""
    mette = await facilitator(server)
    await mette.ok("propose_draft", text=CARE)
    await mette.ok("open_rating", kind="criteria", draft_ids=["d1"], blind=False)
    await join_from_page(phone, server)
    assert await phone.count("#drafts fieldset.rate") == 6
    picked = {"value": "yes", "long_term": "yes", "shared": "partly", "connects": "no"}
    picked |= {"short": "partly", "everyday": "yes"}
    for criterion, judgement in picked.items():
        await phone.click(f"label[for=rate-d1-{criterion}-{judgement}]")
    await phone.text_in("#rating", "1 har svaret")  # one person, however many answers
    await phone.until(
        lambda d: len(d.execute_script("return window.kerneLink.view.mine.my_answers")) == 6,
        "six answers acked",
    )
    await show(phone, "#drafts fieldset.rate", "phone-criteria.png")
    assert await axe_violations(phone) == []
    await mette.ok("close_rating")
    tally = (await mette.event("rating_closed"))["data"]["rating"]["tally"]["d1"]
    assert {c: next(iter(answers)) for c, answers in tally.items()} == picked
    await phone.text_in("#drafts", DA["support.criteria_round"].format(number=1))
    shared = DA["support.criterion"].format(
        criterion=DA["criterion.shared"], answers=f"1 {DA['judgement.partly']}"
    )
    await phone.text_in("#drafts", shared)


async def test_an_action_added_on_the_phone_in_the_wrap_up_reaches_the_terminal(
    server: Running, phone: Page, tmp_path: Path
) -> None:
    """Before the wrap-up a participant cannot add one; in it, what, who, by when and
    forum go from the phone to a colleague's terminal."""
    mette = await facilitator(server)
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(anne))
        await join_from_page(phone, server)
        await phone.click("#tab-actions")
        await phone.text_in("#actions-later", DA["web.actions_later"])
        assert not await phone.js("return document.getElementById('action-form').checkVisibility()")
        await mette.ok("set_phase", phase="wrapup")
        await phone.shown("#action-form")  # the wrap-up opens on decisions by itself
        await phone.type("#action-what", "Kerneopgaven hænges op i personalestuen")
        await phone.type("#action-who", "Dina")
        await phone.js(
            "const due = document.getElementById('action-due'); due.value = '2026-12-15';"
            "due.dispatchEvent(new Event('input'))"
        )
        await phone.js("document.getElementById('action-forum').value = 'staff_meeting'")
        await phone.click("#action-form button[type=submit]")
        said = "Kerneopgaven hænges op i personalestuen  (Dina, "
        await until(a, lambda: said in static(anne, "#action-list"))
        assert "15.12.2026" in static(anne, "#action-list")
        assert "staff meeting" in static(anne, "#action-list")
        await phone.text_in("#actions", "Dina · senest 15.12.2026 · personalemødet · ikke startet")
        assert await phone.js("return document.getElementById('action-what').value") == ""
        await show(phone, "#area-actions", "phone-actions.png")
        assert await axe_violations(phone) == []


async def test_a_dilemma_shows_its_sides_and_follow_up_on_the_phone(
    server: Running, phone: Page
) -> None:
    """Kind, both sides, who follows it up, where, by when, and the level-above mark."""
    mette = await facilitator(server)
    await join_from_page(phone, server)
    await mette.ok(
        "record_dilemma",
        title="Hjemmebesøg eller telefonopfølgning",
        kind="resources",
        side_a="Beboeren møder et menneske",
        side_b="Flere beboere får en samtale",
    )
    await mette.ok(
        "follow_conflict", conflict_id="c1", owner="Mette", forum="med_committee", due="2027-01-20"
    )
    await mette.ok("follow_conflict", conflict_id="c1", above=True)
    await phone.click("#tab-conflicts")
    await phone.text_in("#conflicts", "På den ene side: Beboeren møder et menneske")
    await phone.text_in("#conflicts", "På den anden side: Flere beboere får en samtale")
    await phone.text_in("#conflicts", "Om ressourcer · åben")
    follow = "Følges op af Mette · tages op i MED-udvalget · senest 20.01.2027"
    await phone.text_in("#conflicts", f"{follow} · sendes videre til niveauet over")
    await show(phone, "#area-conflicts", "phone-dilemma.png")
    assert await axe_violations(phone) == []


async def test_two_stacked_dots_count_two_and_one_comes_back_at_a_time(
    server: Running, phone: Page
) -> None:
    """A round with two dots per draft: the draft says 2 of mine, and taking one back
    leaves one, on the page and at the server."""
    mette = await facilitator(server)
    await mette.ok("propose_draft", text=CARE)
    await mette.ok("propose_draft", text=TRYG)
    await mette.ok("open_round", dots=3, per_draft=2, blind=False)
    await join_from_page(phone, server)
    await phone.click("[data-focus=dot-d1]")
    await phone.text_in("#drafts li:first-child", DA["core.my_vote"])
    await phone.click("[data-focus=dot-d1]")
    await phone.text_in("#drafts li:first-child", DA["core.my_votes"].format(n=2))
    assert await phone.js("return document.querySelector('[data-focus=dot-d1]').disabled")
    await phone.text_in("#round", "1 af 1 har stemt")
    await show(phone, "#drafts", "phone-stacked-dots.png")
    await phone.click("[data-focus=take-d1]")
    await phone.text_in("#drafts li:first-child", DA["core.my_vote"])
    view: dict[str, Any] = await phone.view()
    assert view["mine"]["my_votes"] == ["d1"]
    await mette.ok("close_round")
    closed = await mette.event("round_closed")
    assert closed["data"]["round"]["tally"] == {"d1": 1}


async def test_phase_instructions_on_the_phone_name_no_terminal_keys(
    server: Running, phone: Page
) -> None:
    """Every phase's default, in both languages, without "(n)", "(mellemrum)" or "(c)"."""
    mette = await facilitator(server)
    await join_from_page(phone, server)
    hint = re.compile(r"\((?:[a-z]|[a-z]: \w+|space|mellemrum)\)")
    for lang in ("da", "en"):
        for phase in ("checkin", "statements", "drafts", "voting", "conflicts", "wrapup"):
            await mette.command("set_phase", phase=phase)  # the first may be the phase already
            await phone.text_in("#phase", SCREEN[lang][f"phase.{phase}"])
            shown = await phone.text("#instruction")
            assert shown and not hint.search(shown), (lang, phase, shown)
        await phone.click("#lang")


async def test_an_empty_session_on_the_phone_names_no_keys_and_fills_its_examples(
    tmp_path: Path, phone: Page
) -> None:
    """No drafts and no statements yet: the phone says so without "Tryk n", and the new
    statement's hint gives the sector's pair of examples, not "{output}"."""
    running = await run_server(tmp_path, dataclasses.replace(nursing_home(), sector="care"))
    try:
        await join_from_page(phone, running)
        await phone.text_in("#drafts", SCREEN["da"]["web.core.empty"])
        await phone.click("#tab-statements")
        await phone.text_in("#statements", SCREEN["da"]["web.statements.empty"])
        hint = await phone.js("return document.getElementById('statement-text').placeholder")
        assert SCREEN["da"]["sector.care.output"] in hint and "{" not in hint, hint
        text = await phone.js("return document.body.innerText")
        assert "Tryk " not in text, text
    finally:
        await running.stop()


WIDE = (
    "return [...document.querySelectorAll('body *')]"
    ".filter((e) => e.getBoundingClientRect().right > arguments[0] + 0.5"
    " || e.scrollWidth > e.clientWidth + 1)"
    ".map((e) => e.id || e.className || e.tagName)"
)


async def test_the_new_views_fit_a_phone_without_scrolling_sideways(
    server: Running, phone: Page
) -> None:
    """Criteria questions, a dilemma and the decisions form at 360 and 390 px, in Danish
    and in English: nothing wider than the screen."""
    mette = await facilitator(server)
    await mette.ok("propose_draft", text=CARE)
    await mette.ok(
        "record_dilemma",
        title="Tryghed eller selvbestemmelse",
        kind="individual_community",
        side_a="Beboeren bestemmer selv",
        side_b="Vi skal passe på beboeren",
    )
    await mette.ok("add_action", what="Kerneopgaven på personalemødet", who="Mette", forum="other")
    await mette.ok("set_phase", phase="wrapup")
    await mette.ok("open_rating", kind="criteria", draft_ids=["d1"], blind=True)
    await join_from_page(phone, server)
    for lang in ("da", "en"):
        if lang == "en":
            await phone.click("#lang")
        for width in (390, 360):
            await phone.js("document.documentElement.style.width = arguments[0] + 'px'", width)
            for area in ("drafts", "conflicts", "actions"):
                await phone.click(f"#tab-{area}")
                assert await phone.js(WIDE, width) == [], (lang, width, area)
    await phone.click("#tab-drafts")
    await phone.text_in("#rating", "Criteria: round 1 is open and hidden")
    await show(phone, "#rating", "phone-criteria-en.png")


async def test_a_rating_is_answered_and_changed_with_the_keyboard_alone(
    server: Running, phone: Page
) -> None:
    """Tab into the answers, Space picks, an arrow key changes (a native radio group), and
    Enter on "Fjern mit svar" takes it back with the focus left in the question."""
    mette = await facilitator(server)
    await mette.ok("propose_draft", text=CARE)
    await mette.ok("open_rating", kind="acceptance", draft_ids=["d1"], blind=True)
    await join_from_page(phone, server)
    for _ in range(20):
        if await phone.js("return document.activeElement.name === 'rate-d1-live'"):
            break
        await phone.keys(Keys.TAB)
    await phone.keys(Keys.SPACE)
    await phone.until(
        lambda d: (
            d.execute_script("return window.kerneLink.view.mine.my_answers") == {"d1/live": "full"}
        ),
        "full support by Space",
    )
    await phone.keys(Keys.ARROW_DOWN)
    await phone.until(
        lambda d: (
            d.execute_script("return window.kerneLink.view.mine.my_answers")
            == {"d1/live": "support"}
        ),
        "support by an arrow key",
    )
    assert await phone.js("return document.activeElement.id") == "rate-d1-live-support"
    await phone.keys(Keys.TAB, Keys.ENTER)  # on to "Fjern mit svar"
    await phone.until(
        lambda d: d.execute_script("return window.kerneLink.view.mine.my_answers") == {},
        "cleared by Enter",
    )
    assert await phone.js("return document.activeElement.name") == "rate-d1-live"


async def test_the_phone_says_when_the_session_is_reopened_for_follow_up(
    server: Running, phone: Page
) -> None:
    """Closed, then reopened: the phone says what may be done now, and its header says
    the session is open for follow-up, as the terminal's does."""
    mette = await facilitator(server)
    await join_from_page(phone, server)
    await mette.ok("close_session")
    await phone.text_in("#message", DA["notice.closed"])
    await mette.ok("reopen_for_follow_up")
    await phone.text_in("#message", DA["notice.reopened"])
    await phone.text_in("#phase", DA["header.reopened"])
    assert await phone.count("#action-form:not([hidden])") == 1  # a next step may be added
