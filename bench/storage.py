"""The event store's commit throughput, and the export of a long session.

Store: `server.store.Store.append` in a loop, in this process, on a fresh file, with
the durability mode the server uses (WAL, synchronous=NORMAL), one commit per event: what
a quiet server does (the hub commits a busy turn's events together, `Store.hold`; either
way an event is committed before anyone hears of it). Baseline: bare `sqlite3`, same
pragmas, same row, one commit per row; its 20-rows-per-commit figure shows what the
grouping gives a busy server.

Export: `python -m server export CODE --db DB --format F -o OUT` per format, timed from
the outside (what a facilitator waits for), on a prepared 10,000-event session.
Baseline: a bare script that reads the same log and writes it out as JSON.
"""

from __future__ import annotations

import contextlib
import importlib.util
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.proc import child_env
from bench.sessions import workshop
from server import model
from server import protocol as p
from server.events import StatementAdded, encode_data
from server.store import Store

EXPORT_FORMATS = ("md", "html", "json", "csv", "xlsx")
# The spreadsheet is measured, not judged: openpyxl builds every cell as an object, and no
# target was set for it (the others: one second for 10,000 events).
UNJUDGED_FORMATS = frozenset({"xlsx"})


def _fresh(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def _sample_event(i: int) -> tuple[model.Event, str]:
    data = StatementAdded(f"s{i}", f"Udsagn {i}: borgeren i centrum")
    event = model.Event("p2", data, "2026-11-29T08:00:00Z")
    wire = p.WireEvent(
        seq=i,
        at=event.at,
        kind=event.kind,
        actor=None,
        data={
            "statement": p.StatementView(
                f"s{i}", data.text, None, {"output": 0, "effect": 0}, None, None, False
            )
        },
    )
    return event, p.encode(wire)


def store_rate(work: Path, events: int, time_limit: float = 20.0) -> float:
    """Events per second through `Store.append` (one commit each)."""
    db = work / "store-bench.db"
    _fresh(db)
    store = Store(db)
    info = model.SessionInfo(code="BENCH000", title="store")
    store.create_session(info, "x", "2026-11-29T08:00:00Z")
    prepared = [_sample_event(i) for i in range(1, events + 1)]
    began = time.perf_counter()
    done = 0
    for seq, (event, public) in enumerate(prepared, start=1):
        store.append("BENCH000", seq, event, public, f"c{seq}", f"s{seq}")
        done = seq
        if time.perf_counter() - began > time_limit:
            break
    elapsed = time.perf_counter() - began
    store.close()
    _fresh(db)
    return done / elapsed


def sqlite_rate(work: Path, events: int, per_commit: int = 1, time_limit: float = 20.0) -> float:
    """Bare sqlite3, same pragmas and row shape: rows per second, `per_commit` a commit."""
    db = work / "sqlite-bench.db"
    _fresh(db)
    conn = sqlite3.connect(str(db), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(
        "CREATE TABLE events (session TEXT, seq INTEGER, at TEXT, kind TEXT, actor TEXT,"
        " data TEXT, public TEXT, command_id TEXT, item_id TEXT, PRIMARY KEY (session, seq))"
    )
    prepared = [_sample_event(i) for i in range(1, events + 1)]
    began = time.perf_counter()
    done = 0
    for start in range(0, events, per_commit):
        conn.execute("BEGIN IMMEDIATE")
        for seq in range(start + 1, min(events, start + per_commit) + 1):
            event, public = prepared[seq - 1]
            conn.execute(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    "BENCH000",
                    seq,
                    event.at,
                    event.kind,
                    event.actor,
                    encode_data(event.data),
                    public,
                    f"c{seq}",
                    f"s{seq}",
                ),
            )
            done = seq
        conn.execute("COMMIT")
        if time.perf_counter() - began > time_limit:
            break
    elapsed = time.perf_counter() - began
    conn.close()
    _fresh(db)
    return done / elapsed


# --- export ------------------------------------------------------------------------------


@dataclass
class PreparedLog:
    db: Path
    code: str
    events: int


def export_available() -> bool:
    return importlib.util.find_spec("server.export") is not None


def prepare_log(work: Path, events: int) -> PreparedLog:
    db = work / f"export-{events}.db"
    _fresh(db)
    code, _ = workshop(db, events)
    with contextlib.closing(sqlite3.connect(str(db))) as conn:
        count = int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    return PreparedLog(db, code, count)


def export_seconds(log: PreparedLog, fmt: str, out_dir: Path, timeout: float = 120.0) -> float:
    """Wall time of `python -m server export` for one format; raises if it fails."""
    out = out_dir / ("export.zip" if fmt == "csv" else f"export.{fmt}")
    argv = [sys.executable, "-m", "server", "export", log.code, "--db", str(log.db)]
    argv += ["--format", fmt, "-o", str(out)]
    began = time.monotonic()
    done = subprocess.run(argv, capture_output=True, timeout=timeout, check=False, env=child_env())
    elapsed = time.monotonic() - began
    if done.returncode != 0 or not out.exists():
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise RuntimeError(f"export {fmt} failed: {message[-1] if message else done.returncode}")
    return elapsed


def export_inprocess_seconds(log: PreparedLog, fmt: str) -> float:
    """`archive.load_log` + `export.render` in this process: the work without start-up."""
    from server import archive, export

    began = time.perf_counter()
    store = Store(log.db)
    try:
        loaded = archive.load_log(store, log.code)
    finally:
        store.close()
    assert loaded is not None
    if fmt == "csv":
        export.zip_bytes(export.csv_files(loaded))
    else:
        export.render(loaded, fmt)
    return time.perf_counter() - began


FLOOR = """
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute("SELECT public FROM events WHERE session = ? ORDER BY seq", (sys.argv[2],))
events = [json.loads(public) for (public,) in rows]
with open(sys.argv[3], "w", encoding="utf-8") as out:
    json.dump({"events": events}, out, ensure_ascii=False)
"""


def floor_seconds(log: PreparedLog, out_dir: Path, timeout: float = 120.0) -> float:
    """The baseline: a bare Python process that reads the log and writes it as JSON."""
    out = out_dir / "floor.json"
    argv = [sys.executable, "-c", FLOOR, str(log.db), log.code, str(out)]
    began = time.monotonic()
    subprocess.run(argv, capture_output=True, timeout=timeout, check=True, env=child_env())
    return time.monotonic() - began
