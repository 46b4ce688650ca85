"""What each shard of `serve --shards N` is asked to do at start, decided before any
process starts: where the new session goes (if one is made), which shard shows the one
`--session` names, each shard's own options, and the one ready file for all of them.

The decisions are the ones `serve` makes alone (server/serving.py `_to_serve`), taken
for the whole database: a session is made when asked for (or when no shard has an open
one), never with `--session`; `--admit` switches on the lobby of the sessions a single
server would have switched on, and no other.
"""

from __future__ import annotations

import argparse
import copy
import os
from dataclasses import dataclass
from pathlib import Path

from server import protocol as p
from server.cli_common import (
    SESSION_OPTIONS,
    CliError,
    asks_new_session,
    linked_codes,
    refuse_lost_options,
)
from server.shards import open_count, place, shard_of, shard_paths


@dataclass(frozen=True)
class Plan:
    """`makes`: a new session is made, in shard `target`; `shows`: the shard holding the
    session `--session` names (None without it)."""

    makes: bool
    target: int
    shows: int | None

    def lists(self, number: int) -> bool:
        """Whether shard `number` prints its sessions' join lines: all do, but where
        `--session` names one, only the shard holding it (a single server prints that
        one alone)."""
        return self.shows is None or self.shows == number


def plan(args: argparse.Namespace, db: Path, count: int) -> Plan:
    """The start's decisions, or the one-line refusal a single server would give."""
    shows: int | None = None
    if args.session:
        code = p.normalize_code(args.session)
        shows = shard_of(db, code) if code is not None else None
        if shows is None:
            raise CliError(f"no session {args.session!r} in {db}")
        return Plan(False, 1, shows)
    for code in linked_codes(args):
        if shard_of(db, code) is None:
            raise CliError(f"no session {code!r} in {db}")
    open_sessions = sum(open_count(path) for path in shard_paths(db, count))
    makes = asks_new_session(args) or open_sessions == 0
    if not makes:
        refuse_lost_options(args)
    return Plan(makes, place(db, count, linked_codes(args)), None)


def child_args(args: argparse.Namespace, planned: Plan, number: int) -> argparse.Namespace:
    """Shard `number`'s own options: the new session's settings only where it is made;
    `--admit` only for the sessions a single server would switch (the new one, the one
    `--session` names, else every open one); no ready file (one is written for all)."""
    mine = copy.copy(args)
    mine.ready_file = None
    mine.shards = 1
    makes = planned.makes and planned.target == number
    if planned.shows != number:
        mine.session = None
    if not makes:
        for name in (*SESSION_OPTIONS, "title", "from_code", "parent_session"):
            setattr(mine, name, None)
    if (planned.makes and not makes) or not planned.lists(number):
        mine.admit = False
    return mine


def ready_file(ready: list[dict[str, object]], planned: Plan) -> dict[str, object]:
    """One file for all the shards, like a single server's: the session made, or the one
    `--session` names, else the last shown; and every shard's address, the sessions it
    serves and its pid (the benchmarks read the processes' CPU)."""
    if planned.makes:
        main = ready[planned.target - 1]
    elif planned.shows is not None:
        main = ready[planned.shows - 1]
    else:
        main = next((shard for shard in reversed(ready) if shard["sessions"]), ready[0])
    shown: list[object] = []
    for shard in ready:
        listed = shard["sessions"]
        assert isinstance(listed, list)
        shown += listed
    said = {key: value for key, value in main.items() if key != "served"}
    return {
        **said,
        "pid": os.getpid(),
        "sessions": shown,
        "shards": [
            {"url": shard["url"], "sessions": shard["served"], "pid": shard["pid"]}
            for shard in ready
        ],
    }
