"""One server per database: a second server on the same file would hold a second copy of
every session in memory, and its clients would see different states.

The lock is the operating system's (`flock` on `<db>.lock`, not blocking): it is released
when the process ends however it ends, so a restart after `kill -9` or a power cut is never
refused. The file says who holds it (pid, and the address once listening); what it says is
only believed while the lock is held. It is never deleted: deleting a lock file that another
process has open lets a third one lock a new file of the same name.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

from server.private import create_private

if sys.platform == "win32":  # pragma: no cover - the CI machine is Linux
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


class Held(Exception):
    """Another process serves this database; the message names it, for a person."""


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


def _holder(path: Path) -> str:
    """`pid 1234, ws://192.168.1.20:8765` from the lock file, as far as it says."""
    try:
        said = json.loads(path.read_text() or "{}")
    except (OSError, ValueError):
        said = {}
    if not isinstance(said, dict):
        said = {}
    parts = [f"pid {said['pid']}" if isinstance(said.get("pid"), int) else "pid unknown"]
    if isinstance(said.get("url"), str):
        parts.append(said["url"])
    return ", ".join(parts)


class ServerLock:
    """Held for the life of a serving process (or a `key` command)."""

    def __init__(self, db: Path) -> None:
        self.path = lock_path(db)
        create_private(self.path)
        self.fd = os.open(self.path, os.O_RDWR)
        if not _try_lock(self.fd):
            os.close(self.fd)
            raise Held(f"another kerne-server ({_holder(self.path)}) is serving {db}")
        self.say()

    def say(self, url: str | None = None) -> None:
        """Write who holds the lock, for the message a second server prints."""
        said: dict[str, object] = {"pid": os.getpid()}
        if url is not None:
            said["url"] = url
        data = json.dumps(said).encode()
        with contextlib.suppress(OSError):
            os.ftruncate(self.fd, 0)
            os.lseek(self.fd, 0, os.SEEK_SET)
            os.write(self.fd, data)

    def release(self) -> None:
        """Closing the file releases the lock (so does the process ending)."""
        with contextlib.suppress(OSError):
            os.close(self.fd)
