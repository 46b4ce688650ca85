"""`kerne-server` as a person runs it, for the tests of its commands: one command to its
end, or a server read up to the end of its start-up text."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path

# Multicast stays on loopback (a server on 127.0.0.1 does not announce anyway).
ENV = {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "KERNE_MDNS_INTERFACES": "127.0.0.1"}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """One command, run to its end."""
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        capture_output=True,
        text=True,
        timeout=30,
        env={**ENV, "HOME": str(Path.home())},
    )


async def started(db: Path, *flags: str) -> tuple[asyncio.subprocess.Process, str]:
    """`kerne-server` on 127.0.0.1, any free port, with exactly these flags (no --title
    unless given); returns the process and its start-up text, up to its last line."""
    proc = await asyncio.create_subprocess_exec(
        *[sys.executable, "-m", "server", "--host", "127.0.0.1", "--port", "0"],
        *["--db", str(db), *flags],
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=ENV,
    )
    assert proc.stdout is not None
    text = ""
    while "Ctrl+C" not in text:
        line = await proc.stdout.readline()
        if not line:
            raise AssertionError(f"the server exited early: {text}")
        text += line.decode()
    return proc, text


async def stopped(proc: asyncio.subprocess.Process) -> None:
    proc.terminate()
    await proc.wait()


def codes(text: str) -> list[str]:
    """The join codes a start-up text (or `new`, or `key`) shows, in order."""
    return re.findall(r"join code:\s+(\S+)", text)


def join_url(text: str, code: str) -> str:
    """The --server URL printed for participants of `code`."""
    match = re.search(rf"kerne-tui join {code} --server (ws://\S+)\n", text)
    assert match, text
    return match.group(1)


def key_of(text: str) -> str:
    match = re.search(r"facilitator key:\s+(\S{22})\n", text)
    assert match, text
    return match.group(1)
