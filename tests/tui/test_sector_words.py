"""The method's instructions in the sector's own words: a school speaks of pupils and a
daycare of children, never of »borgere«, in its instructions and its dilemmas' kinds; a
session with no sector keeps the general words; and the round dialog speaks of
»udkast«, as the rest of the screen does."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Select

from kerne_tui.screens.conflict_form import ConflictForm
from kerne_tui.screens.round_dialog import RoundDialog
from tests.realserver import nursing_home, run_server
from tests.server.peer import join
from tests.tui.drive import client, joined, options, static, until
from tests.tui.screen_text import screen_text


@pytest.mark.parametrize(
    ("sector", "said"),
    [
        ("school", "gjorde en forskel for en elev. Hvad blev bedre for eleven?"),
        ("daycare", "gjorde en forskel for et barn. Hvad blev bedre for barnet?"),
        (None, "gjorde en forskel for en borger. Hvad blev bedre for borgeren?"),
    ],
)
async def test_the_check_in_asks_in_the_sectors_words(
    tmp_path: Path, sector: str | None, said: str
) -> None:
    """The check-in's default instruction names whom the sector works for."""
    info = nursing_home()
    info.sector = sector
    server = await run_server(tmp_path, info)
    try:
        anne = client(server, tmp_path / "anne", "Anne", "Lærer", lang="da")
        async with anne.run_test(size=(120, 34)) as a:
            await until(a, lambda: joined(anne))
            shown = " ".join(static(anne, "#instruction").split())
            assert said in shown
            if sector is not None:
                assert "borger" not in shown
    finally:
        await server.stop()


async def test_the_round_dialog_limits_dots_on_one_udkast(tmp_path: Path) -> None:
    """The most dots on one draft is asked about an »udkast«, not a »forslag«."""
    server = await run_server(tmp_path, nursing_home())
    try:
        mette = client(
            server, tmp_path / "mette", "Mette", "Leder", lang="da", facilitator_key=server.key
        )
        async with mette.run_test(size=(120, 34)) as m:
            await until(m, lambda: joined(mette))
            await m.press("r")
            await until(m, lambda: isinstance(mette.screen, RoundDialog))
            shown = screen_text(mette)
            assert "Højst prikker på samme udkast" in shown and "forslag" not in shown
    finally:
        await server.stop()


async def test_a_schools_dilemma_with_families_names_pupils_and_parents(tmp_path: Path) -> None:
    """A teacher sees the kind of a dilemma about homework as between pupils or parents
    and staff, in the list and among the form's kinds, never »borgere«."""
    info = nursing_home()
    info.sector = "school"
    server = await run_server(tmp_path, info)
    try:
        jonas = await join(server.url, server.code, "Jonas", "Pædagog")
        await jonas.ok(
            "record_dilemma",
            title="Lektier i fritidsordningen",
            kind="citizens_staff",
            side_a="forældrene ønsker lektiehjælp efter skoletid",
            side_b="fritidsordningen er til leg og fællesskab",
        )
        anne = client(server, tmp_path / "anne", "Anne", "Lærer", lang="da")
        async with anne.run_test(size=(120, 34)) as a:
            await until(a, lambda: joined(anne))
            await a.press("3")
            await until(a, lambda: "Lektier" in " ".join(options(anne, "#conflict-list")))
            shown = options(anne, "#conflict-list")[0]
            assert "Mellem elever/forældre og medarbejdere" in shown and "borger" not in shown
            await a.press("n")
            await until(a, lambda: isinstance(anne.screen, ConflictForm))
            kinds = [str(label) for label, _ in anne.screen.query_one("#kind", Select)._options]
            assert "Mellem elever/forældre og medarbejdere" in kinds
            assert not [kind for kind in kinds if "borger" in kind]
        await jonas.close()
    finally:
        await server.stop()
