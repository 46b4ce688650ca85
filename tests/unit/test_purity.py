"""The pure core imports no I/O, storage or terminal library, checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Every module the house calls pure (docs/architecture.md); import-linter checks the same
# arrows statically, this checks what really loads.
PURE = [
    "server.protocol",
    "server.events",
    "server.public_events",
    "server.model",
    "server.followup",
    "server.series",
    "server.views",
    "server.fold",
    "server.limits",
    "server.lens",
    "server.catalog",
    "server.catalog.minutes",
    "server.export",
    "server.room",
    "server.outbox",
    "server.snapshots",
    "server.tokens",
    "server.lobby",
    "kerne_tui.state",
    "server.coach",
    "server.support",
]
FORBIDDEN = [
    "websockets",
    "sqlite_utils",
    "sqlite3",
    "textual",
    "rich",
    "asyncio",
    "socket",
    "zeroconf",
    "platformdirs",
]


def imported_by(module: str) -> list[str]:
    """Every module in sys.modules after importing `module` into a fresh interpreter."""
    code = f"import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    modules: list[str] = json.loads(result.stdout)
    return modules


def is_forbidden(name: str) -> bool:
    """The library itself, its submodules (`rich.text`) and sqlite3's C half (`_sqlite3`).

    Other C halves are not counted: msgspec loads `_socket` for its own types, which opens
    nothing; what matters is that no pure module can reach the `socket` API."""
    return name == "_sqlite3" or any(name == lib or name.startswith(f"{lib}.") for lib in FORBIDDEN)


def test_the_check_sees_a_forbidden_import() -> None:
    """The check itself works: importing sqlite3 is seen."""
    assert any(is_forbidden(name) for name in imported_by("sqlite3"))


@pytest.mark.parametrize("module", PURE)
def test_pure_module_imports_no_io_library(module: str) -> None:
    """The module loads without an I/O, storage, network or terminal library."""
    modules = imported_by(module)
    assert module in modules
    assert [name for name in modules if is_forbidden(name)] == []
