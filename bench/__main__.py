"""`python -m bench all [--quick] [--out DIR] [--docs]`, or one benchmark at a time.

    python -m bench all --quick      # every benchmark, scaled down: about 4 minutes
    python -m bench all --docs       # the full run (about 18 minutes), written into docs/
    python -m bench fanout|stall|vote|memory|joins|capacity|ramp|store|export|client|drafts
    python -m bench scenarios        # capacity's fixed scenarios alone, without the ramp
    python -m bench report --results FILE [--docs]   # tables and plot again, no measuring

It prints each measurement as it goes and the table at the end, and writes results.json,
results.md (the table and the capacity tables) and fanout-p99.svg to --out (default:
$TMPDIR/kerne-bench/MODE). With --docs (`all` or `report` only: a partial run must not
replace a whole one) it also writes the plot to docs/bench-fanout.svg and the results
into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.report import Row, markdown, plain
from bench.suite import CAPACITY_PARTS, FULL, NETWORK_PARTS, QUICK, Config, Suite

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
DOC_PLOT = ROOT / "docs" / "bench-fanout.svg"
START, END = "<!-- results:start -->", "<!-- results:end -->"

PIECES: dict[str, tuple[list[str], set[str]]] = {
    # command: (steps of the suite, parts of the network and capacity steps)
    "all": (
        ["network", "joins", "capacity", "store", "export", "client", "drafts"],
        set(NETWORK_PARTS | CAPACITY_PARTS),
    ),
    "network": (["network"], set(NETWORK_PARTS)),
    "fanout": (["network"], {"fanout"}),
    "stall": (["network"], {"stall"}),
    "vote": (["network"], {"vote"}),
    "memory": (["network"], {"memory"}),
    "joins": (["joins"], set()),
    "capacity": (["capacity"], set(CAPACITY_PARTS)),
    "scenarios": (["capacity"], {"scenarios"}),
    "ramp": (["capacity"], {"ramp"}),
    "store": (["store"], set()),
    "export": (["export"], set()),
    "client": (["client"], set()),
    "drafts": (["drafts"], set()),
    "report": ([], set()),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="kerne's benchmarks, side by side with baselines."
    )
    parser.add_argument("command", choices=list(PIECES), help="what to run")
    parser.add_argument("--quick", action="store_true", help="scaled down: about 4 minutes")
    parser.add_argument("--out", type=Path, help="where results go (default: a temp dir)")
    parser.add_argument("--docs", action="store_true", help="write the results into docs/")
    parser.add_argument("--runs", type=int, help="repetitions of each measurement")
    parser.add_argument("--big-n", type=int, help="size of the large room (default 1000)")
    parser.add_argument("--workers", type=int, help="load worker processes (at least 2)")
    parser.add_argument(
        "--shards", type=int, help="kerne's processes in the capacity runs (default 1)"
    )
    parser.add_argument("--results", type=Path, help="report: a results.json to render")
    return parser


def docs_block(document: dict[str, Any], command: str) -> str:
    machine = document["machine"]
    memory = machine["memory"].splitlines()
    mem_line = memory[1].split()[1] if len(memory) > 1 and len(memory[1].split()) > 1 else "?"
    lines = [
        START,
        "",
        f"Run on {document['date']} with `{command}` ({document['mode']} mode, "
        f"{document['seconds'] / 60:.1f} minutes).",
        "",
        f"Machine: {machine['nproc']} cores ({machine['cpu']}), {mem_line} memory, "
        f"Python {machine['python']}, {machine['platform']}; load average at the end "
        + ", ".join(f"{x:.2f}" for x in machine["loadavg"])
        + ".",
        "",
        "```",
        "$ nproc",
        machine["nproc"],
        "$ free -h",
        machine["memory"],
        "```",
        "",
        document["table"].rstrip(),
        "",
        "Capacity: the scenarios of many sessions at once, and the ramp (the command above "
        "ran it; `python -m bench capacity` runs it alone).",
        "",
        (document.get("capacity_table") or "(the capacity step did not run)").rstrip(),
        "",
        "![p99 command → last client: fan-out against N, and capacity against participants; "
        "kerne, the relay and the batching relay](bench-fanout.svg)",
        "",
        END,
    ]
    return "\n".join(lines) + "\n"


def write_docs(document: dict[str, Any], svg: str, command: str) -> None:
    DOC_PLOT.write_text(svg)
    block = docs_block(document, command)
    text = DOC.read_text() if DOC.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        text = head + block.rstrip("\n") + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block
    DOC.write_text(text)


def report(args: argparse.Namespace, argv: list[str] | None) -> int:
    """Render the table, the plot and (with --docs) the page from a saved results.json."""
    if args.results is None:
        raise SystemExit("report needs --results PATH (a results.json of an earlier run)")
    document: dict[str, Any] = json.loads(args.results.read_text())
    rows = [Row.from_dict(r) for r in document["rows"]]
    config = Config.from_dict(document["config"])
    suite = Suite(config, args.results.parent, raw=document["raw"], rows=rows)
    table = markdown(rows)
    print(plain(rows))
    capacity = suite.capacity_table()
    if capacity:
        print(capacity)
    svg = suite.plot()
    (args.results.parent / "fanout-p99.svg").write_text(svg)
    if args.docs:
        document.setdefault("date", "?")
        document["table"] = table
        document["capacity_table"] = capacity
        write_docs(document, svg, document.get("command", "python -m bench all --docs"))
        print(f"wrote {DOC} and {DOC_PLOT}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "report":
        return report(args, argv)
    if args.docs and args.command != "all":
        raise SystemExit("--docs writes a whole run into the docs: use it with `all`")
    config = QUICK if args.quick else FULL
    changes: dict[str, Any] = {}
    if args.runs:
        changes["runs"] = changes["small_runs"] = args.runs
    if args.big_n:
        changes["big_n"] = args.big_n
    if args.workers:
        changes["workers"] = args.workers
    if args.shards:
        changes["shards"] = args.shards
    config = dataclasses.replace(config, **changes)
    mode = "quick" if config.quick else "full"
    out = args.out or Path(tempfile.gettempdir()) / "kerne-bench" / mode
    out.mkdir(parents=True, exist_ok=True)
    steps, parts = PIECES[args.command]
    suite = Suite(config, out, parts=parts)
    began = time.monotonic()
    print(f"kerne benchmarks: {args.command} ({mode}); results in {out}", flush=True)
    try:
        suite.everything(steps)
    finally:
        suite.close()
    seconds = time.monotonic() - began
    table = markdown(suite.rows)
    capacity = suite.capacity_table()
    shown = " ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])])
    date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    document = suite.save(seconds, date=date, command=shown)
    document["table"] = table
    document["capacity_table"] = capacity
    (out / "results.md").write_text(table + ("\n" + capacity if capacity else ""))
    print()
    print(plain(suite.rows))
    if capacity:
        print(capacity)
    if ("network" in steps and "fanout" in parts) or ("capacity" in steps and "ramp" in parts):
        svg = suite.plot()
        (out / "fanout-p99.svg").write_text(svg)
        print(f"plot: {out / 'fanout-p99.svg'}")
        if args.docs:
            write_docs(document, svg, shown)
            print(f"wrote {DOC} and {DOC_PLOT}")
    for failure in suite.failures:
        print(f"FAILED: {failure}")
    print(f"table: {out / 'results.md'}; raw figures: {out / 'results.json'}")
    print(f"done in {seconds:.0f} s ({seconds / 60:.1f} minutes)")
    return 1 if suite.failures else 0


if __name__ == "__main__":
    sys.exit(main())
