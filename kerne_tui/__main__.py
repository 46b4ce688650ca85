"""`kerne-tui`: join a session (the client is being built)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("kerne-tui: the terminal client is not built yet", file=sys.stderr)
    return 2
