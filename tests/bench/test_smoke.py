"""A smoke run of each benchmark's smallest piece: they run and produce numbers.

Timings are never judged here (the machine is shared and noisy); `python -m bench`
measures, and docs/benchmarks.md holds the figures.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import capacity as cap
from bench import network as net
from bench import storage
from bench.figures import Figures, figure_of
from bench.load import LoadPool
from bench.proc import rss_kb, source_address, start_kerne, start_kerne_session, start_relay
from bench.relay import batch_frame, flush_delay
from bench.report import Panel, Row, capacity_markdown, markdown, panels_svg, plain, plot_svg
from bench.sessions import empty_sessions, many_drafts, workshop
from bench.stats import percentile
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
        assert len(fanout.last_ms) == 10
        assert max(fanout.last_ms) == round(fanout.max_last_ms or 0.0, 3)
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


def test_vote_burst_against_the_batching_relay(pool: LoadPool, tmp_path: Path) -> None:
    """The batching relay's `events` frames are taken apart like kerne's: every vote counts."""
    with start_relay(tmp_path, "batching", batch=0.02) as served:
        net.join(pool, served, 10)
        vote = net.vote_burst(
            pool, served, 10, dots=2, window=0.05, drain=10, seed=1, first_key=5000, lead=0.3
        )
        assert vote.commands == vote.acked == 20
        assert vote.deliveries == vote.expected == 200 and vote.incomplete == 0
        assert number(vote.p99_last_ms) and not vote.p99_last_lower_bound
    pool.close_clients()


def test_the_batching_relay_sends_one_frame_shaped_like_kernes_batch() -> None:
    """Messages in, one `events` frame out; the first flush waits for no timer."""
    frame = batch_frame(['{"type":"relay","id":"b1"}', '{"type":"relay","id":"b2"}'])
    assert frame == (
        '{"type":"events","events":[{"type":"relay","id":"b1"},{"type":"relay","id":"b2"}]}'
    )
    assert flush_delay(now=10.0, last_flush=float("-inf"), interval=0.02) == 0.0
    assert flush_delay(now=10.005, last_flush=10.0, interval=0.02) == pytest.approx(0.015)


def test_joins_of_a_room_against_kerne_and_the_relay(pool: LoadPool, tmp_path: Path) -> None:
    """A join is hello → welcome for kerne and the bare handshake for the relay."""
    for served in (start_kerne(tmp_path), start_relay(tmp_path)):
        with served:
            joined = net.join_room(pool, served, 12)
            assert joined.connections == 12
            assert number(joined.join_s) and number(joined.join_cpu_s)
            assert joined.rss_idle_kb > 0
            served.kill()
        pool.close_clients()


def test_capacity_of_many_sessions_on_kerne(pool: LoadPool, tmp_path: Path) -> None:
    """Three sessions of four: each command reaches its own session, and no other."""
    db = tmp_path / "capacity.db"
    codes = empty_sessions(db, 3)
    scenario = cap.Scenario(3, 4, rate=2.0, duration=1.0)
    with start_kerne_session(tmp_path, db, codes[0], name="capacity") as served:
        net.join(pool, served, scenario.participants, layout=scenario.layout, codes=codes)
        schedule = cap.schedule(scenario.layout, 2.0, 1.0, seed=1, first_key=0, lead=0.3)
        result = net.measure(pool, served, "capacity", schedule, scenario.layout, drain=10)
        assert result.commands == result.acked == 24
        assert result.deliveries == result.expected == 24 * 4
        assert result.reordered == result.gaps == result.errors == 0
        assert number(result.p99_last_ms) and number(result.server_core_share)
        assert result.rss_kb > 0 and cap.held(result, limit_ms=1e9)
        served.kill()
    pool.close_clients()


def test_capacity_of_sessions_in_two_shards(pool: LoadPool, tmp_path: Path) -> None:
    """kerne in two processes: each client joins at its session's shard, every command
    reaches its own session only, and the server's CPU and RSS count every process."""
    db = tmp_path / "capacity.db"
    codes = empty_sessions(db, 4, shards=2)
    scenario = cap.Scenario(4, 3, rate=2.0, duration=1.0)
    with start_kerne_session(tmp_path, db, codes[0], name="capacity", shards=2) as served:
        assert len(served.pids) == 3 and len(set(served.room_urls(codes))) == 2
        net.join(pool, served, scenario.participants, layout=scenario.layout, codes=codes)
        schedule = cap.schedule(scenario.layout, 2.0, 1.0, seed=1, first_key=0, lead=0.3)
        result = net.measure(pool, served, "capacity", schedule, scenario.layout, drain=10)
        assert result.commands == result.acked == 24
        assert result.deliveries == result.expected == 24 * 3
        assert result.reordered == result.gaps == result.errors == 0
        assert result.rss_kb > sum(rss_kb(pid) for pid in served.pids[1:])
        served.kill()
    pool.close_clients()


def test_capacity_ramp_against_the_relay(pool: LoadPool, tmp_path: Path) -> None:
    """The ramp records each step it ran and names the largest that held (if any)."""
    config = dataclasses.replace(
        QUICK, ramp_steps=(4, 8), ramp_size=4, ramp_duration=0.5, ramp_drain=3.0
    )
    suite = Suite(config, tmp_path, parts={"ramp"}, log=lambda _: None, pool=pool)
    suite.ramp("relay")
    steps = [int(r["step"]) for r in suite.runs_of("ramp", "relay")]
    assert steps in ([4], [4, 8])
    assert suite.largest_held("relay") in (None, 4.0, 8.0)
    assert all(number(r["p99_last_ms"]) for r in suite.runs_of("ramp", "relay"))
    assert "relay: p99" in suite.capacity_table()


