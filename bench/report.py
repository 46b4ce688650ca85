"""The results table (terminal and Markdown), the capacity tables, and the plots (plain SVG)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

Better = Literal["lower", "higher"]
Against = Literal["baseline", "limit"]


@dataclass
class Row:
    """One figure: kerne's value, its target, and up to two baselines measured in the same
    run: `baseline` (for the network: the relay, one frame per message) and `limit` (the
    batching relay, what the library can do at best)."""

    key: str
    label: str
    unit: str
    value: float | None
    baseline: float | None = None
    baseline_name: str = ""
    target: float | None = None
    better: Better = "lower"
    max_ratio: float | None = None  # e.g. "<= 3x the batching relay", see `against`
    scaled: bool = False  # a quick run's smaller size: the target does not apply
    note: str = ""
    runs: list[float | None] = field(default_factory=list)
    baseline_runs: list[float | None] = field(default_factory=list)
    limit: float | None = None
    limit_name: str = ""
    limit_runs: list[float | None] = field(default_factory=list)
    against: Against = "baseline"  # which ratio `max_ratio` judges
    goal_ratio: float | None = None  # shown beside the target, not judged
    # Which of "value", "baseline", "limit" are only "at least": the window closed first.
    lower_bounds: list[str] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Row:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    @property
    def ratio(self) -> float | None:
        return _ratio(self.value, self.baseline)

    @property
    def limit_ratio(self) -> float | None:
        return _ratio(self.value, self.limit)

    @property
    def within_target(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        if self.better == "lower":
            return self.value <= self.target and "value" not in self.lower_bounds
        return self.value >= self.target

    @property
    def within_ratio(self) -> bool | None:
        ratio = self.limit_ratio if self.against == "limit" else self.ratio
        if self.max_ratio is None or ratio is None:
            return None
        if self.better == "higher":
            return ratio >= self.max_ratio
        return ratio <= self.max_ratio and "value" not in self.lower_bounds

    @property
    def status(self) -> str:
        if self.value is None:
            return "n/a"
        if self.scaled:
            return "(quick)"
        checks = [c for c in (self.within_target, self.within_ratio) if c is not None]
        if not checks:
            return "—"
        return "PASS" if all(checks) else "MISS"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(ratio=self.ratio, limit_ratio=self.limit_ratio, status=self.status)
        return data


def _ratio(value: float | None, base: float | None) -> float | None:
    if value is None or not base:
        return None
    return value / base


def number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "%":
        return f"{value * 100:.1f} %"
    if unit in ("events/s", "participants"):
        return f"{value:,.0f} {unit}"
    if abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".strip()


def target_text(row: Row) -> str:
    parts = []
    if row.target is not None:
        sign = "<=" if row.better == "lower" else ">="
        parts.append(f"{sign} {number(row.target, row.unit)}")
    if row.max_ratio is not None:
        sign = "<=" if row.better == "lower" else ">="
        whom = row.limit_name if row.against == "limit" else row.baseline_name
        goal = f" (goal {row.goal_ratio:g}x)" if row.goal_ratio is not None else ""
        parts.append(f"{sign} {row.max_ratio:g}x {whom or 'baseline'}{goal}")
    return ", ".join(parts) if parts else "—"


def ratio_text(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.2f}x"


def value_text(value: float | None, unit: str, at_least: bool = False) -> str:
    shown = number(value, unit)
    return f">= {shown}" if at_least and value is not None else shown


def baseline_text(value: float | None, name: str, unit: str, at_least: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value_text(value, unit, at_least)} ({name})"


HEADER = ("benchmark", "kerne", "target", "baseline", "ratio", "limit", "ratio", "status", "note")


def cells(row: Row) -> tuple[str, ...]:
    return (
        row.label,
        value_text(row.value, row.unit, "value" in row.lower_bounds),
        target_text(row),
        baseline_text(row.baseline, row.baseline_name, row.unit, "baseline" in row.lower_bounds),
        ratio_text(row.ratio),
        baseline_text(row.limit, row.limit_name, row.unit, "limit" in row.lower_bounds),
        ratio_text(row.limit_ratio),
        row.status,
        row.note,
    )


def _esc(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows:
        lines.append("| " + " | ".join(_esc(c) for c in cells(row)) + " |")
    return "\n".join(lines) + "\n"


def plain(rows: list[Row]) -> str:
    table = [HEADER, *(cells(r) for r in rows)]
    widths = [max(len(r[i]) for r in table) for i in range(len(HEADER))]
    out = []
    for i, line in enumerate(table):
        out.append("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
        if i == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out) + "\n"


# --- the capacity tables ------------------------------------------------------------------


def _ms_cell(run: dict[str, Any]) -> str:
    return value_text(run.get("p99_last_ms"), "ms", bool(run.get("p99_last_lower_bound")))


def capacity_markdown(
    capacity: dict[str, dict[str, list[dict[str, Any]]]],
    ramp: dict[str, list[dict[str, Any]]],
    labels: list[str],
    hold_ms: float,
) -> str:
    """The capacity run as two tables: the fixed scenarios (every server's p99, reach,
    CPU, RSS and what the load generator took), and the ramp step by step."""
    out: list[str] = []
    if capacity:
        out += [
            "| load | server | p99 command → last receiver | reach | server CPU "
            "(share of one core) | server RSS | load generator CPU | load: sends late "
            "(p99) | other processes |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for scenario, by_label in capacity.items():
            for label in labels:
                for run in by_label.get(label, []):
                    cores = run.get("load_cores")
                    out.append(
                        "| "
                        + " | ".join(
                            [
                                _esc(scenario),
                                label,
                                _ms_cell(run),
                                number(run.get("reach"), "%"),
                                number(run.get("server_core_share"), "%"),
                                number(run.get("rss_mb"), "MB"),
                                "—" if cores is None else f"{cores:.2f} cores",
                                number(run.get("send_late_p99_ms"), "ms"),
                                number(run.get("others_share"), "%"),
                            ]
                        )
                        + " |"
                    )
        out.append("")
    if ramp:
        shown = [label for label in labels if label in ramp]
        steps = sorted({int(r["step"]) for runs in ramp.values() for r in runs})
        out += [
            "| participants (sessions of 30, 1 command/s each) | "
            + " | ".join(f"{label}: p99 → last receiver" for label in shown)
            + " |",
            "|---|" + "---|" * len(shown),
        ]
        for step in steps:
            row = [f"{step:,}"]
            for label in shown:
                found = [r for r in ramp[label] if int(r["step"]) == step]
                if not found:
                    row.append("(not run)")
                    continue
                run = found[0]
                mark = "held" if run.get("held") else "did not hold"
                reach = run.get("reach")
                missing = f", reach {number(reach, '%')}" if reach is not None and reach < 1 else ""
                row.append(f"{_ms_cell(run)} ({mark}{missing})")
            out.append("| " + " | ".join(row) + " |")
        largest = []
        for label in shown:
            held = [int(r["step"]) for r in ramp[label] if r.get("held")]
            largest.append(f"{max(held):,}" if held else "none")
        out.append(
            f"| **largest held (p99 <= {hold_ms:g} ms, all delivered)** | "
            + " | ".join(f"**{x}**" for x in largest)
            + " |"
        )
        out.append("")
    return "\n".join(out)


# --- the plot -------------------------------------------------------------------------------

COLOURS = {"kerne": "#c0392b", "relay": "#2c3e50", "batching relay": "#2980b9"}
TARGET = "#27ae60"


def _log_ticks(low: float, high: float) -> list[float]:
    ticks = []
    power = math.floor(math.log10(low))
    while 10**power <= high * 1.0001:
        for step in (1, 2, 5):
            tick = step * 10**power
            if low * 0.999 <= tick <= high * 1.001:
                ticks.append(float(tick))
        power += 1
    return ticks


@dataclass
class Panel:
    """One log-log plot: a line per server, target marks, a dashed ratio limit, a
    horizontal line, and text under chosen points (kerne's ratios)."""

    title: str
    series: dict[str, list[tuple[int, float]]]
    targets: list[tuple[int, float]] = field(default_factory=list)
    limit: list[tuple[int, float]] = field(default_factory=list)
    limit_name: str = ""
    hline: float | None = None
    hline_name: str = ""
    notes: dict[tuple[str, int], str] = field(default_factory=dict)
    legend: dict[str, str] = field(default_factory=dict)  # a series' name in the legend
    x_label: str = "participants in the session (N)"
    y_label: str = "p99 command → last client (ms)"


def plot_svg(
    series: dict[str, list[tuple[int, float]]],
    targets: list[tuple[int, float]],
    title: str,
    limit: list[tuple[int, float]] | None = None,
    limit_name: str = "1.5x relay",
) -> str:
    """One panel as a whole SVG document (see `Panel` and `panels_svg`)."""
    return panels_svg([Panel(title, series, targets, limit or [], limit_name)])


def panels_svg(panels: list[Panel]) -> str:
    """Panels side by side in one SVG document."""
    width, height = 740, 440
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width * len(panels)}" '
        f'height="{height}" viewBox="0 0 {width * len(panels)} {height}" '
        'font-family="sans-serif" font-size="12">',
        f'<rect width="{width * len(panels)}" height="{height}" fill="white"/>',
    ]
    for i, panel in enumerate(panels):
        out.append(f'<g transform="translate({i * width},0)">')
        out.extend(_panel(panel, width, height))
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _panel(panel: Panel, width: int, height: int) -> list[str]:
    left, right, top, bottom = 70, 210, 40, 60
    series, targets, limit = panel.series, panel.targets, panel.limit
    points = [v for line in series.values() for _, v in line]
    points += [v for _, v in targets] + [v for _, v in limit]
    if panel.hline is not None:
        points.append(panel.hline)
    ns = [n for line in series.values() for n, _ in line] + [n for n, _ in targets]
    if not points or not ns:
        points, ns = [1.0, 10.0], [10, 1000]
    y_low = 10 ** math.floor(math.log10(max(min(points) / 1.3, 1e-3)))
    y_high = 10 ** math.ceil(math.log10(max(points) * 1.3))
    x_low, x_high = min(ns) / 1.6, max(ns) * 1.6

    def x(n: float) -> float:
        span = math.log10(x_high) - math.log10(x_low)
        return left + (math.log10(n) - math.log10(x_low)) / span * (width - left - right)

    def y(v: float) -> float:
        span = math.log10(y_high) - math.log10(y_low)
        return (
            height - bottom - (math.log10(v) - math.log10(y_low)) / span * (height - top - bottom)
        )

    out = [f'<text x="{left}" y="22" font-size="14" font-weight="bold">{_xml(panel.title)}</text>']
    for tick in _log_ticks(y_low, y_high):
        ty = y(tick)
        out.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}" stroke="#e5e5e5"/>'
        )
        out.append(f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end">{tick:g}</text>')
    for tick in _log_ticks(x_low, x_high):
        tx = x(tick)
        out.append(
            f'<line x1="{tx:.1f}" y1="{top}" x2="{tx:.1f}" y2="{height - bottom}" '
            'stroke="#e5e5e5"/>'
        )
        out.append(
            f'<text x="{tx:.1f}" y="{height - bottom + 16}" text-anchor="middle">{tick:g}</text>'
        )
    out.append(
        f'<rect x="{left}" y="{top}" width="{width - left - right}" '
        f'height="{height - top - bottom}" fill="none" stroke="#555"/>'
    )
    out.append(
        f'<text x="{(left + width - right) / 2:.0f}" y="{height - 18}" text-anchor="middle">'
        f"{_xml(panel.x_label)}</text>"
    )
    middle = (top + height - bottom) / 2
    out.append(
        f'<text x="16" y="{middle:.0f}" text-anchor="middle" '
        f'transform="rotate(-90 16 {middle:.0f})">{_xml(panel.y_label)}</text>'
    )
    lx = width - right + 16
    legend_y = top + 10

    def legend(mark: str, name: str) -> None:
        nonlocal legend_y
        out.append(mark.format(x1=lx, x2=lx + 20, y=legend_y))
        out.append(f'<text x="{lx + 26}" y="{legend_y + 4}">{_xml(name)}</text>')
        legend_y += 20

    if limit:
        path = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in sorted(limit))
        dashed = f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="5,4"'
        out.append(f'<polyline points="{path}" fill="none" {dashed}/>')
        legend(f'<line x1="{{x1}}" y1="{{y}}" x2="{{x2}}" y2="{{y}}" {dashed}/>', panel.limit_name)
    if panel.hline is not None:
        hy = y(panel.hline)
        dotted = f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="2,3"'
        out.append(f'<line x1="{left}" y1="{hy:.1f}" x2="{width - right}" y2="{hy:.1f}" {dotted}/>')
        legend(f'<line x1="{{x1}}" y1="{{y}}" x2="{{x2}}" y2="{{y}}" {dotted}/>', panel.hline_name)
    for index, (name, line) in enumerate(series.items()):
        colour = COLOURS.get(name, "#8e44ad")
        ordered = sorted(line)
        if ordered:
            path = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in ordered)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
            dy = (-7, 15, 27)[min(index, 2)]
            for n, v in ordered:
                shown = f"{v:.0f}" if v >= 10 else f"{v:.1f}"
                # Near the right edge the text goes to the left of the point, clear of
                # the legend; a note (kerne's ratios) is a second line above the value.
                near_edge = x(n) > width - right - 100
                tx = x(n) - 7 if near_edge else x(n) + 7
                anchor = ' text-anchor="end"' if near_edge else ""
                out.append(f'<circle cx="{x(n):.1f}" cy="{y(v):.1f}" r="4" fill="{colour}"/>')
                out.append(
                    f'<text x="{tx:.1f}" y="{y(v) + dy:.1f}" fill="{colour}" '
                    f'font-size="10"{anchor}>{_xml(shown)}</text>'
                )
                extra = panel.notes.get((name, n))
                if extra:
                    out.append(
                        f'<text x="{tx:.1f}" y="{y(v) + dy - 11:.1f}" fill="{colour}" '
                        f'font-size="9"{anchor}>{_xml(extra)}</text>'
                    )
        legend(
            f'<line x1="{{x1}}" y1="{{y}}" x2="{{x2}}" y2="{{y}}" stroke="{colour}" '
            'stroke-width="2"/>',
            panel.legend.get(name, name),
        )
    if targets:
        for n, v in targets:
            cx, cy = x(n), y(v)
            out.append(
                f'<path d="M{cx - 6:.1f},{cy:.1f} L{cx + 6:.1f},{cy:.1f}" stroke="{TARGET}" '
                'stroke-width="3"/>'
            )
        legend(
            f'<path d="M{{x1}},{{y}} L{{x2}},{{y}}" stroke="{TARGET}" stroke-width="3"/>', "target"
        )
    return out


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
