"""Laptops that stop reading cost the server a bounded amount of memory, and the others
do not notice: the real server process, 200 joined connections that never read again,
four writers recording conflicts as fast as their answers come (within the rate limit),
and a participant who reads."""

from __future__ import annotations

from pathlib import Path

from server.budget import OUTPUT_BUDGET
from server.hub import SEND_BUFFER
from tests.adversarial.stalled import CONFLICTS_PER_WRITER, WRITERS, stalled_room

STALLED = 200
MB = 1024 * 1024


async def test_stalled_readers_hold_bounded_memory_and_the_reader_gets_everything(
    tmp_path: Path,
) -> None:
    """Output held for 200 stalled readers stays within the budget, the reader gets all."""
    outcome = await stalled_room(tmp_path, STALLED)
    # What the server may hold: its output budget twice over (the buffers, and what the
    # allocator keeps between two trims), and what the kernel keeps per connection (the
    # send buffer, which it doubles, and about as much again in flight to the reader).
    bound = outcome.rss_before_mb + (2 * OUTPUT_BUDGET + STALLED * 4 * SEND_BUFFER) / MB
    assert outcome.held_peak_mb < bound, (outcome.held_peak_mb, bound)
    assert outcome.cut > 0  # the budget, not luck, kept it there
    assert outcome.acked == WRITERS * CONFLICTS_PER_WRITER
    assert outcome.reader_gapless
    assert outcome.reader_lag_s < 2.0
