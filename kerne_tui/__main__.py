"""`kerne-tui`: join a session from the terminal, or watch a demo one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kerne_tui.app import make_app, options_from


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kerne-tui", description="Take part in a kerne workshop from the terminal."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    join = sub.add_parser("join", help="join a session with its code")
    join.add_argument("code", help="the join code, e.g. K7QX-M2PA")
    join.add_argument(
        "--server",
        help="ws://HOST:PORT (default: $KERNE_SERVER, else found on the local network)",
    )
    join.add_argument("--name", help="your name (asked if not given)")
    join.add_argument("--profession", help="your profession (asked if not given)")
    join.add_argument("--observer", action="store_true", help="watch without taking part")
    join.add_argument("--facilitator", metavar="KEY", help="join as the facilitator")
    join.add_argument("--no-vote", action="store_true", help="facilitator: do not vote or tag")
    join.add_argument("--lang", choices=["da", "en"], help="language (default: from locale)")
    join.add_argument(
        "--cafile", help="trust this CA certificate for wss:// (default: $KERNE_CAFILE)"
    )
    join.add_argument(
        "--no-bell",
        action="store_true",
        help="no terminal bell when a round opens or time is up (or KERNE_BELL=0)",
    )
    join.add_argument("--config-dir", type=Path, help=argparse.SUPPRESS)
    servers = sub.add_parser("servers", help="list the kerne servers on the local network")
    servers.add_argument("--lang", choices=["da", "en"], help="language (default: from locale)")
    demo = sub.add_parser("demo", help="a live demo session with simulated colleagues")
    demo.add_argument("--lang", choices=["da", "en"], help="language (default: from locale)")
    return parser


def list_servers(lang: str | None) -> int:
    """`kerne-tui servers`: what DNS-SD finds in about two seconds."""
    import asyncio

    from kerne_tui.discovery import browse
    from kerne_tui.locale import Strings, pick_language

    t = Strings(pick_language(lang))
    found = asyncio.run(browse())
    if not found:
        print(t("servers.none"))
        return 1
    print(t("servers.title"))
    for server in found:
        print(f"  {server.name:<40} {server.url}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        from kerne_tui.demo import run_demo

        return run_demo(args.lang)
    if args.command == "servers":
        return list_servers(args.lang)
    options = options_from(
        args.code,
        server=args.server,
        name=args.name,
        profession=args.profession,
        observer=args.observer,
        facilitator_key=args.facilitator,
        votes=not args.no_vote,
        lang=args.lang,
        config_dir=args.config_dir,
        cafile=args.cafile,
        bell=False if args.no_bell else None,
    )
    app = make_app(options)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
