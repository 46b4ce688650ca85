"""No English on a Danish screen: a Danish facilitator and a Danish participant walk every
area, the dialogs and the help, and get the room's notices; no word that only the English
catalog uses may appear (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from kerne_tui.app import KerneApp
from kerne_tui.screens.confirm import Confirm
from kerne_tui.screens.reveal import RevealScreen
from kerne_tui.screens.round_dialog import RoundDialog
from server.catalog import da, en
from tests.realserver import Running
from tests.server.peer import join
from tests.tui.drive import client, joined, until
from tests.tui.screen_text import screen_text

WORD = re.compile(r"[A-Za-zÆØÅæøå]{3,}")
# Words of the English catalog that Danish writes the same way, or names of things.
SHARED = {"kerne", "server", "Escape", "SVG", "Markdown", "HTML", "JSON", "CSV", "zip", "min"}


def bare(text: str) -> str:
    """A catalog text without its placeholders (`{dots}` is no word on screen)."""
    return re.sub(r"{\w+}", "", text)


def english_only() -> set[str]:
    """Every word the English catalog uses and the Danish one never does."""
    danish = {w.casefold() for text in da.STRINGS.values() for w in WORD.findall(bare(text))}
    english = {w for text in en.STRINGS.values() for w in WORD.findall(bare(text))}
    return {w for w in english if w.casefold() not in danish and w not in SHARED}


ENGLISH = english_only()


def english_on(text: str) -> set[str]:
    return {w for w in WORD.findall(text) if w in ENGLISH}


def phase(app: KerneApp) -> str:
    return app.view.snapshot.session.phase if app.view is not None else ""


async def seen(pilot: Pilot[Any], app: KerneApp, where: str, shown: dict[str, str]) -> None:
    await pilot.pause(0.05)
    shown[where] = screen_text(app) + "\n" + "\n".join(str(n.message) for n in app._notifications)


async def workshop(server: Running) -> None:
    """Colleagues who wrote a draft, a statement with a tag, and a conflict about it."""
    bo = await join(server.url, server.code, "Bo", "Sygeplejerske")
    dina = await join(server.url, server.code, "Dina", "Social- og sundhedsassistent")
    await bo.ok("propose_draft", text="Beboeren lever et trygt og meningsfuldt liv")
    await dina.ok("add_statement", text="Beboeren får bad to gange om ugen")
    await bo.ok("tag_statement", statement_id="s1", tag="output")
    await dina.ok(
        "record_conflict",
        title="Træning eller hjælp",
        professions=["Sygeplejerske"],
        refs=[{"kind": "statement", "id": "s1"}],
    )
    await bo.close()
    await dina.close()


# Danish words the project chose against (DOMAIN.md, "Words on screen").
AVOID = ("mødeleder", "linse", "endelig", "omstridt", "session")


def no_english(shown: dict[str, str]) -> None:
    """No English-only word, and none of the Danish words to avoid, anywhere shown."""
    found = {
        where: english_on(text) | {w for w in AVOID if w in text.casefold()}
        for where, text in shown.items()
    }
    assert not {where: words for where, words in found.items() if words}, found


async def test_danish_areas_dialogs_and_help_show_no_english(
    server: Running, tmp_path: Path
) -> None:
    """Every area (the facilitator's too), the dialogs behind the keys, the help pages."""
    assert {"dots", "draft", "round"} <= ENGLISH  # the check can see English at all
    await workshop(server)
    mette = client(
        server, tmp_path / "mette", "Mette", "Leder", lang="da", facilitator_key=server.key
    )
    shown: dict[str, str] = {}
    async with mette.run_test(size=(110, 34)) as m:
        await until(m, lambda: joined(mette) and mette.lens is not None)
        for key in ("1", "2", "3", "4"):
            await m.press(key)
            await seen(m, mette, f"area {key}", shown)
        await m.press("question_mark")
        for page in range(4):
            await seen(m, mette, f"help page {page + 1}", shown)
            await m.press("right")
        await m.press("escape")
        for area, keys in (("1", ("n", "e", "w")), ("2", ("n", "g")), ("3", ("n", "s"))):
            await m.press(area)
            for key in keys:
                await m.press(key)
                await seen(m, mette, f"dialog {area}{key}", shown)
                await m.press("escape")
        for key in ("m", "t", "p", "i", "c", "r"):
            await m.press(key)
            await seen(m, mette, f"menu {key}", shown)
            await m.press("escape")
    no_english(shown)


async def test_danish_notices_show_no_english(server: Running, tmp_path: Path) -> None:
    """A refusal, a round opening and closing (with its result), a phase change."""
    await workshop(server)
    mette = client(
        server, tmp_path / "mette", "Mette", "Leder", lang="da", facilitator_key=server.key
    )
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske", lang="da")
    shown: dict[str, str] = {}
    async with mette.run_test(size=(110, 34)) as m, anne.run_test(size=(110, 34)) as a:
        await until(m, lambda: joined(mette))
        await until(a, lambda: joined(anne))
        await a.press("1", "space")  # a vote with no round open: refused
        await until(a, lambda: bool(anne._notifications))
        await seen(a, anne, "refusal", shown)
        await m.press("1", "r")
        await until(m, lambda: isinstance(mette.screen, RoundDialog))
        await seen(m, mette, "round dialog", shown)
        await m.press("enter")  # a round of 3 dots
        await until(a, lambda: anne.view is not None and anne.view.open_round is not None)
        await seen(a, anne, "round opened", shown)
        await m.press("r")
        await until(m, lambda: isinstance(mette.screen, Confirm))
        await seen(m, mette, "confirm close round", shown)
        await m.press("enter")
        await until(a, lambda: isinstance(anne.screen, RevealScreen))
        await seen(a, anne, "round closed", shown)
        await a.press("escape")
        await m.press("escape", "right_square_bracket")
        await until(a, lambda: phase(anne) == "statements")
        await seen(a, anne, "phase changed", shown)
    no_english(shown)
