"""All connections' unsent output held to one budget: the furthest behind are cut first.

A reader that stops reading leaves its output in the server: asyncio keeps what the
kernel would not take (the kernel keeps at most `hub.SEND_BUFFER` of it). Each such
backlog is noted when the hub writes to the connection (it can only shrink between
writes), and their sum is held under OUTPUT_BUDGET. Past it, the connections furthest
behind are cut with 4001 ("too far behind: resume"), the close frame after what they were
already sent, so that one still reading learns why and resumes; they are written nothing
more, and are dropped when they have not read that far within CUT_GRACE, or when the
budget is passed again before that. So a room of hundreds that stopped reading costs
about the budget, and those who read are written to as before.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from websockets.asyncio.server import ServerConnection

log = logging.getLogger("kerne.budget")

# All connections' unsent output together may hold at most this much memory. Past it, the
# connections furthest behind are cut (CLOSE_BEHIND) until the others hold at most
# BUDGET_AFTER_CUT.
OUTPUT_BUDGET = 64 * 1024 * 1024
BUDGET_AFTER_CUT = OUTPUT_BUDGET * 3 // 4
CLOSE_BEHIND = 4001
# How long a cut connection may take to read up to its close before it is dropped.
CUT_GRACE = 2.0
# After connections that held output ended, the C allocator is asked to give the freed
# memory back to the system, at most this often (see `Budget.memory_freed`).
TRIM_INTERVAL = 0.1
# A connection that ends with more unsent output than this counts as holding output.
HELD = 16 * 1024
# A flush whose frames came to more than this leaves the C library holding their memory:
# large frames (welcomes of up to 100 KB while a room joins) come from its heap, and freed
# among smaller ones they leave holes it keeps. 1000 joining, 128 at a time, left the
# server at 27-32 KB per idle connection instead of 19-20.
FRAMES_FREED = 1024 * 1024


def _find_malloc_trim() -> Callable[[int], Any] | None:
    """glibc's `malloc_trim`, where the C library has one (Linux with glibc)."""
    try:
        trim: Callable[[int], Any] = ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim
    except (OSError, AttributeError, TypeError):
        return None
    return trim


_malloc_trim = _find_malloc_trim()


class Budget:
    """The unsent output of every connection, and the cut when it is too much."""

    def __init__(self, spawn: Callable[[Coroutine[Any, Any, None]], None]) -> None:
        self.spawn = spawn
        self.backlog: dict[ServerConnection, int] = {}  # unsent bytes, as last seen
        self.total = 0  # their sum
        self.cut: set[ServerConnection] = set()  # cut, closing: written nothing more
        self.trim_due = False
        self.last_trim = float("-inf")

    def note(self, ws: ServerConnection, size: int | None = None) -> None:
        """Note a connection's unsent output: `size`, or look."""
        if size is None:
            size = ws.transport.get_write_buffer_size()
        self.total += size - self.backlog.get(ws, 0)
        if size:
            self.backlog[ws] = size
        else:
            self.backlog.pop(ws, None)

    def hold(self) -> None:
        """After a flush: keep the total under OUTPUT_BUDGET. The backlogs noted at the
        writes may be stale (a connection drains between writes, and the last write is
        not in them): if their sum is over, look at every connection again. If it still
        is, first drop the connections already cut (the furthest behind before, their
        close written), then cut the furthest behind of the others until the rest hold at
        most BUDGET_AFTER_CUT."""
        if self.total <= OUTPUT_BUDGET:
            return
        for ws in list(self.backlog):
            self.note(ws)
        if self.total <= OUTPUT_BUDGET:
            return
        by_size = sorted(self.backlog, key=self.backlog.__getitem__, reverse=True)
        for ws in [ws for ws in by_size if ws in self.cut]:
            if self.total <= BUDGET_AFTER_CUT:
                return
            self.total -= self.backlog.pop(ws)
            ws.transport.abort()
            self.memory_freed()
        staying = self.total
        for ws in by_size:
            if staying <= BUDGET_AFTER_CUT:
                return
            if ws not in self.cut:
                staying -= self.backlog[ws]
                self.cut_behind(ws)

    def cut_behind(self, ws: ServerConnection) -> None:
        """Cut a connection that is too far behind: it is written nothing more, and its
        close (4001) follows what it was already sent. Its client resumes."""
        unsent = self.backlog.get(ws, 0)
        log.warning("cutting a connection too far behind (%d bytes unsent)", unsent)
        self.cut.add(ws)
        self.spawn(self._close(ws))

    async def _close(self, ws: ServerConnection) -> None:
        try:
            async with asyncio.timeout(CUT_GRACE):
                await ws.close(CLOSE_BEHIND, "too far behind: resume")
        except TimeoutError:
            pass
        ws.transport.abort()  # nothing if it closed cleanly; else frees its buffer

    def ended(self, ws: ServerConnection) -> None:
        """A connection ended: forget it, and if it held output, give the memory back."""
        if self.backlog.get(ws, 0) > HELD or ws in self.cut:
            self.memory_freed()
        self.total -= self.backlog.pop(ws, 0)
        self.cut.discard(ws)

    def frames_made(self, size: int) -> None:
        """A flush made `size` bytes of frames and wrote them: once they are many, give
        the memory back as when output was freed."""
        if size > FRAMES_FREED:
            self.memory_freed()

    def memory_freed(self) -> None:
        """Output was freed: soon (at most every TRIM_INTERVAL) ask glibc to return it.
        CPython 3.11's asyncio keeps each connection's unsent output in one growing
        bytearray; hundreds of them growing in turns leave the heap full of holes that
        the allocator keeps, so without this the process would stay at two or three times
        the budget after the laggards are gone."""
        if self.trim_due or _malloc_trim is None:
            return
        self.trim_due = True
        loop = asyncio.get_running_loop()
        loop.call_later(max(0.0, self.last_trim + TRIM_INTERVAL - loop.time()), self._trim)

    def _trim(self) -> None:
        self.trim_due = False
        self.last_trim = asyncio.get_running_loop().time()
        if _malloc_trim is not None:
            _malloc_trim(0)
