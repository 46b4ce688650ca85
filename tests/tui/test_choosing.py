"""Choosing the core task with care, under the Pilot against the real server: the coach
while writing, acceptance and criteria rounds run from the facilitator's menu and
answered from two participants' screens, and a weakly supported choice asking why."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Label

from kerne_tui.app import KerneApp
from kerne_tui.screens.choice import Choice
from kerne_tui.screens.choose_dialog import ChooseDialog
from kerne_tui.screens.confirm import Confirm
from kerne_tui.screens.draft_prompt import DraftPrompt
from kerne_tui.screens.rating_dialog import RatingDialog
from kerne_tui.screens.text_prompt import TextPrompt
from tests.realserver import Running
from tests.server.peer import join
from tests.tui.drive import client, joined, options, pick, static, until

CARE = "Ældre borgere lever et værdigt liv i eget hjem"
OUTPUT = "Vi giver 3 besøg om dagen"


def three(server: Running, tmp_path: Path) -> tuple[KerneApp, KerneApp, KerneApp]:
    """Mette facilitates (and does not vote); Anne and Dina answer."""
    mette = client(
        server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key, votes=False
    )
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    dina = client(server, tmp_path / "dina", "Dina", "Social- og sundhedsassistent")
    return mette, anne, dina


async def answer_criteria(pilot: Pilot[Any], app: KerneApp, answer: str, many: int) -> None:
    """Press a on the draft and answer the first `many` criteria "yes" or "no" (Escape
    leaves the rest unanswered)."""
    await until(pilot, lambda: "Criteria" in static(app, "#rating"))
    await pilot.press("a")
    keys = ("enter",) if answer == "yes" else ("down", "down", "enter")
    for _ in range(many):  # value, long-term, shared, connects, short, everyday
        await until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.press(*keys)
    if many < 6:
        await until(pilot, lambda: isinstance(app.screen, Choice))
        await pilot.press("escape")
    await until(pilot, lambda: f"{many}/6" in options(app, "#draft-list")[0])


def label(app: KerneApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).content)


async def test_the_coach_reads_a_draft_while_it_is_written(server: Running, tmp_path: Path) -> None:
    """Typing an output sentence shows the coach's hints under it, and beside the draft."""
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with anne.run_test(size=(120, 40)) as a:
        await until(a, lambda: joined(anne))
        await a.press("n")
        await until(a, lambda: isinstance(anne.screen, DraftPrompt))
        await a.press(*OUTPUT)
        await until(a, lambda: "Output words: giver, besøg" in label(anne, "#coach"))
        assert "Who is it for?" in label(anne, "#coach")
        await a.press("enter")  # a hint, never a block
        await until(a, lambda: len(options(anne, "#draft-list")) == 1)
        assert "✎ output words (giver, besøg)" in options(anne, "#draft-list")[0]


async def test_an_acceptance_round_from_the_menu_answered_by_two(
    server: Running, tmp_path: Path
) -> None:
    """m opens a blind acceptance round; two answer with a; closing shows it in words."""
    mette, anne, dina = three(server, tmp_path)
    async with (
        mette.run_test(size=(120, 40)) as m,
        anne.run_test(size=(120, 40)) as a,
        dina.run_test(size=(120, 40)) as d,
    ):
        for pilot, app in ((m, mette), (a, anne), (d, dina)):
            await until(pilot, partial(joined, app))
        await a.press("n", *CARE, "enter")
        await until(m, lambda: len(options(mette, "#draft-list")) == 1)
        await m.press("m")
        await pick(m, mette, "rating_open")  # acceptance and criteria…
        await until(
            m, lambda: isinstance(mette.screen, Choice) and "Ask" in str(options(mette, "#choices"))
        )
        await m.press("enter")  # acceptance
        await until(m, lambda: isinstance(mette.screen, RatingDialog))
        await m.press("enter")  # every draft, hidden: the defaults
        await until(a, lambda: "round 1 is open and hidden" in static(anne, "#rating"))
        await a.press("a")
        await until(a, lambda: isinstance(anne.screen, Choice))
        await a.press("down", "down", "enter")  # can live with it, with reservations
        await until(a, lambda: "Can live with it" in options(anne, "#draft-list")[0])
        await until(d, lambda: "round 1 is open" in static(dina, "#rating"))
        await d.press("a")
        await until(d, lambda: isinstance(dina.screen, Choice))
        await d.press("enter")  # full support
        await until(m, lambda: "2 answered" in static(mette, "#rating"))
        assert "live with it" not in options(mette, "#draft-list")[0]  # hidden until closed
        await m.press("m")
        await pick(m, mette, "rating_close")  # close the round and show the answers
        await until(m, lambda: isinstance(mette.screen, Confirm))
        await m.press("enter")  # the focused button names the action
        # Two answers with k = 3: no profession on its own, the whole in words.
        said = "All 2 who answered can live with it."
        await until(a, lambda: said in options(anne, "#draft-list")[0])
        await until(d, lambda: said in options(dina, "#draft-list")[0])


