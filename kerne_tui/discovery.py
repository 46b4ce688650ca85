"""Find kerne servers on the local network (DNS-SD over multicast DNS), and the one that
holds a join code: so that `kerne-tui join K7QX-M2PA` is all a participant types."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from websockets.exceptions import InvalidHandshake
from zeroconf import IPVersion, ServiceStateChange, Zeroconf
from zeroconf.asyncio import AsyncServiceBrowser, AsyncServiceInfo, AsyncZeroconf

from kerne_tui.connection import lookup
from server import protocol as p
from server.addresses import interface_addresses

SERVICE_TYPE = "_kerne._tcp.local."
BROWSE_SECONDS = 2.0


@dataclass(frozen=True)
class Found:
    """A server that announced itself: its name and where to reach it."""

    name: str
    url: str
    local: bool
    # The TXT record as announced, for `kerne-tui servers` and for checking what leaks.
    properties: tuple[tuple[str, str], ...] = ()


def _is_local(address: str) -> bool:
    """On this machine: loopback, or an address of one of its interfaces (the host name
    is no guide: Debian resolves it to 127.0.1.1)."""
    if address.startswith("127."):
        return True
    try:
        return address in {a.ip for a in interface_addresses()}
    except OSError:
        return False


def url_of(address: str, port: int, properties: dict[bytes, bytes | None]) -> str:
    """wss:// when the server said `tls=1` (it serves only that), else ws://."""
    scheme = "wss" if properties.get(b"tls") == b"1" else "ws"
    return f"{scheme}://{address}:{port}"


async def browse(
    seconds: float = BROWSE_SECONDS, interfaces: list[str] | None = None
) -> list[Found]:
    """Every kerne server that answers within `seconds`, this machine's first."""
    zeroconf = AsyncZeroconf(
        interfaces=interfaces or ["127.0.0.1", "0.0.0.0"], ip_version=IPVersion.V4Only
    )
    names: list[str] = []

    def changed(
        zeroconf: Zeroconf, service_type: str, name: str, state_change: ServiceStateChange
    ) -> None:
        if state_change is ServiceStateChange.Added and name not in names:
            names.append(name)

    browser = AsyncServiceBrowser(zeroconf.zeroconf, SERVICE_TYPE, handlers=[changed])
    try:
        await asyncio.sleep(seconds)
        found: list[Found] = []
        for name in names:
            info = AsyncServiceInfo(SERVICE_TYPE, name)
            if not await info.async_request(zeroconf.zeroconf, 1000):
                continue
            if info.properties.get(b"protocol") != str(p.PROTOCOL_VERSION).encode():
                continue
            properties = tuple(
                sorted(
                    (k.decode(errors="replace"), (v or b"").decode(errors="replace"))
                    for k, v in info.properties.items()
                )
            )
            for address in info.parsed_addresses(IPVersion.V4Only):
                label = name.removesuffix("." + SERVICE_TYPE)
                url = url_of(address, info.port or 0, info.properties)
                found.append(Found(label, url, _is_local(address), properties))
        return sorted(found, key=lambda f: (not f.local, f.name, f.url))
    finally:
        await browser.async_cancel()
        await zeroconf.async_close()


async def find_session(
    code: str, servers: list[Found], cafile: str | None = None
) -> tuple[str, p.SessionInfo] | p.Error | None:
    """The first server (this machine first) that knows `code`: one `lookup` each, so an
    honest client costs a server that lacks the code one failed try, never more. A server
    that cannot be asked (gone, not kerne, a TLS handshake that fails) is passed over; one
    whose certificate is not trusted is the refusal, if no other server has the code."""
    refusal: p.Error | None = None
    for server in servers:
        try:
            answer = await lookup(server.url, code, timeout=3.0, cafile=cafile)
        except (OSError, TimeoutError, InvalidHandshake):
            continue
        if isinstance(answer, p.SessionInfo):
            return server.url, answer
        if answer.code != "unknown_session":
            refusal = answer
    return refusal
