"""The whole benchmark run: configuration, the order of the pieces, and their rows.

Kerne and the baselines take turns (the order flips every run) so that the machine's
noise falls on both alike; every figure is the median of its runs.
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

from bench import network as net
from bench import storage
from bench.load import LoadPool
from bench.proc import Served, child_env, start_kerne, start_kerne_session, start_relay
from bench.report import Row, plot_svg
from bench.sessions import many_drafts, workshop
from bench.stats import median

DEFLATE_OFF = "relay, no deflate"


@dataclass(frozen=True)
class Config:
    quick: bool
    runs: int  # repetitions of each measurement (medians are taken)
    small_ns: tuple[int, ...]  # fan-out sizes with a fresh server per run
    big_n: int  # the large room: fan-out windows, idle memory and the vote burst
    big_windows: int = 5  # fan-out windows in the large room (one join: it is slow)
    rate: float = 20.0  # commands per second in the fan-out
    duration: float = 10.0  # seconds of commands per fan-out window
    drain: float = 30.0  # how long to wait for the last deliveries after the last send
    stall_n: int = 100
    voters: int = 1000
    dots: int = 2
    vote_window: float = 10.0
    vote_drain: float = 90.0
    store_events: int = 5000
    export_events: int = 10_000
    client_runs: int = 5
    drafts: int = 500
    drafts_repeat: int = 10
    workers: int = 2
    no_deflate_relay: bool = True

    @property
    def targets_apply_to_big(self) -> bool:
        return self.big_n >= 1000


FULL = Config(quick=False, runs=3, small_ns=(10, 100), big_n=1000)
QUICK = Config(
    quick=True,
    runs=1,
    small_ns=(10, 100),
    big_n=250,
    big_windows=1,
    duration=4.0,
    drain=10.0,
    voters=250,
    vote_drain=30.0,
    store_events=2000,
    client_runs=2,
    drafts_repeat=4,
    no_deflate_relay=False,
)
FANOUT_TARGETS = {10: 10.0, 100: 25.0, 1000: 150.0}


def _median_of(runs: list[dict[str, Any]], key: str) -> float | None:
    return median(r.get(key) for r in runs)


@dataclass
class Suite:
    config: Config
    out: Path
    parts: set[str] = field(default_factory=lambda: {"fanout", "stall", "vote", "memory"})
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
        if label == "kerne":
            return start_kerne(self.work)
        return start_relay(self.work, deflate=label != DEFLATE_OFF)

    def kinds(self, run: int, extra: bool) -> list[str]:
        kinds = ["kerne", "relay"] if run % 2 == 0 else ["relay", "kerne"]
        if extra and self.config.no_deflate_relay:
            kinds.append(DEFLATE_OFF)
        return kinds

    def record(self, section: str, label: str, data: dict[str, Any]) -> None:
        self.raw.setdefault(section, {}).setdefault(label, []).append(data)

    def runs_of(self, section: str, label: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.raw.get(section, {}).get(label, [])
        return found

    # --- the network --------------------------------------------------------------------

    def network(self) -> None:
        """Fan-out at each size, the stalled client, the large room and the vote burst."""
        pool = self.load()
        cfg = self.config
        parts = self.parts
        small = [
            n for n in cfg.small_ns if "fanout" in parts or (n == cfg.stall_n and "stall" in parts)
        ]
        for run in range(cfg.runs):
            for label in self.kinds(run, extra=run == 0):
                for n in small:
                    if label == DEFLATE_OFF and "fanout" not in parts:
                        continue
                    with self.start(label) as served:
                        net.join(pool, served, n)
                        net.settle(served, 0.5)
                        result = net.fanout(pool, served, n, cfg.rate, cfg.duration, cfg.drain)
                        self.record(f"fanout-{n}", label, result.as_dict())
                        self.say(f"fan-out N={n} {label}: {_brief(result)}")
                        if n == cfg.stall_n and label != DEFLATE_OFF and "stall" in parts:
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
        if parts & {"fanout", "vote", "memory"}:
            for label in self.kinds(1, extra=True):
                try:
                    self.large_room(label)
                except Exception as exc:
                    self.say(f"large room {label} failed: {type(exc).__name__}: {exc}")
                    self.failures.append(f"large room {label}: {type(exc).__name__}: {exc}")
                    self.close()

    def large_room(self, label: str) -> None:
        """One server, `big_n` joined clients: idle memory, fan-out windows, vote burst."""
        pool = self.load()
        cfg = self.config
        n = cfg.big_n
        with self.start(label) as served:
            net.settle(served, 0.5, limit=5)
            empty = served.rss()
            cpu = served.cpu()
            seconds = net.join(pool, served, n)
            join_cpu = served.cpu() - cpu
            net.settle(served, 1.0)
            memory = net.Memory(label, n, empty, served.rss(), seconds, join_cpu)
            self.record("memory", label, memory.as_dict())
            self.say(
                f"{n} idle connections {label}: {memory.kb_per_connection:.1f} KB each, "
                f"joined in {seconds:.1f} s ({join_cpu:.1f} s server CPU)"
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

    def network_rows(self) -> None:
        cfg = self.config
        parts = self.parts
        for n in (*cfg.small_ns, cfg.big_n) if "fanout" in parts else ():
            kerne, relay = (
                self.runs_of(f"fanout-{n}", "kerne"),
                self.runs_of(f"fanout-{n}", "relay"),
            )
            scaled = n not in FANOUT_TARGETS
            target = FANOUT_TARGETS.get(n)
            name = f"fan-out N={n}, {cfg.rate:g} commands/s"
            self._pair(
                f"fanout{n}.p50", f"{name}: p50 command → client", "ms", kerne, relay, "p50_ms"
            )
            self._pair(
                f"fanout{n}.p99", f"{name}: p99 command → client", "ms", kerne, relay, "p99_ms"
            )
            last_note = _contention(kerne) + _without_deflate(
                self.runs_of(f"fanout-{n}", DEFLATE_OFF), "p99_last_ms", "ms"
            )
            self._pair(
                f"fanout{n}.last",
                f"{name}: p99 command → last client",
                "ms",
                kerne,
                relay,
                "p99_last_ms",
                target=target,
                max_ratio=3.0,
                scaled=scaled,
                note=last_note,
            )
            self._pair(
                f"fanout{n}.ack", f"{name}: p99 command → ack", "ms", kerne, relay, "ack_p99_ms"
            )
            self._pair(
                f"fanout{n}.reach",
                f"{name}: reach (delivered / expected)",
                "%",
                kerne,
                relay,
                "reach",
                target=1.0,
                better="higher",
            )
            self._pair(
                f"fanout{n}.cpu",
                f"{name}: server CPU per delivery",
                "µs",
                kerne,
                relay,
                "cpu_us_per_delivery",
                note=_without_deflate(
                    self.runs_of(f"fanout-{n}", DEFLATE_OFF), "cpu_us_per_delivery", "µs"
                ).lstrip("; "),
            )
        if "stall" in parts:
            self.stall_rows()
        if "vote" in parts:
            self.vote_rows()
        if parts & {"fanout", "vote", "memory"}:
            self.memory_rows()

    def stall_rows(self) -> None:
        cfg = self.config
        kerne, relay = self.runs_of("stall", "kerne"), self.runs_of("stall", "relay")
        plain = self.runs_of(f"fanout-{cfg.stall_n}", "kerne")
        without = _median_of(plain, "p99_last_ms")
        self._pair(
            "stall.last",
            f"one stalled client, N={cfg.stall_n}: others' p99 → last client",
            "ms",
            kerne,
            relay,
            "p99_last_ms",
            note=f"without it {without:.1f} ms" if without else "",
        )
        self._pair(
            "stall.reach",
            f"one stalled client, N={cfg.stall_n}: others' reach",
            "%",
            kerne,
            relay,
            "reach",
            target=1.0,
            better="higher",
        )

    def vote_rows(self) -> None:
        cfg = self.config
        kerne, relay = self.runs_of("vote", "kerne"), self.runs_of("vote", "relay")
        voters = min(cfg.voters, cfg.big_n)
        name = f"vote burst: {voters} voters x {cfg.dots} dots in {cfg.vote_window:g} s"
        scaled = voters < 1000
        self._pair(
            "vote.reach",
            f"{name}: reach",
            "%",
            kerne,
            relay,
            "reach",
            target=1.0,
            better="higher",
            scaled=scaled,
        )
        self._pair(
            "vote.p99",
            f"{name}: p99 command → client",
            "ms",
            kerne,
            relay,
            "p99_ms",
            target=500.0,
            scaled=scaled,
            note=(
                _contention(kerne)
                + _without_deflate(self.runs_of("vote", DEFLATE_OFF), "p99_ms", "ms")
            ).lstrip("; "),
        )
        self._pair(
            "vote.last", f"{name}: p99 command → last client", "ms", kerne, relay, "p99_last_ms"
        )
        self._pair(
            "vote.cpu",
            f"{name}: server CPU per delivery",
            "µs",
            kerne,
            relay,
            "cpu_us_per_delivery",
            note=_without_deflate(
                self.runs_of("vote", DEFLATE_OFF), "cpu_us_per_delivery", "µs"
            ).lstrip("; "),
        )

    def memory_rows(self) -> None:
        cfg = self.config
        kerne, relay = self.runs_of("memory", "kerne"), self.runs_of("memory", "relay")
        off = _median_of(self.runs_of("memory", DEFLATE_OFF), "kb_per_connection")
        self._pair(
            "memory.rss",
            f"server RSS per idle connection, {cfg.big_n} connections",
            "KB",
            kerne,
            relay,
            "kb_per_connection",
            target=40.0,
            scaled=cfg.big_n < 1000,
            note=f"relay without deflate {off:.1f} KB" if off else "",
        )
        self._pair(
            "memory.join",
            f"{cfg.big_n} clients join (connect + hello → welcome)",
            "s",
            kerne,
            relay,
            "join_s",
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
        max_ratio: float | None = None,
        scaled: bool = False,
        note: str = "",
        baseline_name: str = "relay",
    ) -> None:
        self.rows.append(
            Row(
                key,
                label,
                unit,
                _median_of(kerne, field_name),
                _median_of(base, field_name),
                baseline_name,
                target,
                "higher" if better == "higher" else "lower",
                max_ratio,
                scaled,
                note,
                [r.get(field_name) for r in kerne],
                [r.get(field_name) for r in base],
            )
        )

    def plot(self) -> str:
        cfg = self.config
        series: dict[str, list[tuple[int, float]]] = {}
        for label in ("kerne", "relay", DEFLATE_OFF):
            for n in (*cfg.small_ns, cfg.big_n):
                value = _median_of(self.runs_of(f"fanout-{n}", label), "p99_last_ms")
                if value is not None:
                    series.setdefault(label, []).append((n, value))
        targets = [(n, v) for n, v in FANOUT_TARGETS.items() if n in (*cfg.small_ns, cfg.big_n)]
        limit = [(n, 3 * v) for n, v in series.get("relay", [])]
        title = f"Fan-out, {cfg.rate:g} commands/s: p99 command → last client (median of runs)"
        return plot_svg(series, targets, title, limit)

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
        grouped_rate = _median_of(self.runs_of("store", "sqlite-20"), "rate")
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
            work = _median_of(runs, "inner")
            self._pair(
                f"export.{fmt}",
                f"export {log.events:,} events → {fmt} (`python -m server export`, wall time)",
                "s",
                runs,
                floor_runs,
                "s",
                target=1.0,
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
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
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
            for name in ("show", "redraw", "key"):
                values = [v * 1000 for v in result.get(f"{name}_s", [])]
                result[f"{name}_ms"] = median(values)
        self.record("drafts", "kerne", kerne)
        self.record("drafts", "bare", bare)
        self.say(
            f"{cfg.drafts} drafts: show {_fmt(kerne['show_ms'], 'ms')}, redraw "
            f"{_fmt(kerne['redraw_ms'], 'ms')}, key {_fmt(kerne['key_ms'], 'ms')}; bare "
            f"OptionList set_options {_fmt(bare['show_ms'], 'ms')}, "
            f"key {_fmt(bare['key_ms'], 'ms')}"
        )
        base = "bare OptionList"
        k, b = [kerne], [bare]
        self._pair(
            "drafts.show",
            f"{cfg.drafts} drafts: DraftList.show() until refreshed",
            "ms",
            k,
            b,
            "show_ms",
            baseline_name=base,
        )
        self._pair(
            "drafts.redraw",
            f"{cfg.drafts} drafts: whole session screen redraw (runs on every event)",
            "ms",
            k,
            [],
            "redraw_ms",
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

    # --- everything -----------------------------------------------------------------------

    def everything(self, pieces: list[str]) -> None:
        steps: dict[str, Callable[[], None]] = {
            "network": self.network,
            "store": self.store,
            "export": self.export,
            "client": self.client,
            "drafts": self.drafts,
        }
        for name in pieces:
            self.say(f"--- {name}")
            try:
                steps[name]()
            except Exception as exc:  # one broken piece must not cost the others
                self.say(f"{name} failed: {type(exc).__name__}: {exc}")
                self.failures.append(f"{name}: {type(exc).__name__}: {exc}")
                self.close()  # a pool in an unknown state is not reused
        if "network" in pieces:
            rows_before = self.rows
            self.rows = []
            self.network_rows()
            self.rows.extend(rows_before)

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


def _contention(runs: list[dict[str, Any]]) -> str:
    """How much of the machine other processes took during kerne's windows."""
    shares = [float(r.get("others_share") or 0.0) * 100 for r in runs]
    if not shares:
        return ""
    low, high = round(min(shares)), round(max(shares))
    span = f"{low}" if low == high else f"{low}-{high}"
    return f"other processes used {span} % of the machine"


def _without_deflate(runs: list[dict[str, Any]], key: str, unit: str) -> str:
    value = _median_of(runs, key)
    if value is None:
        return ""
    shown = f"{value:,.0f}" if value >= 100 else f"{value:.1f}"
    return f"; relay without deflate {shown} {unit}"


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
