"""The server benchmarks' rows and plot, from the raw runs: kerne against the relay (the
baseline) and the batching relay (the limit), with its ratio to each."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bench import capacity as cap
from bench.config import (
    BATCHING,
    FANOUT_MAX_RATIO,
    FANOUT_TARGETS,
    JOIN_TARGET_S,
    KERNE,
    RELAY,
    SERVERS,
    VOTE_GOAL_RATIO,
    VOTE_MAX_RATIO,
    VOTE_TARGET_MS,
    Config,
)
from bench.report import Panel, Row, capacity_markdown, panels_svg
from bench.stats import median, percentile


def median_of(runs: list[dict[str, Any]], key: str) -> float | None:
    return median(r.get(key) for r in runs)


def figure_of(runs: list[dict[str, Any]], key: str) -> float | None:
    """A section's figure over its runs. The p99 to the last receiver is taken over all
    the runs' commands together (1,000 in five fan-out windows: about the eleventh-slowest),
    which a busy moment of the shared machine moves far less than a window's own p99 (of
    200: about its third-slowest); results from before the runs kept their commands fall
    back to the median. Every other figure is the median of its runs."""
    if key == "p99_last_ms" and runs and all(r.get("last_ms") for r in runs):
        return percentile([value for r in runs for value in r["last_ms"]], 99)
    return median_of(runs, key)


@dataclass
class Figures:
    """The raw runs of one benchmark run (as results.json keeps them) and their rows."""

    config: Config
    raw: dict[str, Any] = field(default_factory=dict)
    parts: set[str] = field(default_factory=set)
    rows: list[Row] = field(default_factory=list)

    def record(self, section: str, label: str, data: dict[str, Any]) -> None:
        self.raw.setdefault(section, {}).setdefault(label, []).append(data)

    def runs_of(self, section: str, label: str) -> list[dict[str, Any]]:
        """A section's runs for one server; `capacity:NAME` is a capacity scenario's."""
        if section.startswith("capacity:"):
            scenarios = self.raw.get("capacity", {})
            section_runs: list[dict[str, Any]] = scenarios.get(section.split(":", 1)[1], {}).get(
                label, []
            )
            return section_runs
        found: list[dict[str, Any]] = self.raw.get(section, {}).get(label, [])
        return found

    def server_rows(self, pieces: list[str]) -> list[Row]:
        """The rows of the server benchmarks that ran, in the table's order."""
        self.rows = []
        if "network" in pieces:
            self.network_rows()
        if "joins" in pieces:
            self.join_rows()
        if "capacity" in pieces:
            self.capacity_rows()
        return self.rows

    # --- the rows ------------------------------------------------------------------------------

    def _net(
        self,
        key: str,
        label: str,
        unit: str,
        section: str,
        field_name: str,
        **options: Any,
    ) -> None:
        """A row of kerne against the relay (baseline) and the batching relay (limit)."""
        kerne = self.runs_of(section, KERNE)
        relay = self.runs_of(section, RELAY)
        batching = self.runs_of(section, BATCHING)
        bounded = []
        if field_name == "p99_last_ms":
            for name, runs in (("value", kerne), ("baseline", relay), ("limit", batching)):
                if any(r.get("p99_last_lower_bound") for r in runs):
                    bounded.append(name)
        self.rows.append(
            Row(
                key,
                label,
                unit,
                figure_of(kerne, field_name),
                figure_of(relay, field_name),
                RELAY,
                runs=[r.get(field_name) for r in kerne],
                baseline_runs=[r.get(field_name) for r in relay],
                limit=figure_of(batching, field_name),
                limit_name=BATCHING,
                limit_runs=[r.get(field_name) for r in batching],
                lower_bounds=bounded,
                **options,
            )
        )

    def network_rows(self) -> None:
        cfg = self.config
        parts = self.parts
        for n in (*cfg.small_ns, cfg.big_n) if "fanout" in parts else ():
            section = f"fanout-{n}"
            name = f"fan-out N={n}, {cfg.rate:g} commands/s"
            self._net(f"fanout{n}.p50", f"{name}: p50 command → client", "ms", section, "p50_ms")
            self._net(f"fanout{n}.p99", f"{name}: p99 command → client", "ms", section, "p99_ms")
            self._net(
                f"fanout{n}.last",
                f"{name}: p99 command → last client",
                "ms",
                section,
                "p99_last_ms",
                target=FANOUT_TARGETS.get(n),
                max_ratio=FANOUT_MAX_RATIO,
                scaled=n not in FANOUT_TARGETS,
                note=_contention(self.runs_of(section, KERNE)),
            )
            self._net(f"fanout{n}.ack", f"{name}: p99 command → ack", "ms", section, "ack_p99_ms")
            self._net(
                f"fanout{n}.reach",
                f"{name}: reach (delivered / expected)",
                "%",
                section,
                "reach",
                target=1.0,
                better="higher",
            )
            self._net(
                f"fanout{n}.cpu",
                f"{name}: server CPU per delivery",
                "µs",
                section,
                "cpu_us_per_delivery",
            )
        if "stall" in parts:
            self.stall_rows()
        if "vote" in parts:
            self.vote_rows()
        if "memory" in parts or "fanout" in parts or "vote" in parts:
            self._net(
                "memory.rss",
                f"server RSS per idle connection, {cfg.big_n} connections",
                "KB",
                "memory",
                "kb_per_connection",
                target=40.0,
                scaled=cfg.big_n < 1000,
            )

    def stall_rows(self) -> None:
        cfg = self.config
        without = figure_of(self.runs_of(f"fanout-{cfg.stall_n}", KERNE), "p99_last_ms")
        self._net(
            "stall.last",
            f"one stalled client, N={cfg.stall_n}: others' p99 → last client",
            "ms",
            "stall",
            "p99_last_ms",
            note=f"kerne without it {without:.1f} ms" if without else "",
        )
        self._net(
            "stall.reach",
            f"one stalled client, N={cfg.stall_n}: others' reach",
            "%",
            "stall",
            "reach",
            target=1.0,
            better="higher",
        )

    def vote_rows(self) -> None:
        cfg = self.config
        voters = min(cfg.voters, cfg.big_n)
        name = f"vote burst: {voters} voters x {cfg.dots} dots in {cfg.vote_window:g} s"
        scaled = voters < 1000
        window = cfg.vote_window + cfg.vote_drain
        self._net(
            "vote.reach",
            f"{name}: reach (delivered within {window:g} s of the first vote)",
            "%",
            "vote",
            "reach",
            target=1.0,
            better="higher",
            scaled=scaled,
        )
        self._net(
            "vote.last",
            f"{name}: p99 vote → last receiver",
            "ms",
            "vote",
            "p99_last_ms",
            target=VOTE_TARGET_MS,
            max_ratio=VOTE_MAX_RATIO,
            against="limit",
            goal_ratio=VOTE_GOAL_RATIO,
            scaled=scaled,
            note=_contention(self.runs_of("vote", KERNE)),
        )
        self._net("vote.p99", f"{name}: p99 vote → receiver", "ms", "vote", "p99_ms")
        self._net(
            "vote.cpu", f"{name}: server CPU per delivery", "µs", "vote", "cpu_us_per_delivery"
        )

    def join_rows(self) -> None:
        n = self.config.big_n
        self._net(
            "joins.time",
            f"{n} participants join one session: hello → welcome for all (relays: handshakes)",
            "s",
            "joins",
            "join_s",
            target=JOIN_TARGET_S,
            scaled=n < 1000,
        )
        self._net(
            "joins.cpu",
            f"{n} participants join one session: server CPU",
            "s",
            "joins",
            "join_cpu_s",
        )

    def capacity_rows(self) -> None:
        cfg = self.config
        for scenario in cfg.capacity if "scenarios" in self.parts else ():
            section = f"capacity:{scenario.name}"
            name = scenario.label
            note = _contention(self.runs_of(section, KERNE))
            load = median_of(self.runs_of(section, KERNE), "load_cores")
            if load is not None:
                note = f"load generator {load:.2f} cores; " + note
            self._net(
                f"capacity.{scenario.sessions}x{scenario.size}.last",
                f"{name}: p99 command → last receiver",
                "ms",
                section,
                "p99_last_ms",
                note=note,
            )
            self._net(
                f"capacity.{scenario.sessions}x{scenario.size}.reach",
                f"{name}: reach (within {cfg.capacity_drain:g} s after the last command)",
                "%",
                section,
                "reach",
                target=1.0,
                better="higher",
            )
            self._net(
                f"capacity.{scenario.sessions}x{scenario.size}.cpu",
                f"{name}: server CPU (share of one core over the window)",
                "%",
                section,
                "server_core_share",
            )
            self._net(
                f"capacity.{scenario.sessions}x{scenario.size}.rss",
                f"{name}: server RSS after the window",
                "MB",
                section,
                "rss_mb",
            )
        if "ramp" in self.parts:
            largest = {label: self.largest_held(label) for label in SERVERS}
            steps: list[int] = self.raw.get("ramp_steps", [])
            cap_note = f"ramp steps {', '.join(f'{s:,}' for s in steps)}"
            self.rows.append(
                Row(
                    "capacity.participants",
                    f"participants one server holds at p99 → last receiver <= "
                    f"{cap.HOLD_MS:g} ms (sessions of {cfg.ramp_size}, 1 command/s each)",
                    "participants",
                    largest[KERNE],
                    largest[RELAY],
                    RELAY,
                    better="higher",
                    note=cap_note,
                    limit=largest[BATCHING],
                    limit_name=BATCHING,
                )
            )

    def largest_held(self, label: str) -> float | None:
        runs = self.runs_of("ramp", label)
        found = cap.largest_held([(int(r["step"]), bool(r["held"])) for r in runs])
        return None if found is None else float(found)

    def capacity_table(self) -> str:
        return capacity_markdown(
            self.raw.get("capacity", {}), self.raw.get("ramp", {}), list(SERVERS), cap.HOLD_MS
        )

    # --- the plot -----------------------------------------------------------------------------

    def plot(self) -> str:
        """The fan-out against N, and (if it ran) the ramp against participants: kerne,
        the relay and the batching relay, kerne's points marked with its ratio to each."""
        cfg = self.config
        panels = []
        sizes = [(n, f"fanout-{n}") for n in (*cfg.small_ns, cfg.big_n)]
        series = self._series(sizes, "p99_last_ms")
        if series:
            targets = [(n, v) for n, v in FANOUT_TARGETS.items() if n in dict(sizes)]
            limit = [(n, FANOUT_MAX_RATIO * v) for n, v in series.get(RELAY, [])]
            panels.append(
                Panel(
                    f"Fan-out, {cfg.rate:g} commands/s: p99 command → last client",
                    series,
                    targets,
                    limit,
                    f"{FANOUT_MAX_RATIO:g}x relay (target)",
                    notes=_ratio_notes(series),
                    legend=RATIO_LEGEND,
                )
            )
        ramp = {
            label: [
                (int(r["step"]), float(r["p99_last_ms"]))
                for r in self.runs_of("ramp", label)
                if r.get("p99_last_ms") is not None
            ]
            for label in SERVERS
        }
        ramp = {label: points for label, points in ramp.items() if points}
        if ramp:
            panels.append(
                Panel(
                    f"Capacity: sessions of {cfg.ramp_size}, 1 command/s each",
                    ramp,
                    hline=cap.HOLD_MS,
                    hline_name=f"{cap.HOLD_MS:g} ms (holds)",
                    notes=_ratio_notes(ramp),
                    legend=RATIO_LEGEND,
                    x_label="participants on one server",
                    y_label="p99 command → last receiver (ms)",
                )
            )
        return panels_svg(panels or [Panel("no fan-out or ramp in this run", {})])

    def _series(
        self, sections: list[tuple[int, str]], key: str
    ) -> dict[str, list[tuple[int, float]]]:
        series: dict[str, list[tuple[int, float]]] = {}
        for label in SERVERS:
            for n, section in sections:
                value = figure_of(self.runs_of(section, label), key)
                if value is not None:
                    series.setdefault(label, []).append((n, value))
        return series


def _contention(runs: list[dict[str, Any]]) -> str:
    """How much of the machine other processes took during kerne's windows."""
    shares = [float(r.get("others_share") or 0.0) * 100 for r in runs]
    if not shares:
        return ""
    low, high = round(min(shares)), round(max(shares))
    span = f"{low}" if low == high else f"{low}-{high}"
    return f"other processes used {span} % of the machine"


def _ratio_notes(series: dict[str, list[tuple[int, float]]]) -> dict[tuple[str, int], str]:
    """kerne's ratio to the relay and to the batching relay at each of its points."""
    notes: dict[tuple[str, int], str] = {}
    relay, batching = dict(series.get(RELAY, [])), dict(series.get(BATCHING, []))
    for n, value in series.get(KERNE, []):
        parts = [f"{value / base[n]:.2f}x" if base.get(n) else "—" for base in (relay, batching)]
        notes[(KERNE, n)] = " / ".join(parts)
    return notes


RATIO_LEGEND = {KERNE: "kerne (x relay / x batching)"}
