"""The screens and widgets talk to the app by messages only: they load without it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENS_AND_WIDGETS = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts)
    for folder in ("screens", "widgets")
    for path in (ROOT / "kerne_tui" / folder).rglob("*.py")
    if path.name != "__init__.py"
)


def imported_by(modules: list[str]) -> list[str]:
    """Every module in sys.modules after importing `modules` into a fresh interpreter."""
    code = f"import json, sys, {', '.join(modules)}; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded: list[str] = json.loads(result.stdout)
    return loaded


def test_the_check_sees_the_app() -> None:
    """The check itself works: the command line's module does load the app."""
    assert "kerne_tui.app" in imported_by(["kerne_tui.__main__"])


def test_screens_and_widgets_load_without_the_app() -> None:
    """No screen or widget imports the app, so no import cycle runs through it."""
    assert "kerne_tui.screens.session" in SCREENS_AND_WIDGETS
    loaded = imported_by(SCREENS_AND_WIDGETS)
    assert set(SCREENS_AND_WIDGETS) <= set(loaded)
    assert "kerne_tui.app" not in loaded
