"""The header's level and task above: plain words, shortened with an ellipsis to fit."""

from __future__ import annotations

from kerne_tui.locale import Strings
from kerne_tui.widgets.header import fitted, level_part

TASK = "Ældre borgere lever et værdigt liv"


def test_the_level_and_the_task_above_read_in_danish() -> None:
    """A unit under a centre reads 'Enhed · Niveauet over: …' in full where it fits."""
    part = level_part(Strings("da"), "unit", TASK)
    assert part is not None
    assert part.plain == f"Enhed · Niveauet over: {TASK}"


def test_a_unit_with_no_level_above_shows_nothing() -> None:
    """A plain unit session keeps the header it had."""
    assert level_part(Strings("da"), "unit", None) is None


def test_a_long_task_above_ends_in_an_ellipsis_within_its_room() -> None:
    """Shortened to 30 cells, it ends in '…' and takes no more than those 30."""
    part = level_part(Strings("da"), "unit", TASK)
    assert part is not None
    short = fitted(part, 30)
    assert short is not None and short.cell_len == 30 and short.plain.endswith("…")


def test_markup_in_the_task_above_is_shown_as_typed() -> None:
    """'[bold]' typed into the task above is characters, not a style."""
    part = level_part(Strings("en"), "institution", "[bold]Children thrive[/bold]")
    assert part is not None
    assert part.plain == "Institution · The level above: [bold]Children thrive[/bold]"
    assert not part.spans


def test_too_little_room_leaves_the_task_above_out() -> None:
    """Under a dozen cells the link state and role keep the room."""
    part = level_part(Strings("en"), "centre", TASK)
    assert part is not None and fitted(part, 8) is None
