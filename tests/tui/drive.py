"""Helpers to drive the real client app against the real server in tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from kerne_tui.app import KerneApp, make_app, options_from
from tests.realserver import Running


def client(
    server: Running,
    home: Path,
    name: str | None = None,
    profession: str | None = None,
    *,
    lang: str = "en",
    **options: Any,
) -> KerneApp:
    """The app exactly as `kerne-tui join` builds it, with its own config directory."""
    home.mkdir(parents=True, exist_ok=True)
    return make_app(
        options_from(
            server.code,
            server=server.url,
            name=name,
            profession=profession,
            lang=lang,
            config_dir=home,
            env={},
            **options,
        )
    )


async def until(pilot: Pilot[Any], condition: Callable[[], object], timeout: float = 10) -> None:
    """Let the app run until `condition()` holds (the real server answers in its time)."""
    steps = int(timeout / 0.02)
    for _ in range(steps):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"condition not met within {timeout} s")


def options(app: KerneApp, selector: str) -> list[str]:
    """The plain text of every option in a list, as the person sees it."""
    widget = app.screen.query_one(selector, OptionList)
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


def static(app: KerneApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def joined(app: KerneApp) -> bool:
    return app.view is not None and app.link == "online"


async def pick(pilot: Pilot[Any], app: KerneApp, key: str) -> None:
    """Choose the entry `key` in the open choice list as a person would (arrows, Enter),
    wherever the list puts it: menus grow, and a test should not count their lines."""
    from kerne_tui.screens.choice import Choice

    await until(pilot, lambda: isinstance(app.screen, Choice))
    screen = app.screen
    assert isinstance(screen, Choice)
    keys = [k for k, _ in screen.choices]
    assert key in keys, f"{key!r} is not offered: {keys}"
    await pilot.press("home", *["down"] * keys.index(key), "enter")


def a_line_ends(text: str, end: str) -> bool:
    """Whether one of an option's lines ends with `end` ("… 1 dot", not "… 1 dots"):
    a draft's option has its text, its version, its dots and hints on lines of their own."""
    return any(line.rstrip().endswith(end) for line in text.split("\n"))
