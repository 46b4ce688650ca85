"""A smoke run of bench.web: a few browsers beside a few terminals produce numbers."""

from __future__ import annotations

import asyncio
import math
from pathlib import Path

from bench.proc import start_kerne
from bench.web import PAGE_FILES, measure


def test_a_small_room_of_browsers_and_terminals_is_measured(tmp_path: Path) -> None:
    """Every page file is fetched and weighed; each command reaches all 6 clients."""
    with start_kerne(tmp_path) as served:
        result = asyncio.run(measure(served, web=3, terminal=2, commands=2))
    assert len(result["page_files"]) == len(PAGE_FILES)
    assert all(size > 0 for size in result["page_files"].values())
    assert result["page_bytes"] == sum(result["page_files"].values()) < 100 * 1024
    assert all(math.isfinite(v) and v >= 0 for v in result["fanout_ms"].values())
