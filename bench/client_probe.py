"""Run in a fresh process by `bench.client`: the kerne client, or a bare Textual app.

`python -m bench.client_probe MODE --t0 T [--url URL --code CODE --config-dir DIR]`
prints one JSON line. Modes:

* `kerne`: `make_app` with --name/--profession against a running server, headless;
  the stamp is taken after the first screen refresh once the session screen shows the
  welcome's data. `first_frame_s` counts from `--t0`, the parent's `time.monotonic()`
  just before it started this process (one clock for all processes on Linux), so it
  includes interpreter start-up and every import.
* `bare`: a Textual app with one Static, the same way: the library's own floor.
* `drafts`: the kerne client on a session with many drafts and an open round, under
  Pilot (`run_test`): per event, from the moment the frame of another participant's vote
  reaches the client's socket until the screen has refreshed with it (the figure a room
  feels); ms per `DraftList.redraw()` (the whole list rebuilt), and per key (end, home,
  pagedown) until the highlight has moved and the screen has refreshed.
* `drafts-bare`: a plain OptionList with as many options of the same text: one option's
  prompt replaced, the whole list set again, and the same keys.

To stamp the arrival without touching the client, this process wraps websockets'
`Connection.data_received` (the bytes as the socket hands them over) for the client's
own connection only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def _after_refresh(widget: Any) -> float:
    loop = asyncio.get_running_loop()
    done: asyncio.Future[float] = loop.create_future()

    def stamp() -> None:
        if not done.done():
            done.set_result(time.monotonic())

    widget.call_after_refresh(stamp)
    return await asyncio.wait_for(done, 30)


async def _until(condition: Any, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.002)


async def cold_kerne(args: argparse.Namespace) -> dict[str, Any]:
    from kerne_tui.app import make_app, options_from
    from kerne_tui.screens.session import SessionScreen

    imported = time.monotonic()
    app = make_app(
        options_from(
            args.code,
            server=args.url,
            name="Probe",
            profession="Sygeplejerske",
            config_dir=Path(args.config_dir),
            env={},
        )
    )
    task = asyncio.create_task(app.run_async(headless=True, size=(120, 40)))
    await _until(lambda: app.view is not None and isinstance(app.screen, SessionScreen))
    frame = await _after_refresh(app.screen)
    rss = _rss_kb()
    app.exit()
    await asyncio.wait_for(task, 30)
    return {"first_frame_s": frame - args.t0, "import_s": imported - args.t0, "rss_kb": rss}


async def cold_bare(args: argparse.Namespace) -> dict[str, Any]:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    imported = time.monotonic()

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("kerne")

    app = Bare()
    task = asyncio.create_task(app.run_async(headless=True, size=(120, 40)))
    await _until(lambda: app.is_running and bool(app.screen.children))
    frame = await _after_refresh(app.screen)
    rss = _rss_kb()
    app.exit()
    await asyncio.wait_for(task, 30)
    return {"first_frame_s": frame - args.t0, "import_s": imported - args.t0, "rss_kb": rss}


async def _keys(app: Any, widget: Any, presses: list[str]) -> list[float]:
    """Per key: from posting it (as the terminal driver does) until the highlight has
    moved and the screen has refreshed. Pilot's own `press` also waits for the process
    to look idle, which would hide the widget's cost behind a fixed delay."""
    from textual import events

    timings = []
    for key in presses:
        before = widget.highlighted
        began = time.monotonic()
        app.post_message(events.Key(key, None))
        deadline = began + 10
        while widget.highlighted == before and time.monotonic() < deadline:
            await asyncio.sleep(0)
        timings.append(await _after_refresh(app.screen) - began)
    return timings


@contextlib.contextmanager
def arrivals_of(connection: Any) -> Iterator[list[tuple[float, bytes]]]:
    """(stamp, bytes) of every chunk the socket hands to `connection`, while inside."""
    from websockets.asyncio.connection import Connection

    seen: list[tuple[float, bytes]] = []
    original = Connection.data_received

    def data_received(self: Connection, data: bytes) -> None:
        if self is connection:
            seen.append((time.monotonic(), bytes(data)))
        original(self, data)

    Connection.data_received = data_received  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        Connection.data_received = original  # type: ignore[method-assign]


async def _answer(ws: Any, command_id: str) -> dict[str, Any]:
    """Read until the answer (welcome, ack or error) to `command_id`."""
    async with asyncio.timeout(30):
        while True:
            message: dict[str, Any] = json.loads(await ws.recv())
            if message.get("id") == command_id and message.get("type") in (
                "welcome",
                "ack",
                "error",
            ):
                if message["type"] == "error":
                    raise RuntimeError(f"refused: {message}")
                return message


