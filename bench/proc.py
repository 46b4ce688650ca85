"""Processes under test: the kerne server and the bare relay, each in its own process,
started with `--ready-file`, and what /proc says about them (CPU time, RSS)."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

HOST = "127.0.0.1"  # the only address any benchmark talks to
ROOT = Path(__file__).resolve().parent.parent  # the repository: server/, kerne_tui/, bench/
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MAX_OPEN_FILES = 32768  # per process: the capacity ramp holds up to 16,000 connections
# kerne serves at most 2000 connections per address (server.limits), so the load's
# clients spread over loopback source addresses (127.0.0.1, .2, ...), this many each.
PER_SOURCE_ADDRESS = 1000


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (clock-tick resolution)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # After the command name: state is field 3, utime 14 and stime 15 (1-based).
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def machine_busy_seconds() -> float:
    """CPU time all processes on the machine have used so far (every core, /proc/stat)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


def rss_kb(pid: int | str = "self") -> int:
    """Resident set size in KiB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def raise_open_files() -> None:
    """Thousands of connections need more descriptors than some defaults (1024) allow."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = MAX_OPEN_FILES if hard == resource.RLIM_INFINITY else min(hard, MAX_OPEN_FILES)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def open_files_limit() -> int:
    """The hard limit of open files: how many connections one process could hold."""
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    return MAX_OPEN_FILES if hard == resource.RLIM_INFINITY else int(hard)


def source_address(index: int) -> str | None:
    """The loopback address client `index` connects from (None: the default, 127.0.0.1).
    All of 127.0.0.0/8 is this machine; nothing leaves it."""
    block = index // PER_SOURCE_ADDRESS
    return None if block == 0 else f"127.0.0.{1 + block}"


def check_loopback(url: str) -> None:
    """Refuse to send load anywhere but this machine's loopback address."""
    if not url.startswith(f"ws://{HOST}:"):
        raise ValueError(f"benchmarks only talk to {HOST}, not {url}")


@dataclass
class Served:
    """A server process that wrote its ready file: kerne's or the relay."""

    kind: str  # "kerne" or "relay"
    process: subprocess.Popen[bytes]
    url: str
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def pids(self) -> list[int]:
        """The server's processes: the one started and, in shards, each shard's."""
        return [self.pid, *(int(shard["pid"]) for shard in self.info.get("shards", []))]

    def room_urls(self, codes: list[str]) -> list[str]:
        """Where each session is served (in shards, each its shard's URL)."""
        where = {
            code.replace("-", ""): str(shard["url"])
            for shard in self.info.get("shards", [])
            for code in shard["sessions"]
        }
        return [where.get(code.replace("-", ""), self.url) for code in codes]

    @property
    def code(self) -> str:
        return str(self.info.get("code") or "")

    @property
    def key(self) -> str:
        return str(self.info.get("facilitator_key") or "")

    def cpu(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.pids)

    def rss(self) -> int:
        return sum(rss_kb(pid) for pid in self.pids)

    def kill(self) -> None:
        """SIGKILL: a server with a thousand clients would otherwise spend its exit
        telling each of them who is still online (its shards too)."""
        for pid in self.pids[1:]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def __enter__(self) -> Served:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def child_env() -> dict[str, str]:
    """The environment for child processes: this repository first on the module path."""
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return dict(os.environ, PYTHONPATH=os.pathsep.join(paths), PYTHONUNBUFFERED="1")


def _launch(kind: str, argv: list[str], ready: Path, log: Path, timeout: float) -> Served:
    with contextlib.suppress(FileNotFoundError):
        ready.unlink()
    env = child_env()
    with log.open("ab") as out:
        process = subprocess.Popen(
            argv,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            preexec_fn=raise_open_files,
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{kind} exited with {process.returncode}; see {log}")
        if ready.exists():
            with contextlib.suppress(ValueError):
                info = json.loads(ready.read_text())
                check_loopback(info["url"])
                return Served(kind, process, info["url"], info)
        time.sleep(0.02)
    process.kill()
    process.wait()
    raise RuntimeError(f"{kind} did not become ready within {timeout} s; see {log}")


def start_kerne(work: Path, name: str = "kerne", timeout: float = 30.0) -> Served:
    """`python -m server` on 127.0.0.1, a free port and a fresh database in `work`."""
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{db}{suffix}").unlink()
    argv = [
        sys.executable,
        "-m",
        "server",
        "--host",
        HOST,
        "--port",
        "0",
        "--db",
        str(db),
        "--title",
        "Benchmark",
        "--ready-file",
        str(work / f"{name}.ready"),
    ]
    return _launch("kerne", argv, work / f"{name}.ready", work / f"{name}.log", timeout)


def start_kerne_session(
    work: Path,
    db: Path,
    code: str,
    timeout: float = 30.0,
    name: str = "prepared",
    shards: int = 1,
) -> Served:
    """`python -m server --session CODE` on an existing database (a prepared session;
    the server loads every other open session in it too), in `shards` processes."""
    argv = [
        sys.executable,
        "-m",
        "server",
        "--host",
        HOST,
        "--port",
        "0",
        "--db",
        str(db),
        "--session",
        code,
        "--ready-file",
        str(work / f"{name}.ready"),
        *(["--shards", str(shards)] if shards > 1 else []),
    ]
    return _launch("kerne", argv, work / f"{name}.ready", work / f"{name}.log", timeout)


def start_relay(
    work: Path,
    name: str = "relay",
    timeout: float = 30.0,
    *,
    batch: float | None = None,
    deflate: bool = False,
) -> Served:
    """A bare websockets relay (bench/relay.py) on 127.0.0.1 and a free port: one frame
    per message, or (`batch`, seconds) batching per room like kerne's `events` frame."""
    work.mkdir(parents=True, exist_ok=True)
    argv = [
        sys.executable,
        "-m",
        "bench.relay",
        "--host",
        HOST,
        "--port",
        "0",
        "--ready-file",
        str(work / f"{name}.ready"),
        *([] if batch is None else ["--batch", repr(batch)]),
        *(["--deflate"] if deflate else []),
    ]
    return _launch("relay", argv, work / f"{name}.ready", work / f"{name}.log", timeout)
