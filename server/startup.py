"""What the facilitator reads when the server starts: for each session served, its title,
its code, the key when it was just made, and the exact line participants type on each
network this laptop is on (named by interface, so the Wi-Fi is told from a docker bridge).

Plain functions over plain data: the addresses come in, lines of text go out.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from server import protocol as p
from server.addresses import Address, url
from server.pages import qr_lines


@dataclass(frozen=True)
class Served:
    """A session the server serves now; `key` only when it was made by this start."""

    code: str
    title: str
    key: str | None = None


@dataclass(frozen=True)
class Reach:
    """How this server is reached: scheme, port, the addresses per interface, the host for
    the facilitator's own terminal, and whether the local network was told."""

    scheme: str
    port: int
    addresses: list[Address]
    facilitator_host: str
    announced: bool


def _label(address: Address) -> str | None:
    if address.interface == "?":
        return None
    if address.loopback:
        return f"on this machine only ({address.interface}):"
    return f"on {address.interface}:"


def join_lines(shown: str, reach: Reach) -> list[Text]:
    """One `--server` line per address, grouped under the interface it belongs to."""
    lines: list[Text] = []
    label: str | None = None
    for address in reach.addresses:
        here = _label(address)
        if here is not None and here != label:
            lines.append(Text(f"  {here}"))
        label = here
        target = url(reach.scheme, address.ip, reach.port)
        lines.append(Text(f"    kerne-tui join {shown} --server {target}"))
        if not address.loopback:
            lines += web_lines(shown, web_url(reach, address, shown))
    return lines


def web_url(reach: Reach, address: Address, shown: str) -> str:
    """The page a phone opens to join: the same address and port, over HTTP(S)."""
    scheme = "https" if reach.scheme == "wss" else "http"
    return f"{url(scheme, address.ip, reach.port)}/j/{shown}"


def web_lines(shown: str, where: str) -> list[Text]:
    """The browser's way in: the address, and its QR code for a phone's camera. The code
    is fine in the room; it never goes into the network announcement (server/announce)."""
    return [
        Text(f"    or in a phone's browser: {where}"),
        *(Text(f"      {row}") for row in qr_lines(where)),
    ]


def session_text(session: Served, reach: Reach) -> list[Text]:
    """The block for one session."""
    shown = p.format_code(session.code)
    lines = [
        Text.assemble(("kerne session ", "bold"), (session.title, "bold")),
        Text.assemble("  join code:        ", (shown, "bold green")),
    ]
    if session.key:
        lines.append(Text.assemble("  facilitator key:  ", (session.key, "bold yellow")))
    else:
        lines.append(
            Text(
                "  facilitator key:  shown only when made (only its hash is kept); "
                f"lost it? kerne-server key {shown}"
            )
        )
    if reach.announced:
        lines.append(Text("  participants type:"))
        lines.append(Text(f"    kerne-tui join {shown}"))
        lines.append(Text("  or, if that does not find the session, the line for their network:"))
    elif reach.addresses:
        lines.append(Text("  participants type the line for their network:"))
    if reach.addresses:
        lines += join_lines(shown, reach)
    else:
        lines.append(
            Text(
                "  no network address found: join this laptop to the room's network, "
                "then start the server again"
            )
        )
    mine = url(reach.scheme, reach.facilitator_host, reach.port)
    if session.key:
        lines.append(Text("  you, the facilitator, type:"))
        lines.append(
            Text(f"    kerne-tui join {shown} --server {mine} --facilitator {session.key}")
        )
    else:
        lines.append(Text("  you, the facilitator, type (your key in place of KEY):"))
        lines.append(Text(f"    kerne-tui join {shown} --server {mine} --facilitator KEY"))
    scheme = "https" if reach.scheme == "wss" else "http"
    wall = f"{url(scheme, reach.facilitator_host, reach.port)}/screen/{shown}"
    lines.append(Text(f"  for the projector, open in a browser: {wall}"))
    return lines


def startup_text(sessions: list[Served], reach: Reach, others: int = 0) -> list[Text]:
    """Every session's block, how many more are served unprinted, then how to stop."""
    lines: list[Text] = []
    for session in sessions:
        lines += [*session_text(session, reach), Text("")]
    if others:
        lines.append(
            Text(
                f"Also serving {others} other open session{'s' if others > 1 else ''} "
                "(kerne-server sessions lists them)."
            )
        )
    lines.append(
        Text("Ctrl+C stops the server; the sessions are kept, and starting it again serves them.")
    )
    return lines