async def _vote_events(app: Any, pilot: Any, args: argparse.Namespace, dots: int) -> list[float]:
    """Per event: another participant votes; from the moment the vote's frame reaches the
    client's socket until the screen has refreshed after folding it."""
    from websockets.asyncio.client import connect

    screen = app.screen
    ids = [d.id for d in app.view.snapshot.drafts if not d.removed and not d.withdrawn]
    rng = random.Random(5)
    voters = []
    timings: list[float] = []
    try:
        for k in range(-(-args.repeat // dots)):
            ws = await connect(args.url, max_size=None)
            voters.append(ws)
            hello = {
                "type": "hello",
                "id": "h",
                "protocol": 1,
                "code": args.code,
                "name": f"Stemmer {k + 1}",
                "profession": "Ergoterapeut",
            }
            await ws.send(json.dumps(hello))
            welcome = await _answer(ws, "h")
            await _until(lambda seq=welcome["seq"]: app.view.seq >= seq)
        await pilot.pause()
        choices = [rng.sample(ids, dots) for _ in voters]
        with arrivals_of(app.connection.ws) as arrivals:
            for i in range(args.repeat):
                voter, draft = voters[i // dots], choices[i // dots][i % dots]
                expected = app.view.seq + 1
                arrivals.clear()
                await voter.send(
                    json.dumps({"type": "cast_vote", "id": f"v{i}", "draft_id": draft})
                )
                deadline = time.monotonic() + 10
                while app.view.seq < expected and time.monotonic() < deadline:
                    await asyncio.sleep(0)
                refreshed = await _after_refresh(screen)
                ack = await _answer(voter, f"v{i}")
                marker = f'"seq":{ack["seq"]}'.encode()
                came = next((t for t, data in arrivals if marker in data), None)
                if ack["seq"] == expected and came is not None:
                    timings.append(refreshed - came)
                await pilot.pause()
    finally:
        for ws in voters:
            await ws.close()
    return timings


async def drafts_kerne(args: argparse.Namespace) -> dict[str, Any]:
    from kerne_tui.app import make_app, options_from
    from kerne_tui.screens.session import SessionScreen
    from kerne_tui.widgets.core.draft_list import DraftList

    app = make_app(
        options_from(
            args.code,
            server=args.url,
            name="Probe",
            profession="Sygeplejerske",
            config_dir=Path(args.config_dir),
            env={},
        )
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(lambda: app.view is not None and isinstance(app.screen, SessionScreen))
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await _after_refresh(screen)
        view = app.view
        assert view is not None
        drafts = screen.query_one(DraftList)
        current = view.open_round
        events = await _vote_events(app, pilot, args, current.dots if current else 1)
        view = app.view
        assert view is not None
        show = []
        for _ in range(args.repeat):
            began = time.monotonic()
            drafts.redraw(drafts.items(view))
            show.append(await _after_refresh(screen) - began)
        drafts.focus()
        await pilot.pause()
        keys = await _keys(app, drafts, ["end", "home", *["pagedown"] * args.repeat])
        return {
            "drafts": len(view.snapshot.drafts),
            "event_s": events,
            "show_s": show,
            "key_s": keys,
        }


async def drafts_bare(args: argparse.Namespace) -> dict[str, Any]:
    from rich.text import Text
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList
    from textual.widgets.option_list import Option

    text = "Udkast {}: beboeren mestrer sin egen hverdag så længe som muligt\n    version {}"

    def options() -> list[Option]:
        return [Option(Text(text.format(i, 1)), id=f"d{i}") for i in range(args.count)]

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(id="list")

    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        widget = app.query_one(OptionList)
        widget.set_options(options())
        widget.focus()
        await _after_refresh(app.screen)
        event = []
        for i in range(args.repeat):
            began = time.monotonic()
            which = (i * 37) % args.count
            widget.replace_option_prompt(f"d{which}", Text(text.format(which, i + 2)))
            event.append(await _after_refresh(app.screen) - began)
            await pilot.pause()
        show = []
        for _ in range(args.repeat):
            began = time.monotonic()
            widget.set_options(options())
            widget.highlighted = 0
            show.append(await _after_refresh(app.screen) - began)
        await pilot.pause()
        keys = await _keys(app, widget, ["end", "home", *["pagedown"] * args.repeat])
        return {
            "drafts": args.count,
            "event_s": event,
            "show_s": show,
            "key_s": keys,
        }


MODES = {"kerne": cold_kerne, "bare": cold_bare, "drafts": drafts_kerne, "drafts-bare": drafts_bare}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.client_probe")
    parser.add_argument("mode", choices=sorted(MODES))
    parser.add_argument("--t0", type=float, default=0.0)
    parser.add_argument("--url", default="")
    parser.add_argument("--code", default="")
    parser.add_argument("--config-dir", default=".")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    if args.url and not args.url.startswith("ws://127.0.0.1:"):
        sys.exit("the probe only talks to 127.0.0.1")
    result = asyncio.run(MODES[args.mode](args))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
