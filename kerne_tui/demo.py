"""`kerne-tui demo`: a local server, nine simulated colleagues from a nursing home, and
you as the facilitator. The colleagues write statements and drafts, tag, vote when you
open a round, and disagree the way nurses and care assistants often do.

The colleagues are plain protocol clients (the same wire contract any script can use);
the server is the real `kerne-server` in a child process with a temporary database.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from kerne_tui.app import make_app, options_from

TITLE = "Plejecenter Solbakken: hvad er vores kerneopgave?"
PARENT = "Ældre borgere lever et trygt, værdigt og så selvstændigt liv som muligt"
PROFESSIONS = "Sygeplejerske,Social- og sundhedsassistent,Ergoterapeut,Køkkenassistent,Leder"


# How a statement is usually read: output, effect, or "split" (professions disagree).
READING = {
    "Beboeren kan selv tage sin medicin efter tre uger": "effect",
    "Antal medicingennemgange pr. måned": "output",
    "Færre indlæggelser på sygehuset": "effect",
    "Antal bade pr. uge": "output",
    "Beboeren spiser sammen med de andre igen": "split",
    "Minutter til rengøring pr. uge": "output",
    "Pårørende føler sig velkomne": "split",
    "Beboeren går selv i haven": "split",
}


@dataclass
class Colleague:
    name: str
    profession: str
    # How this colleague leans on a split statement: the chance of calling it "effect".
    effect_bias: float
    statements: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)

    def tag(self, text: str, rng: random.Random) -> str:
        reading = READING.get(text, "split")
        if reading == "split":
            return "effect" if rng.random() < self.effect_bias else "output"
        other = "output" if reading == "effect" else "effect"
        return reading if rng.random() < 0.85 else other

    def likes(self, draft_text: str) -> float:
        """Care assistants favour care words, the others value and everyday life."""
        caring = "pleje" in draft_text or "omsorg" in draft_text
        return (3.0 if caring else 1.0) if self.effect_bias < 0.5 else (1.0 if caring else 3.0)


COLLEAGUES = [
    Colleague(
        "Anne",
        "Sygeplejerske",
        0.8,
        ["Beboeren kan selv tage sin medicin efter tre uger"],
        ["Vi skaber tryghed og livskvalitet, så beboeren kan leve sit eget liv"],
    ),
    Colleague("Birgitte", "Sygeplejerske", 0.75, ["Antal medicingennemgange pr. måned"]),
    Colleague("Carsten", "Sygeplejerske", 0.7, ["Færre indlæggelser på sygehuset"]),
    Colleague(
        "Dorthe",
        "Social- og sundhedsassistent",
        0.3,
        ["Antal bade pr. uge", "Beboeren spiser sammen med de andre igen"],
        ["Vi giver god og tryg pleje og omsorg hver dag"],
    ),
    Colleague("Emil", "Social- og sundhedsassistent", 0.25, ["Minutter til rengøring pr. uge"]),
    Colleague("Fatima", "Social- og sundhedsassistent", 0.35, ["Pårørende føler sig velkomne"]),
    Colleague(
        "Gitte",
        "Ergoterapeut",
        0.9,
        ["Beboeren går selv i haven"],
        ["Sammen med beboer og pårørende styrker vi hverdagens mestring og livsglæde"],
    ),
    # Three therapists, so that every profession here may be shown on its own (k = 3)
    # and the facilitator's lens has professions to compare.
    Colleague("Hanne", "Ergoterapeut", 0.85),
    Colleague("Ib", "Ergoterapeut", 0.9),
]


class Bot:
    """One simulated colleague: a websocket, its own view of drafts and rounds."""

    def __init__(self, url: str, code: str, who: Colleague, rng: random.Random) -> None:
        self.url, self.code, self.who, self.rng = url, code, who, rng
        self.counter = 0
        self.drafts: dict[str, str] = {}
        self.statements: dict[str, str] = {}
        self.round: dict[str, Any] | None = None
        self.voted_round: str | None = None
        self.ws: ClientConnection | None = None

    async def send(self, kind: str, **fields: Any) -> None:
        self.counter += 1
        if self.ws is not None:
            message = {"type": kind, "id": f"{self.who.name}-{self.counter}", **fields}
            await self.ws.send(json.dumps(message))

    async def run(self, stop: asyncio.Event) -> None:
        async with connect(self.url) as ws:
            self.ws = ws
            hello = {
                "type": "hello",
                "id": "hello",
                "protocol": 1,
                "code": self.code,
                "name": self.who.name,
                "profession": self.who.profession,
            }
            await ws.send(json.dumps(hello))
            listener = asyncio.create_task(self.listen(ws))
            try:
                await self.act(stop)
            finally:
                listener.cancel()

    async def listen(self, ws: ClientConnection) -> None:
        with contextlib.suppress(ConnectionClosed):
            async for frame in ws:
                message = json.loads(frame)
                events = (
                    message.get("events", [message]) if message["type"] == "events" else [message]
                )
                for event in events:
                    if event.get("type") == "welcome" and event.get("state"):
                        state = event["state"]
                        self.drafts = {d["id"]: d["text"] for d in state["drafts"]}
                        self.statements = {s["id"]: s["text"] for s in state["statements"]}
                    if event.get("type") != "event":
                        continue
                    data = event["data"]
                    if event["kind"] in ("draft_proposed", "draft_revised"):
                        self.drafts[data["draft"]["id"]] = data["draft"]["text"] or ""
                    elif event["kind"] == "statement_added":
                        statement = data["statement"]
                        self.statements[statement["id"]] = statement["text"] or ""
                    elif event["kind"] in ("round_opened", "round_closed"):
                        self.round = data["round"] if data["round"]["open"] else None

    async def vote(self, dots: int) -> None:
        """Spend one to all dots, the favourite drafts most likely first."""
        pool = dict(self.drafts)
        for _ in range(self.rng.randint(1, min(dots, len(pool)))):
            ids = list(pool)
            draft = self.rng.choices(ids, [self.who.likes(pool[d]) for d in ids])[0]
            del pool[draft]
            await self.send("cast_vote", draft_id=draft)

    async def act(self, stop: asyncio.Event) -> None:
        who, rng = self.who, self.rng
        plan: list[tuple[str, dict[str, Any]]] = []
        plan += [("add_statement", {"text": text}) for text in who.statements]
        plan += [("propose_draft", {"text": text}) for text in who.drafts]
        rng.shuffle(plan)
        await asyncio.sleep(rng.uniform(0.5, 3.0))
        tagged: set[str] = set()
        while not stop.is_set():
            if plan:
                kind, fields = plan.pop()
                await self.send(kind, **fields)
            for statement, text in list(self.statements.items()):
                if statement not in tagged and rng.random() < 0.5:
                    tag = who.tag(text, rng)
                    await self.send("tag_statement", statement_id=statement, tag=tag)
                    tagged.add(statement)
                    break
            current = self.round
            if current is not None and self.voted_round != current["id"] and self.drafts:
                await asyncio.sleep(rng.uniform(0.5, 4.0))
                await self.vote(current["dots"])
                self.voted_round = current["id"]
            if who.name == "Dorthe" and len(self.statements) >= 4 and "conflict" not in tagged:
                tagged.add("conflict")
                await self.send(
                    "record_conflict",
                    title="Rehabilitering eller hjælp",
                    description="Skal vi kræve, at en beboer selv klæder sig på, når hun "
                    "hellere vil have hjælp?",
                    professions=["Ergoterapeut", "Social- og sundhedsassistent"],
                    refs=[{"kind": "statement", "id": next(iter(self.statements))}],
                )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), rng.uniform(2.0, 5.0))


def start_server(db: Path, ready: Path) -> tuple[subprocess.Popen[bytes], dict[str, Any]]:
    """The real kerne-server as a child process, in an empty folder of its own.

    `python -m server` puts its current folder first on the import path, so started from
    where the user stands it would run any `server.py` (or `server/`) lying there. Its own
    empty folder, made here beside the demo's database, holds nothing to import, and
    `server` is then found where it is installed. (`-c` would put the current folder
    first as well; `-P` would leave it out, but a relative entry of PYTHONPATH would still
    be looked up in the user's folder, and in an empty one finds nothing.)
    """
    folder = tempfile.mkdtemp(prefix="server-cwd-", dir=db.parent)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "server",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--db",
            str(db.resolve()),
            "--ready-file",
            str(ready.resolve()),
            "--title",
            TITLE,
            "--parent-task",
            PARENT,
            "--level",
            "institution",
            "--professions",
            PROFESSIONS,
            "--sector",
            "care",  # a nursing home: its examples of ydelse and effekt
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=folder,
    )
    for _ in range(200):
        if ready.exists() and ready.read_text():
            return process, dict(json.loads(ready.read_text()))
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    raise SystemExit("kerne-tui demo: the local server did not start")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Ask the server to stop; a peer that never answers its close must not keep it."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run_demo(lang: str | None) -> int:
    with tempfile.TemporaryDirectory(prefix="kerne-demo-") as tmp:
        process, info = start_server(Path(tmp) / "demo.db", Path(tmp) / "ready.json")
        loop = asyncio.new_event_loop()
        stop = asyncio.Event()

        async def colleagues() -> None:
            rng = random.Random(7)
            bots = [Bot(info["url"], info["code"], who, rng) for who in COLLEAGUES]
            await asyncio.gather(*(bot.run(stop) for bot in bots), return_exceptions=True)

        thread = threading.Thread(target=loop.run_until_complete, args=(colleagues(),))
        thread.start()
        try:
            options = options_from(
                info["code"],
                server=info["url"],
                name="Mødeleder" if lang != "en" else "Facilitator",
                profession="Leder",
                facilitator_key=info["facilitator_key"],
                votes=False,
                lang=lang,
                config_dir=Path(tmp),
            )
            app = make_app(options)
            app.run()
        finally:
            loop.call_soon_threadsafe(stop.set)
            thread.join(timeout=10)
            stop_server(process)
    return 0
