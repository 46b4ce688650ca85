"""The whole benchmark run: the order of the pieces, each measurement, and the rows of
the store, the export and the client (the server's rows are `bench.figures`).

kerne and the two relays take turns (the order rotates every run) so that the machine's
noise falls on all of them alike; every figure is the median of its runs, but the p99
to the last receiver, which is taken over all the runs' commands (`bench.figures`).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench import capacity as cap
from bench import network as net
from bench import storage
from bench.config import (
    BATCHING,
    CAPACITY_PARTS,
    FULL,
    KERNE,
    NETWORK_PARTS,
    QUICK,
    REDRAW_TARGET_MS,
    SERVERS,
    Config,
)
from bench.figures import Figures, median_of
from bench.load import LoadPool
from bench.proc import (
    Served,
    child_env,
    open_files_limit,
    start_kerne,
    start_kerne_session,
    start_relay,
)
from bench.report import Row
from bench.sessions import empty_sessions, many_drafts, workshop
from bench.stats import median
from server.shards import on_disk, shard_paths

__all__ = ["CAPACITY_PARTS", "FULL", "NETWORK_PARTS", "QUICK", "Config", "Suite"]


def _unlink_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


@dataclass
class Suite:
    config: Config
    out: Path
    parts: set[str] = field(default_factory=lambda: set(NETWORK_PARTS | CAPACITY_PARTS))
    log: Callable[[str], None] = print
    raw: dict[str, Any] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    pool: LoadPool | None = None
    failures: list[str] = field(default_factory=list)
    began: float = field(default_factory=time.monotonic)

    # --- plumbing ----------------------------------------------------------------------

    @property
    def work(self) -> Path:
        path = self.out / "work"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def load(self) -> LoadPool:
        if self.pool is None:
            self.pool = LoadPool(self.config.workers)
        return self.pool

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None

    def say(self, text: str) -> None:
        self.log(f"[{time.monotonic() - self.began:6.1f} s] {text}")
        sys.stdout.flush()

    def start(self, label: str) -> Served:
        if label == KERNE:
            return start_kerne(self.work)
        if label == BATCHING:
            return start_relay(self.work, "batching", batch=self.config.batch_interval)
        return start_relay(self.work)

    def start_rooms(self, label: str, sessions: int, name: str) -> tuple[Served, list[str]]:
        """A server for many rooms: kerne on a database with `sessions` open sessions
        (their codes returned), a relay as it is (its rooms are paths)."""
        if label != KERNE:
            return self.start(label), []
        db = self.work / f"{name}.db"
        shards = self.config.shards
        for path in shard_paths(db, max(shards, on_disk(db))):
            _unlink_db(path)
        codes = empty_sessions(db, sessions, shards)
        return start_kerne_session(self.work, db, codes[0], name=name, shards=shards), codes

    def order(self, run: int) -> list[str]:
        """The servers in the order of this run: rotated, so none is always first."""
        shift = run % len(SERVERS)
        return [*SERVERS[shift:], *SERVERS[:shift]]

    @property
    def figures(self) -> Figures:
        """The raw runs so far, as the server benchmarks' rows and plot read them."""
        return Figures(self.config, self.raw, self.parts)

    def record(self, section: str, label: str, data: dict[str, Any]) -> None:
        self.figures.record(section, label, data)

    def runs_of(self, section: str, label: str) -> list[dict[str, Any]]:
        return self.figures.runs_of(section, label)

    def largest_held(self, label: str) -> float | None:
        return self.figures.largest_held(label)

    def capacity_table(self) -> str:
        return self.figures.capacity_table()

    def plot(self) -> str:
        return self.figures.plot()

    def guarded(self, what: str, step: Callable[..., None], *args: Any) -> None:
        """One broken measurement must not cost the others."""
        try:
            step(*args)
        except Exception as exc:
            self.say(f"{what} failed: {type(exc).__name__}: {exc}")
            self.failures.append(f"{what}: {type(exc).__name__}: {exc}")
            self.close()  # a pool in an unknown state is not reused

    # --- the network --------------------------------------------------------------------

    def network(self) -> None:
        """Fan-out at each size, the stalled client, the large room and the vote burst."""
        cfg = self.config
        parts = self.parts
        small = [
            n for n in cfg.small_ns if "fanout" in parts or (n == cfg.stall_n and "stall" in parts)
        ]
        for run in range(cfg.small_runs):
            for label in self.order(run):
                for n in small:
                    self.guarded(f"fan-out N={n} {label}", self.small_room, label, n)
        if parts & {"fanout", "vote", "memory"}:
            for label in self.order(1):
                self.guarded(f"large room {label}", self.large_room, label)

    def small_room(self, label: str, n: int) -> None:
        pool = self.load()
        cfg = self.config
        with self.start(label) as served:
            net.join(pool, served, n)
            net.settle(served, 0.5)
            if "fanout" in self.parts:
                result = net.fanout(pool, served, n, cfg.rate, cfg.duration, cfg.drain)
                self.record(f"fanout-{n}", label, result.as_dict())
                self.say(f"fan-out N={n} {label}: {_brief(result)}")
            if n == cfg.stall_n and "stall" in self.parts:
                net.join_stalled(pool, served, n)
                net.settle(served, 0.5)
                result = net.fanout(
                    pool,
                    served,
                    n,
                    cfg.rate,
                    cfg.duration,
                    cfg.drain,
                    first_key=100_000,
                    scenario="stall",
                )
                self.record("stall", label, result.as_dict())
                self.say(f"stalled client, N={n} {label}: {_brief(result)}")
            served.kill()
        pool.close_clients()

    def large_room(self, label: str) -> None:
        """One server, `big_n` joined clients: idle memory, fan-out windows, vote burst."""
        pool = self.load()
        cfg = self.config
        n = cfg.big_n
        with self.start(label) as served:
            memory = net.join_room(pool, served, n)
            self.record("memory", label, memory.as_dict())
            self.say(
                f"{n} idle connections {label}: {memory.kb_per_connection:.1f} KB each, "
                f"joined in {memory.join_s:.1f} s ({memory.join_cpu_s:.1f} s server CPU)"
            )
            for window in range(cfg.big_windows if "fanout" in self.parts else 0):
                result = net.fanout(
                    pool,
                    served,
                    n,
                    cfg.rate,
                    cfg.duration,
                    cfg.drain,
                    first_key=200_000 + window * 10_000,
                )
                self.record(f"fanout-{n}", label, result.as_dict())
                self.say(f"fan-out N={n} {label} (window {window + 1}): {_brief(result)}")
                net.settle(served, 1.0)
            voters = min(cfg.voters, n)
            if "vote" in self.parts:
                result = net.vote_burst(
                    pool,
                    served,
                    voters,
                    cfg.dots,
                    cfg.vote_window,
                    cfg.vote_drain,
                    seed=1,
                    first_key=1_000_000,
                )
                self.record("vote", label, result.as_dict())
                self.say(f"vote burst {voters}x{cfg.dots} dots {label}: {_brief(result)}")
            served.kill()
        pool.close_clients()

    # --- joins ----------------------------------------------------------------------------

    def joins(self) -> None:
        """`big_n` participants join one session on a fresh server, `runs` times; the
        relays' figure is as many bare opening handshakes."""
        cfg = self.config
        for run in range(cfg.runs):
            for label in self.order(run):
                self.guarded(f"joins {label}", self.one_join, label)

    def one_join(self, label: str) -> None:
        pool = self.load()
        with self.start(label) as served:
            memory = net.join_room(pool, served, self.config.big_n)
            self.record("joins", label, memory.as_dict())
            self.say(
                f"{memory.connections} joins {label}: {memory.join_s:.2f} s "
                f"({memory.join_cpu_s:.2f} s server CPU)"
            )
            served.kill()
        pool.close_clients()

    # --- capacity ---------------------------------------------------------------------------

    def capacity(self) -> None:
        """The fixed scenarios (many sessions at once), then the ramp."""
        cfg = self.config
        if "scenarios" in self.parts:
            for number, scenario in enumerate(cfg.capacity):
                for label in self.order(number):
                    self.guarded(f"{scenario.name} {label}", self.scenario, label, scenario, number)
        if "ramp" in self.parts:
            for label in self.order(0):
                self.guarded(f"ramp {label}", self.ramp, label)

    def scenario(self, label: str, scenario: cap.Scenario, number: int) -> None:
        pool = self.load()
        cfg = self.config
        served, codes = self.start_rooms(label, scenario.sessions, "capacity")
        with served:
            joined = time.monotonic()
            net.join(
                pool, served, scenario.participants, layout=scenario.layout, codes=codes or None
            )
            joined = time.monotonic() - joined
            net.settle(served, 1.0)
            idle = served.rss()
            schedule = cap.schedule(
                scenario.layout,
                scenario.rate,
                scenario.duration,
                seed=number,
                first_key=(number + 1) * 10_000_000,
            )
            result = net.measure(
                pool, served, "capacity", schedule, scenario.layout, cfg.capacity_drain
            )
            data = {**result.as_dict(), "rss_idle_mb": idle / 1024, "join_s": joined}
            self.raw.setdefault("capacity", {}).setdefault(scenario.name, {}).setdefault(
                label, []
            ).append(data)
            self.say(f"{scenario.name} {label}: {_brief(result)}, {_load(result)}")
            served.kill()
        pool.close_clients()

    def ramp_steps(self) -> list[int]:
        """The ramp's steps under the cap: every connection is a file descriptor in the
        server (and one in a load worker), so the open-files limit bounds the ramp."""
        return cap.steps_within(self.config.ramp_steps, open_files_limit() - 500)

    def ramp(self, label: str) -> None:
        """Raise the participants on one server until p99 passes 100 ms (or the cap)."""
        pool = self.load()
        cfg = self.config
        steps = self.ramp_steps()
        self.raw["ramp_steps"] = steps
        if not steps:
            return
        layout = net.Layout(max(steps), cfg.ramp_size)
        served, codes = self.start_rooms(label, layout.rooms, "ramp")
        began = time.monotonic()
        with served:
            joined = 0
            for number, step in enumerate(steps):
                if time.monotonic() - began > cfg.ramp_budget:
                    self.say(f"ramp {label}: out of time before {step:,} participants")
                    break
                net.join(pool, served, step, joined, layout=layout, codes=codes or None)
                joined = step
                net.settle(served, 0.5, limit=10)
                now = net.Layout(step, cfg.ramp_size)
                schedule = cap.schedule(
                    now, 1.0, cfg.ramp_duration, seed=100 + number, first_key=(number + 1) * 10**8
                )
                result = net.measure(pool, served, "ramp", schedule, now, cfg.ramp_drain)
                held = cap.held(result)
                self.record("ramp", label, {"step": step, "held": held, **result.as_dict()})
                verdict = "held" if held else "did not hold"
                self.say(f"ramp {label} {step:,}: {verdict}; {_brief(result)}, {_load(result)}")
                if not held:
                    break
            served.kill()
        pool.close_clients()

    # --- storage, export --------------------------------------------------------------

    def store(self) -> None:
        cfg = self.config
        for run in range(cfg.runs):
            kerne = storage.store_rate(self.work, cfg.store_events)
            bare = storage.sqlite_rate(self.work, cfg.store_events)
            grouped = storage.sqlite_rate(self.work, cfg.store_events, per_commit=20)
            self.record("store", "kerne", {"rate": kerne})
            self.record("store", "sqlite", {"rate": bare})
            self.record("store", "sqlite-20", {"rate": grouped})
            self.say(
                f"event store run {run + 1}: Store.append {kerne:,.0f}/s, bare sqlite "
                f"{bare:,.0f}/s, 20 per commit {grouped:,.0f}/s"
            )
        grouped_rate = median_of(self.runs_of("store", "sqlite-20"), "rate")
        self._pair(
            "store.rate",
            "event store: committed events/s (WAL, synchronous=NORMAL, one commit per event)",
            "events/s",
            self.runs_of("store", "kerne"),
            self.runs_of("store", "sqlite"),
            "rate",
            target=5000.0,
            better="higher",
            baseline_name="bare sqlite3",
            note=f"bare sqlite3 at 20 events a commit: {grouped_rate:,.0f}/s"
            if grouped_rate
            else "",
        )

    def export(self) -> None:
        cfg = self.config
        if not storage.export_available():
            self.say("export not available: server/export/ is missing")
            for fmt in storage.EXPORT_FORMATS:
                self.rows.append(
                    Row(
                        f"export.{fmt}",
                        f"export {cfg.export_events:,} events → {fmt}",
                        "s",
                        None,
                        target=1.0,
                        note="export not available",
                    )
                )
            return
        log = storage.prepare_log(self.work, cfg.export_events)
        self.say(f"prepared a session of {log.events:,} events for the export")
        out = self.work / "export-out"
        out.mkdir(exist_ok=True)
        for run in range(cfg.runs):
            floor = storage.floor_seconds(log, out)
            self.record("export", "floor", {"s": floor})
            for fmt in storage.EXPORT_FORMATS:
                try:
                    seconds = storage.export_seconds(log, fmt, out)
                    inner = storage.export_inprocess_seconds(log, fmt)
                except Exception as exc:
                    self.say(f"export {fmt} failed: {exc}")
                    self.record("export", fmt, {"s": None, "inner": None, "error": str(exc)})
                    continue
                self.record("export", fmt, {"s": seconds, "inner": inner})
            self.say(
                f"export run {run + 1}: "
                + ", ".join(
                    f"{fmt} {_fmt(self.runs_of('export', fmt)[-1].get('s'))}"
                    for fmt in storage.EXPORT_FORMATS
                )
                + f"; floor {floor:.2f} s"
            )
        floor_runs = self.runs_of("export", "floor")
        for fmt in storage.EXPORT_FORMATS:
            runs = self.runs_of("export", fmt)
            work = median_of(runs, "inner")
            self._pair(
                f"export.{fmt}",
                f"export {log.events:,} events → {fmt} (`python -m server export`, wall time)",
                "s",
                runs,
                floor_runs,
                "s",
                target=None if fmt in storage.UNJUDGED_FORMATS else 1.0,
                baseline_name="read + json.dump floor",
                note=f"in-process {work:.2f} s" if work is not None else "failed",
            )

    # --- the client ---------------------------------------------------------------------

    def probe(self, mode: str, *extra: str, timeout: float = 120.0) -> dict[str, Any]:
        t0 = time.monotonic()
        argv = [sys.executable, "-m", "bench.client_probe", mode, "--t0", repr(t0), *extra]
        done = subprocess.run(
            argv, capture_output=True, timeout=timeout, check=False, env=child_env()
        )
        if done.returncode != 0:
            tail = done.stderr.decode(errors="replace").strip().splitlines()[-3:]
            raise RuntimeError(f"client probe {mode} failed: {' / '.join(tail)}")
        result: dict[str, Any] = json.loads(done.stdout.decode().strip().splitlines()[-1])
        return result

    def client(self) -> None:
        cfg = self.config
        db = self.work / "client.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        code, _ = workshop(db, 300, participants=12)
        with start_kerne_session(self.work, db, code) as served:
            for run in range(cfg.client_runs):
                home = Path(tempfile.mkdtemp(prefix="kerne-probe-", dir=self.work))
                kerne = self.probe(
                    "kerne", "--url", served.url, "--code", code, "--config-dir", str(home)
                )
                bare = self.probe("bare")
                self.record("client", "kerne", kerne)
                self.record("client", "bare", bare)
                self.say(
                    f"client cold start run {run + 1}: kerne {kerne['first_frame_s']:.2f} s "
                    f"{kerne['rss_kb'] / 1024:.0f} MB; bare Textual {bare['first_frame_s']:.2f} s "
                    f"{bare['rss_kb'] / 1024:.0f} MB"
                )
        kerne_runs, bare_runs = self.runs_of("client", "kerne"), self.runs_of("client", "bare")
        for r in (*kerne_runs, *bare_runs):
            r["rss_mb"] = r["rss_kb"] / 1024
        self._pair(
            "client.start",
            "client cold start → first frame with the session (kerne-tui, headless)",
            "s",
            kerne_runs,
            bare_runs,
            "first_frame_s",
            target=1.0,
            baseline_name="bare Textual app",
        )
        self._pair(
            "client.rss",
            "client RSS at the first frame",
            "MB",
            kerne_runs,
            bare_runs,
            "rss_mb",
            target=80.0,
            baseline_name="bare Textual app",
        )

    def drafts(self) -> None:
        cfg = self.config
        db = self.work / "drafts.db"
        _unlink_db(db)
        code, _ = many_drafts(db, cfg.drafts)
        repeat = str(cfg.drafts_repeat)
        with start_kerne_session(self.work, db, code) as served:
            home = Path(tempfile.mkdtemp(prefix="kerne-probe-", dir=self.work))
            kerne = self.probe(
                "drafts",
                "--url",
                served.url,
                "--code",
                code,
                "--config-dir",
                str(home),
                "--repeat",
                repeat,
            )
        bare = self.probe("drafts-bare", "--count", str(cfg.drafts), "--repeat", repeat)
        for result in (kerne, bare):
            for name in ("event", "show", "key"):
                values = [v * 1000 for v in result.get(f"{name}_s", [])]
                result[f"{name}_ms"] = median(values)
                result[f"{name}_max_ms"] = max(values, default=None)
        self.record("drafts", "kerne", kerne)
        self.record("drafts", "bare", bare)
        self.say(
            f"{cfg.drafts} drafts: one vote arrives → refreshed {_fmt(kerne['event_ms'], 'ms')} "
            f"(max {_fmt(kerne['event_max_ms'], 'ms')}), show {_fmt(kerne['show_ms'], 'ms')}, "
            f"key {_fmt(kerne['key_ms'], 'ms')}; "
            f"bare OptionList: one option {_fmt(bare['event_ms'], 'ms')}, set_options "
            f"{_fmt(bare['show_ms'], 'ms')}, key {_fmt(bare['key_ms'], 'ms')}"
        )
        base = "bare OptionList"
        k, b = [kerne], [bare]
        worst = kerne.get("event_max_ms")
        self._pair(
            "drafts.event",
            f"{cfg.drafts} drafts on screen: one vote arrives → screen refreshed "
            f"(median of {len(kerne.get('event_s', []))} events)",
            "ms",
            k,
            b,
            "event_ms",
            target=REDRAW_TARGET_MS,
            baseline_name=f"{base}, one option replaced",
            note=f"slowest {worst:.1f} ms" if worst is not None else "",
        )
        self._pair(
            "drafts.show",
            f"{cfg.drafts} drafts: DraftList.redraw() (the whole list rebuilt) until refreshed",
            "ms",
            k,
            b,
            "show_ms",
            baseline_name=f"{base}, set_options",
        )
        self._pair(
            "drafts.key",
            f"{cfg.drafts} drafts: end / home / pagedown under Pilot, per key until refreshed",
            "ms",
            k,
            b,
            "key_ms",
            baseline_name=base,
        )

    def _pair(
        self,
        key: str,
        label: str,
        unit: str,
        kerne: list[dict[str, Any]],
        base: list[dict[str, Any]],
        field_name: str,
        *,
        target: float | None = None,
        better: str = "lower",
        note: str = "",
        baseline_name: str = "",
    ) -> None:
        """A row of kerne against one baseline (the store, the export, the client)."""
        self.rows.append(
            Row(
                key,
                label,
                unit,
                median_of(kerne, field_name),
                median_of(base, field_name),
                baseline_name,
                target,
                "higher" if better == "higher" else "lower",
                note=note,
                runs=[r.get(field_name) for r in kerne],
                baseline_runs=[r.get(field_name) for r in base],
            )
        )

    # --- everything -----------------------------------------------------------------------

    def everything(self, pieces: list[str]) -> None:
        steps: dict[str, Callable[[], None]] = {
            "network": self.network,
            "joins": self.joins,
            "capacity": self.capacity,
            "store": self.store,
            "export": self.export,
            "client": self.client,
            "drafts": self.drafts,
        }
        for name in pieces:
            self.say(f"--- {name}")
            # Fresh load workers for each step: a worker that has just recorded the vote
            # burst's two million receipts was slower to read the next step's frames
            # (1000 joins: 2.3-2.7 s after it, 2.1-2.2 s from fresh workers).
            self.close()
            self.guarded(name, steps[name])
        self.rows = [*self.figures.server_rows(pieces), *self.rows]

    def machine(self) -> dict[str, Any]:
        def run(*argv: str) -> str:
            try:
                return subprocess.run(argv, capture_output=True, text=True, timeout=10).stdout
            except (OSError, subprocess.SubprocessError):
                return ""

        cpu = ""
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        return {
            "nproc": run("nproc").strip(),
            "cpu": cpu,
            "memory": run("free", "-h").rstrip(),
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "loadavg": os.getloadavg(),
        }

    def save(self, seconds: float, date: str = "", command: str = "") -> dict[str, Any]:
        document = {
            "date": date,
            "command": command,
            "mode": "quick" if self.config.quick else "full",
            "config": asdict(self.config),
            "machine": self.machine(),
            "seconds": seconds,
            "failures": self.failures,
            "rows": [r.as_dict() for r in self.rows],
            "raw": self.raw,
        }
        (self.out / "results.json").write_text(json.dumps(document, indent=1, default=str))
        return document