def test_the_ramp_holds_only_while_every_step_holds() -> None:
    """Its answer is the largest step below the first that missed."""
    assert cap.largest_held([(500, True), (1000, True), (2000, False)]) == 1000
    assert cap.largest_held([(500, False), (1000, True)]) is None
    assert cap.steps_within((4000, 500, 1000, 20000), cap=16000) == [500, 1000, 4000]


def test_clients_past_a_thousand_come_from_further_loopback_addresses() -> None:
    """kerne allows 2000 connections per address; the load stays on 127.0.0.0/8."""
    assert source_address(999) is None
    assert source_address(1000) == "127.0.0.2"
    assert source_address(15999) == "127.0.0.16"


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
    assert drafts["drafts"] == 20 and len(drafts["event_s"]) == 2
    timings = [*drafts["event_s"], *drafts["show_s"], *drafts["key_s"]]
    assert all(number(x) for x in timings)
    # Enough options that every pagedown moves the highlight (a key that cannot move it
    # would wait for the probe's deadline).
    bare = suite.probe("drafts-bare", "--count", "120", "--repeat", "2")
    assert len(bare["event_s"]) == 2 and all(number(x) for x in bare["event_s"])


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


def test_a_vote_row_is_judged_against_the_batching_relay() -> None:
    """Both ratios are shown; the 3x target reads the batching relay's."""
    row = Row(
        "vote.last",
        "vote burst: p99 vote → last receiver",
        "ms",
        400.0,
        20_000.0,
        "relay",
        500.0,
        max_ratio=3.0,
        limit=100.0,
        limit_name="batching relay",
        against="limit",
        goal_ratio=1.5,
    )
    assert (row.ratio, row.limit_ratio, row.status) == (0.02, 4.0, "MISS")
    table = markdown([row])
    assert "<= 3x batching relay (goal 1.5x)" in table
    assert "0.02x" in table and "4.00x" in table
    assert Row.from_dict(row.as_dict()) == row
    bounded = Row("x", "x", "ms", 60_000.0, target=500.0, lower_bounds=["value"])
    assert ">= 60,000 ms" in plain([bounded])


def test_the_p99_to_the_last_client_pools_the_commands_of_every_run() -> None:
    """Three slow commands make a window's p99 of 200, but six of 600 are 1 %: the pooled
    p99 stays with the common case; results without the commands fall back to the median."""
    commands = [[2.0] * 197 + [12.0] * 3, [3.0] * 197 + [11.0] * 3, [4.0] * 200]
    windows = [{"p99_last_ms": percentile(c, 99), "last_ms": c} for c in commands]
    assert [w["p99_last_ms"] for w in windows] == [12.0, 11.0, 4.0]
    assert figure_of(windows, "p99_last_ms") == pytest.approx(4.07)
    assert figure_of([{"p99_last_ms": w["p99_last_ms"]} for w in windows], "p99_last_ms") == 11.0
    assert figure_of([{"reach": 1.0}, {"reach": 0.5}, {"reach": 0.9}], "reach") == 0.9


def test_the_fan_out_row_and_its_ratios_read_the_pooled_p99() -> None:
    """The row's value, both baselines and so both ratios are the pooled figures (the
    median of kerne's windows would be 9 ms)."""
    slow = [{"p99_last_ms": 9.0, "last_ms": [2.0] * 197 + [9.0] * 3}]
    calm = [{"p99_last_ms": 2.0, "last_ms": [2.0] * 200}] * 2
    figures = Figures(
        dataclasses.replace(QUICK, small_ns=(10,)),
        {"fanout-10": {"kerne": slow * 2 + calm[:1], "relay": calm, "batching relay": calm}},
        {"fanout"},
    )
    row = next(r for r in figures.server_rows(["network"]) if r.key == "fanout10.last")
    assert row.value == pytest.approx(2.07) and (row.baseline, row.limit) == (2.0, 2.0)
    assert row.runs == [9.0, 9.0, 2.0] and row.ratio == pytest.approx(1.035, abs=0.01)


def test_capacity_tables_and_two_panels() -> None:
    """The docs get the scenarios, the ramp with its answer, and both plots."""
    run = {"p99_last_ms": 40.0, "reach": 1.0, "server_core_share": 0.5, "rss_mb": 90.0}
    ramp = {"kerne": [{"step": 500, "held": True, **run}, {"step": 1000, "held": False, **run}]}
    text = capacity_markdown({"100 sessions x 30": {"kerne": [run]}}, ramp, ["kerne"], 100.0)
    assert "100 sessions x 30 | kerne | 40.0 ms | 100.0 % | 50.0 %" in text
    assert "**500**" in text and "did not hold" in text
    svg = panels_svg(
        [
            Panel("fan-out", {"kerne": [(10, 3.0)]}, notes={("kerne", 10): "1.10x relay"}),
            Panel("capacity", {"relay": [(500, 20.0)]}, hline=100.0, hline_name="100 ms"),
        ]
    )
    assert svg.count("<g ") == 2 and "1.10x relay" in svg
