"""Files only their owner may read: the database (who voted what), the ready file (the
facilitator key) and the client's saved resume tokens.

Created 0600 in folders created 0700, whatever the umask; a file that is rewritten is
replaced whole (a temporary file beside it, then `os.replace`), so a crash mid-write
leaves the old content or the new, never half of it, and never a moment of wider access.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(folder: Path) -> None:
    """Make `folder` and any missing parent, each 0700; existing ones are left as they are."""
    missing: list[Path] = []
    here = folder
    while not here.exists():
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another process
            path.mkdir(mode=FOLDER_MODE)
            os.chmod(path, FOLDER_MODE)  # mkdir's mode is narrowed by the umask


def create_private(path: Path) -> None:
    """Create an empty 0600 file unless one exists (then tighten it: see `tighten`)."""
    private_folder(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        tighten(path)
        return
    os.close(fd)


def tighten(path: Path) -> None:
    """Take group and other access away from a file of ours that has it (one made by an
    older kerne, 0644); a file we do not own, or cannot change, is left as it is."""
    with contextlib.suppress(OSError):
        status = os.stat(path)
        mode = stat.S_IMODE(status.st_mode)
        if stat.S_ISREG(status.st_mode) and mode & 0o077:
            os.chmod(path, mode & 0o700)


def write_private(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically, as a 0600 file."""
    private_folder(path.parent)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, FILE_MODE)  # mkstemp makes 0600 already; say it, not assume it
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