async def test_a_criteria_round_from_the_menu_answered_by_two(
    server: Running, tmp_path: Path
) -> None:
    """m opens a criteria round; two answer all six; the results are shown in words."""
    mette, anne, dina = three(server, tmp_path)
    async with (
        mette.run_test(size=(120, 40)) as m,
        anne.run_test(size=(120, 40)) as a,
        dina.run_test(size=(120, 40)) as d,
    ):
        for pilot, app in ((m, mette), (a, anne), (d, dina)):
            await until(pilot, partial(joined, app))
        await d.press("n", *OUTPUT, "enter")
        await until(m, lambda: len(options(mette, "#draft-list")) == 1)
        await m.press("m")
        await pick(m, mette, "rating_open")
        await until(m, lambda: "criteria" in str(options(mette, "#choices")))
        await m.press("down", "enter")
        await until(m, lambda: isinstance(mette.screen, RatingDialog))
        await m.press("enter")
        await answer_criteria(a, anne, "yes", 6)
        await answer_criteria(d, dina, "no", 1)
        await until(m, lambda: "2 answered" in static(mette, "#rating"))
        await m.press("m")
        await pick(m, mette, "rating_close")
        await until(m, lambda: isinstance(mette.screen, Confirm))
        await m.press("enter")  # the focused button names the action
        await until(a, lambda: "Criteria: 6 yes, 1 no" in options(anne, "#draft-list")[0])
        await m.press("f")
        await until(m, lambda: isinstance(mette.screen, ChooseDialog))
        said = label(mette, "#choose-support")
        assert "Value for citizens or society, not services: 1 yes, 1 no" in said


async def test_choosing_a_weakly_supported_draft_asks_why(server: Running, tmp_path: Path) -> None:
    """The draft with fewer dots: the dialog says so and takes no choice without a reason.
    The drafts and the closed round come over the wire; the choice is made on screen."""
    lead = await join(
        server.url,
        server.code,
        "Lise",
        "Leder",
        role="facilitator",
        facilitator_key=server.key,
        votes=False,
    )
    anne = await join(server.url, server.code, "Anne", "Sygeplejerske")
    await anne.ok("propose_draft", text=CARE)
    await anne.ok("propose_draft", text=OUTPUT)
    await lead.ok("open_round", dots=1, blind=True)
    await anne.ok("cast_vote", draft_id="d1")
    await lead.ok("close_round")
    mette = client(
        server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key, votes=False
    )
    async with mette.run_test(size=(120, 40)) as m:
        await until(m, partial(joined, mette))
        await until(m, lambda: len(options(mette, "#draft-list")) == 2)
        await m.press("home", "down", "f")  # d2
        await until(m, lambda: isinstance(mette.screen, ChooseDialog))
        said = label(mette, "#choose-support")
        assert "Round 1: 0 of 1 dots." in said and "Another draft got more dots (1)." in said
        await m.press("enter")  # no reason: the dialog stays and says what it needs
        await until(m, lambda: "Why this draft?" in label(mette, "#problem"))
        await m.press(*"Vi vil prøve den af", "enter")
        await until(m, lambda: "✓ chosen today" in options(mette, "#draft-list")[1])
        assert mette.view is not None
        assert mette.view.snapshot.choices[-1].reason == "Vi vil prøve den af"
    await lead.close()
    await anne.close()


async def test_the_facilitator_teaches_the_coach_a_word_of_the_session(
    server: Running, tmp_path: Path
) -> None:
    """A library's "fjernlån" becomes an output word in everyone's hints."""
    mette = client(server, tmp_path / "mette", "Mette", "Leder", facilitator_key=server.key)
    anne = client(server, tmp_path / "anne", "Anne", "Sygeplejerske")
    async with mette.run_test(size=(120, 40)) as m, anne.run_test(size=(120, 40)) as a:
        await until(m, partial(joined, mette))
        await until(a, partial(joined, anne))
        await a.press("n", *"Borgerne får fjernlån inden for en uge", "enter")
        await until(a, lambda: len(options(anne, "#draft-list")) == 1)
        assert "output words" not in options(anne, "#draft-list")[0]
        await m.press("m")
        await until(m, lambda: isinstance(mette.screen, Choice))
        await m.press("down", "down", "enter")  # phase, timer, formulation check
        await until(m, lambda: "output words" in str(options(mette, "#choices")))
        await m.press("enter")
        await until(m, lambda: isinstance(mette.screen, TextPrompt))
        await m.press(*"Fjernlån, ", "enter")
        await until(a, lambda: "✎ output words (fjernlån)" in options(anne, "#draft-list")[0])