def _fmt(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "failed"
    return f"{value:.1f} {unit}" if unit == "ms" else f"{value:.2f} {unit}"


def _brief(result: net.Delivery) -> str:
    parts = [
        f"p50 {_fmt(result.p50_ms, 'ms')}",
        f"p99 {_fmt(result.p99_ms, 'ms')}",
        f"p99 last {_fmt(result.p99_last_ms, 'ms')}",
        f"ack p99 {_fmt(result.ack_p99_ms, 'ms')}",
        f"reach {(result.reach or 0) * 100:.1f} %",
        f"{result.cpu_us_per_delivery or 0:.1f} µs CPU/delivery",
    ]
    parts.append(f"others {result.others_share * 100:.0f} % of the machine")
    if result.errors or result.reordered or result.gaps:
        parts.append(f"errors {result.errors} reordered {result.reordered} gaps {result.gaps}")
    return ", ".join(parts)


def _load(result: net.Delivery) -> str:
    cores = result.load_cores
    share = result.server_core_share
    return (
        f"server {0 if share is None else share * 100:.0f} % of a core, "
        f"RSS {result.rss_kb / 1024:.0f} MB, load generator {cores or 0:.2f} cores, "
        f"sends late p99 {_fmt(result.send_late_p99_ms, 'ms')}"
    )
