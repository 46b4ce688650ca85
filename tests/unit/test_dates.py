"""Days typed in a form: the Danish way and the ISO way are read, anything else refused."""

from __future__ import annotations

import pytest

from kerne_tui.dates import BadDate, read_date, shown_date


def test_a_danish_day_is_read_as_iso() -> None:
    """30.11.2026, as a team leader at the nursing home writes it, is 2026-11-30."""
    assert read_date(" 30.11.2026 ") == "2026-11-30"
    assert read_date("1-2-2027") == "2027-02-01"


def test_an_iso_day_is_kept() -> None:
    """2026-11-30 stays what it is."""
    assert read_date("2026-11-30") == "2026-11-30"


def test_nothing_typed_is_no_day() -> None:
    """An empty field leaves the day out."""
    assert read_date("  ") is None


@pytest.mark.parametrize("typed", ["31.11.2026", "næste fredag", "2026-13-01", "30.11.26"])
def test_a_day_that_does_not_exist_is_refused(typed: str) -> None:
    """No 31 November, no words, no two-digit year: the form says so, nothing is sent."""
    with pytest.raises(BadDate):
        read_date(typed)


def test_a_day_is_shown_the_danish_way_for_editing() -> None:
    """The form shows a stored day as 30.11.2026."""
    assert shown_date("2026-11-30") == "30.11.2026"
    assert shown_date(None) == ""
