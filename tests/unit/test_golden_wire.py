"""The bytes a fixed run of commands produces, on the wire and in the store, never drift."""

from __future__ import annotations

from tests.unit.golden import GOLDEN, golden_lines

EVERY_KIND = {
    "participant_joined",
    "draft_proposed",
    "draft_revised",
    "draft_withdrawn",
    "draft_finalized",
    "vote_cast",
    "vote_retracted",
    "statement_added",
    "statement_tagged",
    "statement_classified",
    "split_revealed",
    "conflict_recorded",
    "conflict_updated",
    "phase_changed",
    "timer_started",
    "timer_stopped",
    "round_opened",
    "round_closed",
    "item_removed",
    "session_closed",
}


def test_golden_run_holds_every_event_kind() -> None:
    """The recorded run exercises every kind of event, so the comparison covers them all."""
    heads = [line.split() for line in golden_lines() if line.startswith(("solhaven", "soeskolen"))]
    assert {head[2] for head in heads} == EVERY_KIND


def test_wire_frames_and_stored_rows_match_the_golden_file() -> None:
    """Each event's stored data, ack item, released dots and public frame are byte-equal."""
    assert golden_lines() == GOLDEN.read_text(encoding="utf-8").splitlines()
