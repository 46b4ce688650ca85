"""A database in shards: one file per serving process, each session in exactly one.

`kerne-server serve --shards N` runs N processes (server/supervisor.py), one per core,
each with its own SQLite file and port. A process's file holds its sessions whole (their
log, participants, keys), so each keeps the single writer it would have alone, and no
commit of one waits for another's. The first shard is the database file itself
(`kerne.db`); the others lie beside it (`kerne.shard2.db`, `kerne.shard3.db`, ...), so a
database that was never split is shard 1 of 1, unchanged.

Sessions that meet live together: a session made with `--parent-session` or `--from`
goes into the shard of the session it names, so the live link from a session to those
on the level below (`Hub.keep_children_in_step`) never crosses a process. Any other new
session goes to the shard with the fewest open sessions.

A session never moves. A process asked for a code it does not hold finds the shard that
does by reading the others' session tables (read only), and says that shard's port:
routing by what the files hold, not by a hash that would change with N.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from server.store import Store, StoreError

_SHARD = re.compile(r"\.shard([0-9]{1,3})$")
MAX_SHARDS = 64
T = TypeVar("T")


class ShardError(Exception):
    """The shards on disk and the ones asked for do not fit; the message says what to do."""


def shard_path(db: Path, number: int) -> Path:
    """Shard `number` (from 1) of the database `db`: the file itself for the first."""
    if number == 1:
        return db
    return db.with_name(f"{db.stem}.shard{number}{db.suffix}")


def shard_paths(db: Path, count: int) -> list[Path]:
    return [shard_path(db, n) for n in range(1, count + 1)]


def on_disk(db: Path) -> int:
    """How many shards the database has: 1, or the highest numbered file beside it."""
    highest = 1
    if db.parent.is_dir():
        for sibling in db.parent.glob(f"{db.stem}.shard*{db.suffix}"):
            found = _SHARD.search(sibling.name.removesuffix(db.suffix))
            if found and sibling.name == shard_path(db, int(found[1])).name:
                highest = max(highest, int(found[1]))
    return highest


def check_count(db: Path, asked: int) -> None:
    """A database split in more shards than asked for would leave sessions unserved."""
    if not 1 <= asked <= MAX_SHARDS:
        raise ShardError(f"--shards must be between 1 and {MAX_SHARDS}")
    held = on_disk(db)
    if held > asked:
        raise ShardError(
            f"{db} is split in {held} shards ({shard_path(db, held).name} is the last): "
            f"serve it with --shards {held}, or more"
        )


def _read(path: Path, question: Callable[[Store], T], otherwise: T) -> T:
    """`question` asked of the shard file at `path`, read only; `otherwise` for a file
    not made or not written yet (`serve --shards` makes one only when its shard starts)."""
    if not path.is_file() or path.stat().st_size == 0:
        return otherwise
    try:
        store = Store(path, read_only=True)
    except StoreError:
        return otherwise
    try:
        return question(store)
    except sqlite3.Error:
        return otherwise
    finally:
        store.close()


def holds(path: Path, code: str) -> bool:
    """Whether the shard file at `path` has session `code`."""
    return _read(path, lambda store: store.session(code) is not None, False)


def shard_of(db: Path, code: str) -> int | None:
    """The number (from 1) of the shard that holds session `code`, if any does."""
    for number, path in enumerate(shard_paths(db, on_disk(db)), start=1):
        if holds(path, code):
            return number
    return None


def open_count(path: Path) -> int:
    """Open sessions in one shard file."""

    def count(store: Store) -> int:
        return sum(1 for code in store.session_codes() if not store.is_closed(code))

    return _read(path, count, 0)


def place(db: Path, count: int, linked: list[str]) -> int:
    """The shard (from 1) for a new session: the one holding a session it is linked to
    (the level above, the session it follows up), else the one with the fewest open
    sessions (the first of equals)."""
    for code in linked:
        number = shard_of(db, code)
        if number is not None and number <= count:
            return number
    loads = [open_count(path) for path in shard_paths(db, count)]
    return loads.index(min(loads)) + 1


@dataclass
class Shard:
    """What one serving process knows of the others: its own number, every shard's file
    and port. `elsewhere` answers for codes this one does not hold."""

    number: int
    paths: list[Path]
    ports: list[int]
    found: dict[str, int] = field(default_factory=dict)  # code -> shard: sessions never move

    def elsewhere(self, code: str) -> int | None:
        """The port of the other shard that holds `code`, if one does."""
        number = self.found.get(code)
        if number is None:
            for other, path in enumerate(self.paths, start=1):
                if other != self.number and holds(path, code):
                    number = self.found[code] = other
                    break
        return self.ports[number - 1] if number is not None else None
