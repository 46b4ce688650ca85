"""A kind of event added and not handled is a type error, not a silent gap.

The real rules, views and fold are copied unchanged next to an `events.py` and a
`public_events.py` that each gain one kind (a break in the workshop); `mypy --strict`
must then name every `match` that does not handle it. This is what keeps the next
`split_revealed` from being missed by the export's redaction.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COPIED = [
    "__init__.py",
    "protocol.py",
    "events.py",
    "public_events.py",
    "followup.py",
    "catalog",
    "support.py",
]
CHECKED = ["model.py", "views.py", "fold.py", "export"]  # export: the package, every module
CACHE = shutil.ignore_patterns("__pycache__")

NEW_FACT = """

class BreakTaken(Struct, frozen=True):
    KIND: ClassVar[str] = "break_taken"
    minutes: int


"""
NEW_VIEW = """

class BreakTakenView(Struct, frozen=True):
    KIND: ClassVar[str] = "break_taken"
    minutes: int


"""


def add_kind(path: Path, union: str, last: str, cls: str, definition: str) -> None:
    """Define `cls` before the union `union` and make it the union's last member."""
    text = path.read_text(encoding="utf-8")
    head = f"\n\n{union} = (\n"
    tail = f"    | {last}\n)\n"
    assert head in text and tail in text, f"{path.name} no longer has the expected union"
    text = text.replace(head, definition + head[2:], 1)
    path.write_text(text.replace(tail, f"    | {last}\n    | {cls}\n)\n", 1), encoding="utf-8")


def mypy_on_extended_copy(tmp_path: Path) -> str:
    """mypy --strict's report on the rules, views and fold with one kind more."""
    package = tmp_path / "server"
    package.mkdir()
    for name in [*COPIED, *CHECKED]:
        if (ROOT / "server" / name).is_dir():
            shutil.copytree(ROOT / "server" / name, package / name, ignore=CACHE)
        else:
            shutil.copy(ROOT / "server" / name, package / name)
    add_kind(package / "events.py", "EventData", "SessionClosed", "BreakTaken", NEW_FACT)
    add_kind(
        package / "public_events.py", "PublicData", "SessionClosedView", "BreakTakenView", NEW_VIEW
    )
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental"]
    command += ["--cache-dir", str(tmp_path / "cache"), "--config-file", ""]
    command += [f"server/{name}" for name in CHECKED]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    return result.stdout + result.stderr


def enclosing_function(root: Path, relative: str, line: int) -> str:
    """The dotted name of the top-level function around a line (`export.history._remember`):
    where mypy found the gap."""
    module = relative.removesuffix(".py").replace("/", ".")
    lines = (root / relative).read_text(encoding="utf-8").splitlines()[:line]
    for text in reversed(lines):
        found = re.match(r"def (\w+)", text)
        if found:
            return f"{module}.{found.group(1)}"
    return f"{module}:{line}"


def test_mypy_names_every_match_that_misses_a_new_kind(tmp_path: Path) -> None:
    """Each place that handles kinds fails type checking until it handles the new one."""
    report = mypy_on_extended_copy(tmp_path)
    gaps = re.findall(
        r'^server/([\w/]+\.py):(\d+): error: Argument 1 to "assert_never" has incompatible '
        r'type "(BreakTaken|BreakTakenView)"',
        report,
        flags=re.MULTILINE,
    )
    server = tmp_path / "server"
    where = {(enclosing_function(server, f, int(n)), kind) for f, n, kind in gaps}
    assert where == {
        ("model.item_id", "BreakTaken"),
        ("model.released", "BreakTaken"),
        ("model.apply", "BreakTaken"),
        ("views.public_data", "BreakTaken"),
        ("views._actor_always_shown", "BreakTaken"),
        ("export.history._remember", "BreakTaken"),
        ("export.json_data._redact", "BreakTakenView"),
        ("fold.fold", "BreakTakenView"),
    }, report
    assert len(gaps) == len(where), report
    assert "Found 8 errors in 5 files" in report, report
