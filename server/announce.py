"""DNS-SD over multicast DNS: tell the local network that a kerne server is here.

The record says only that this is a kerne server, which protocol it speaks, a server
name and, when it serves wss://, `tls=1` (so a client knows which URL to build). Never a
join code, a title or anything about who is there: an announcement reaches everyone on
the network, and the code is the key to the room.
"""

from __future__ import annotations

import os
import secrets
import socket

from zeroconf import IPVersion
from zeroconf.asyncio import AsyncServiceInfo, AsyncZeroconf

from server import protocol as p

SERVICE_TYPE = "_kerne._tcp.local."


def server_name(port: int) -> str:
    """Unique on the network even with two servers on one machine."""
    host = socket.gethostname().split(".")[0][:30] or "kerne"
    return f"kerne-{host}-{port}-{secrets.token_hex(2)}"


def properties(name: str, tls: bool) -> dict[str, str]:
    """The TXT record: `tls` only when it is true, so a plain server's record is as it was."""
    said = {"protocol": str(p.PROTOCOL_VERSION), "server": name}
    if tls:
        said["tls"] = "1"
    return said


class Announcer:
    """Registers one service record on the given IPv4 addresses until `stop`."""

    def __init__(
        self, port: int, addresses: list[str], name: str | None = None, *, tls: bool = False
    ) -> None:
        self.port = port
        self.addresses = addresses
        self.name = name or server_name(port)
        self.zeroconf: AsyncZeroconf | None = None
        self.info = AsyncServiceInfo(
            SERVICE_TYPE,
            f"{self.name}.{SERVICE_TYPE}",
            addresses=[socket.inet_aton(a) for a in addresses],
            port=port,
            properties=properties(self.name, tls),
        )

    async def start(self) -> None:
        # `KERNE_MDNS_INTERFACES` narrows where multicast goes (tests keep it on loopback).
        chosen = [x.strip() for x in os.environ.get("KERNE_MDNS_INTERFACES", "").split(",")]
        interfaces = [x for x in chosen if x] or self.addresses
        self.zeroconf = AsyncZeroconf(interfaces=interfaces, ip_version=IPVersion.V4Only)
        await self.zeroconf.async_register_service(self.info)

    async def stop(self) -> None:
        if self.zeroconf is not None:
            await self.zeroconf.async_unregister_all_services()
            await self.zeroconf.async_close()
            self.zeroconf = None
