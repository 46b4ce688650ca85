"""The results table (terminal and Markdown) and the p99-against-N plot (plain SVG)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Better = Literal["lower", "higher"]


@dataclass
class Row:
    """One figure: kerne's value, its target, and the baseline measured in the same run."""

    key: str
    label: str
    unit: str
    value: float | None
    baseline: float | None = None
    baseline_name: str = ""
    target: float | None = None
    better: Better = "lower"
    max_ratio: float | None = None  # e.g. "<= 3x the relay"
    scaled: bool = False  # a quick run's smaller size: the target does not apply
    note: str = ""
    runs: list[float | None] = field(default_factory=list)
    baseline_runs: list[float | None] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def within_target(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        if self.better == "lower":
            return self.value <= self.target
        return self.value >= self.target

    @property
    def within_ratio(self) -> bool | None:
        ratio = self.ratio
        if self.max_ratio is None or ratio is None:
            return None
        return ratio <= self.max_ratio

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
        data.update(ratio=self.ratio, status=self.status)
        return data


def number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "%":
        return f"{value * 100:.1f} %"
    if unit == "events/s":
        return f"{value:,.0f} events/s"
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
        parts.append(f"<= {row.max_ratio:g}x baseline")
    return ", ".join(parts) if parts else "—"


def ratio_text(row: Row) -> str:
    ratio = row.ratio
    return "—" if ratio is None else f"{ratio:.2f}x"


def baseline_text(row: Row) -> str:
    if row.baseline is None:
        return "—"
    return f"{number(row.baseline, row.unit)} ({row.baseline_name})"


HEADER = ("benchmark", "kerne", "target", "baseline", "ratio", "status", "note")


def cells(row: Row) -> tuple[str, ...]:
    return (
        row.label,
        number(row.value, row.unit),
        target_text(row),
        baseline_text(row),
        ratio_text(row),
        row.status,
        row.note,
    )


def markdown(rows: list[Row]) -> str:
    def esc(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows:
        lines.append("| " + " | ".join(esc(c) for c in cells(row)) + " |")
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


# --- the plot -------------------------------------------------------------------------------

COLOURS = {"kerne": "#c0392b", "relay": "#2c3e50", "relay, no deflate": "#7f8c8d"}


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


def plot_svg(
    series: dict[str, list[tuple[int, float]]],
    targets: list[tuple[int, float]],
    title: str,
    limit: list[tuple[int, float]] | None = None,
    limit_name: str = "3x relay",
) -> str:
    """p99 (ms, log scale) against N (log scale); a line per series, targets as marks,
    and `limit` (the ratio target) as a dashed line."""
    width, height = 660, 420
    left, right, top, bottom = 70, 170, 40, 60
    limit = limit or []
    points = [v for line in series.values() for _, v in line]
    points += [v for _, v in targets] + [v for _, v in limit]
    ns = [n for line in series.values() for n, _ in line] + [n for n, _ in targets]
    if not points:
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

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="22" font-size="14" font-weight="bold">{_xml(title)}</text>',
    ]
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
        "participants in the session (N)</text>"
    )
    out.append(
        f'<text x="16" y="{(top + height - bottom) / 2:.0f}" text-anchor="middle" '
        f'transform="rotate(-90 16 {(top + height - bottom) / 2:.0f})">'
        "p99 command → last client (ms)</text>"
    )
    legend_y = top + 10
    if limit:
        ordered = sorted(limit)
        path = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in ordered)
        out.append(
            f'<polyline points="{path}" fill="none" stroke="#27ae60" stroke-width="1.5" '
            'stroke-dasharray="5,4"/>'
        )
        lx = width - right + 16
        out.append(
            f'<line x1="{lx}" y1="{legend_y}" x2="{lx + 20}" y2="{legend_y}" stroke="#27ae60" '
            'stroke-width="1.5" stroke-dasharray="5,4"/>'
        )
        out.append(f'<text x="{lx + 26}" y="{legend_y + 4}">{_xml(limit_name)}</text>')
        legend_y += 20
    for index, (name, line) in enumerate(series.items()):
        colour = COLOURS.get(name, "#2980b9")
        ordered = sorted(line)
        if ordered:
            path = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in ordered)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
            dy = (-7, 15, 27)[min(index, 2)]
            for n, v in ordered:
                shown = f"{v:.0f}" if v >= 10 else f"{v:.1f}"
                out.append(f'<circle cx="{x(n):.1f}" cy="{y(v):.1f}" r="4" fill="{colour}"/>')
                out.append(
                    f'<text x="{x(n) + 7:.1f}" y="{y(v) + dy:.1f}" fill="{colour}" '
                    f'font-size="10">{shown}</text>'
                )
        lx = width - right + 16
        out.append(
            f'<line x1="{lx}" y1="{legend_y}" x2="{lx + 20}" y2="{legend_y}" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
        out.append(f'<text x="{lx + 26}" y="{legend_y + 4}">{_xml(name)}</text>')
        legend_y += 20
    if targets:
        for n, v in targets:
            cx, cy = x(n), y(v)
            out.append(
                f'<path d="M{cx - 6:.1f},{cy:.1f} L{cx + 6:.1f},{cy:.1f}" stroke="#27ae60" '
                'stroke-width="3"/>'
            )
        lx = width - right + 16
        out.append(
            f'<path d="M{lx + 4},{legend_y} L{lx + 16},{legend_y}" stroke="#27ae60" '
            'stroke-width="3"/>'
        )
        out.append(f'<text x="{lx + 26}" y="{legend_y + 4}">target</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
