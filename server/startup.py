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
from server.catalog import Lang, words
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


def _label(address: Address, lang: Lang = "en") -> str | None:
    t = words(lang)
    if address.interface == "?":
        return None
    if address.loopback:
        return t("startup.loopback", interface=address.interface)
    return t("startup.interface", interface=address.interface)


def join_lines(shown: str, reach: Reach, lang: Lang = "en") -> list[Text]:
    """One `--server` line per address, grouped under the interface it belongs to."""
    lines: list[Text] = []
    label: str | None = None
    for address in reach.addresses:
        here = _label(address, lang)
        if here is not None and here != label:
            lines.append(Text(f"  {here}"))
        label = here
        target = url(reach.scheme, address.ip, reach.port)
        lines.append(Text(f"    kerne-tui join {shown} --server {target}"))
        if not address.loopback:
            lines += web_lines(web_url(reach, address, shown), lang)
    return lines


def web_url(reach: Reach, address: Address, shown: str) -> str:
    """The page a phone opens to join: the same address and port, over HTTP(S)."""
    scheme = "https" if reach.scheme == "wss" else "http"
    return f"{url(scheme, address.ip, reach.port)}/j/{shown}"


def web_lines(where: str, lang: Lang = "en") -> list[Text]:
    """The browser's way in: the address, and its QR code for a phone's camera. The code
    is fine in the room; it never goes into the network announcement (server/announce)."""
    return [
        Text(words(lang)("startup.web", url=where)),
        *(Text(f"      {row}") for row in qr_lines(where)),
    ]


def session_text(session: Served, reach: Reach, lang: Lang = "en") -> list[Text]:
    """The block for one session, in the facilitator's language."""
    t = words(lang)
    shown = p.format_code(session.code)
    lines = [
        Text.assemble((t("startup.session"), "bold"), (session.title, "bold")),
        Text.assemble(t("startup.code"), (shown, "bold green")),
    ]
    if session.key:
        lines.append(Text.assemble(t("startup.key"), (session.key, "bold yellow")))
    else:
        lines.append(Text(t("startup.key_hidden", code=shown)))
    if reach.announced:
        lines.append(Text(t("startup.participants_announced")))
        lines.append(Text(f"    kerne-tui join {shown}"))
        lines.append(Text(t("startup.or_network")))
    elif reach.addresses:
        lines.append(Text(t("startup.participants_network")))
    if reach.addresses:
        lines += join_lines(shown, reach, lang)
    else:
        lines.append(Text(t("startup.no_address")))
    mine = url(reach.scheme, reach.facilitator_host, reach.port)
    if session.key:
        lines.append(Text(t("startup.you")))
        lines.append(
            Text(f"    kerne-tui join {shown} --server {mine} --facilitator {session.key}")
        )
    else:
        lines.append(Text(t("startup.you_key")))
        lines.append(Text(f"    kerne-tui join {shown} --server {mine} --facilitator KEY"))
    scheme = "https" if reach.scheme == "wss" else "http"
    wall = f"{url(scheme, reach.facilitator_host, reach.port)}/screen/{shown}"
    lines.append(Text(t("startup.projector", url=wall)))
    return lines


def startup_text(
    sessions: list[Served],
    reach: Reach,
    others: int = 0,
    lang: Lang = "en",
    shard: tuple[int, int, str] | None = None,
) -> list[Text]:
    """Every session's block, how many more are served unprinted, then how to stop. A
    process that serves one shard (its number, how many, its file) says which it is, and
    leaves how to stop to the process that started it."""
    t = words(lang)
    lines: list[Text] = []
    if shard is not None:
        n, count, file = shard
        lines.append(Text(t("startup.shard", n=n, count=count, port=reach.port, file=file)))
    for session in sessions:
        lines += [*session_text(session, reach, lang), Text("")]
    if others:
        lines.append(Text(t(f"startup.others.{'one' if others == 1 else 'other'}", n=others)))
    if shard is None:
        lines.append(Text(t("startup.stop")))
    return lines
