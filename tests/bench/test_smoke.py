"""A smoke run of each benchmark's smallest piece: they run and produce numbers.

Timings are never judged here (the machine is shared and noisy); `python -m bench`
measures, and docs/benchmarks.md holds the figures.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import network as net
from bench import storage
from bench.load import LoadPool
from bench.proc import start_kerne, start_kerne_session, start_relay
from bench.report import Row, markdown, plain, plot_svg
from bench.sessions import many_drafts, workshop
from bench.suite import QUICK, Suite


def number(value: float | None) -> bool:
    return value is not None and math.isfinite(value) and value >= 0


@pytest.fixture(scope="module")
def pool() -> Iterator[LoadPool]:
    with LoadPool(2) as workers:
        yield workers


def test_fanout_stall_and_vote_against_kerne(pool: LoadPool, tmp_path: Path) -> None:
    with start_kerne(tmp_path) as served:
        empty = served.rss()
        net.join(pool, served, 10)
        assert served.rss() > 0 and empty > 0
        fanout = net.fanout(pool, served, 10, rate=20, duration=0.5, drain=10, lead=0.3)
        assert fanout.commands == 10 and fanout.acked == 10
        assert fanout.deliveries == fanout.expected == 100
        assert number(fanout.p50_ms) and number(fanout.p99_last_ms) and number(fanout.ack_p99_ms)
        assert number(fanout.cpu_us_per_delivery)
        assert fanout.reordered == 0 and fanout.gaps == 0 and fanout.errors == 0
        net.join_stalled(pool, served, 10)
        stalled = net.fanout(
            pool, served, 10, rate=20, duration=0.5, drain=10, first_key=1000, lead=0.3
        )
        assert stalled.deliveries == 100 and number(stalled.p99_last_ms)
        vote = net.vote_burst(
            pool, served, 10, dots=1, window=0.5, drain=10, seed=1, first_key=5000, lead=0.3
        )
        assert vote.acked == 10 and vote.reach == 1.0 and number(vote.p99_ms)
        served.kill()
    pool.close_clients()


def test_fanout_against_the_relay(pool: LoadPool, tmp_path: Path) -> None:
    with start_relay(tmp_path) as served:
        net.join(pool, served, 10)
        fanout = net.fanout(pool, served, 10, rate=20, duration=0.5, drain=10, lead=0.3)
        assert fanout.deliveries == fanout.expected == 100
        assert number(fanout.p99_last_ms) and number(fanout.ack_p99_ms)
    pool.close_clients()


def test_store_throughput(tmp_path: Path) -> None:
    assert storage.store_rate(tmp_path, 500) > 0
    assert storage.sqlite_rate(tmp_path, 500) > 0
    assert storage.sqlite_rate(tmp_path, 500, per_commit=20) > 0


def test_export_of_a_prepared_session(tmp_path: Path) -> None:
    if not storage.export_available():
        pytest.skip("export not available")
    log = storage.prepare_log(tmp_path, 300)
    assert log.events >= 300
    assert number(storage.export_seconds(log, "json", tmp_path))
    assert number(storage.export_inprocess_seconds(log, "md"))
    assert number(storage.floor_seconds(log, tmp_path))


def test_client_cold_start_and_drafts(tmp_path: Path) -> None:
    suite = Suite(QUICK, tmp_path, log=lambda _: None)
    db = tmp_path / "small.db"
    code, _ = workshop(db, 60, participants=3)
    with start_kerne_session(tmp_path, db, code) as served:
        home = tmp_path / "home"
        home.mkdir()
        args = ("--url", served.url, "--code", code, "--config-dir", str(home))
        cold = suite.probe("kerne", *args)
    assert number(cold["first_frame_s"]) and cold["rss_kb"] > 0
    db = tmp_path / "drafts.db"
    code, _ = many_drafts(db, 20)
    with start_kerne_session(tmp_path, db, code) as served:
        home = tmp_path / "drafts-home"
        home.mkdir()
        args = ("--url", served.url, "--code", code, "--config-dir", str(home))
        drafts = suite.probe("drafts", *args, "--repeat", "2")
    assert drafts["drafts"] == 20
    assert all(number(x) for x in [*drafts["show_s"], *drafts["redraw_s"], *drafts["key_s"]])


def test_table_and_plot() -> None:
    rows = [
        Row("a", "fan-out N=10: p99 → last client", "ms", 3.0, 2.0, "relay", 10.0, max_ratio=3),
        Row("b", "store", "events/s", 9000.0, 12000.0, "bare", 5000.0, better="higher"),
        Row("c", "export", "s", None, note="export not available"),
    ]
    assert [r.status for r in rows] == ["PASS", "PASS", "n/a"]
    assert "1.50x" in markdown(rows) and "n/a" in plain(rows)
    svg = plot_svg({"kerne": [(10, 3.0), (100, 8.0)], "relay": [(10, 2.0)]}, [(10, 10.0)], "p99")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
