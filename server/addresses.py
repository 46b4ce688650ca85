"""Where people in the room can reach this server: the addresses of its network interfaces.

The host name is no guide: Debian and Ubuntu map it to 127.0.1.1, so asking the resolver
for "this machine" finds only loopback. The interfaces themselves (read with `ifaddr`)
hold the addresses a colleague's laptop can reach, and their names (`wlp2s0`, `eth0`) let
the facilitator tell the Wi-Fi from a docker bridge.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ifaddr

# What a listening socket reports when it listens on every address of its family.
WILDCARDS = ("0.0.0.0", "::")


@dataclass(frozen=True)
class Address:
    """One address of one interface, e.g. 192.168.1.20 on wlp2s0."""

    ip: str
    interface: str

    @property
    def version(self) -> int:
        return ipaddress.ip_address(self.ip).version

    @property
    def host(self) -> str:
        """As it goes in a URL: IPv6 in brackets."""
        return url_host(self.ip)

    @property
    def loopback(self) -> bool:
        return ipaddress.ip_address(self.ip).is_loopback

    @property
    def link_local(self) -> bool:
        """169.254/16 and fe80::/10: they need an interface scope that a typed line lacks."""
        return ipaddress.ip_address(self.ip).is_link_local


def url_host(host: str) -> str:
    """A host for a URL: an IPv6 address in brackets (`[::1]`), anything else as it is."""
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host
    return f"[{literal}]" if literal.version == 6 else str(literal)


def url(scheme: str, host: str, port: int) -> str:
    return f"{scheme}://{url_host(host)}:{port}"


def interface_addresses(adapters: Iterable[ifaddr.Adapter] | None = None) -> list[Address]:
    """Every address of every interface, in the order the system lists them."""
    found: list[Address] = []
    for adapter in ifaddr.get_adapters() if adapters is None else adapters:
        for ip in adapter.ips:
            # ifaddr gives IPv6 as (address, flowinfo, scope id); the scope is not ours.
            text = ip.ip if isinstance(ip.ip, str) else ip.ip[0]
            address = Address(str(ipaddress.ip_address(text.split("%")[0])), adapter.nice_name)
            if address not in found:
                found.append(address)
    return found


def network_addresses(adapters: Iterable[ifaddr.Adapter] | None = None) -> list[Address]:
    """The addresses another machine can type: neither loopback nor link-local."""
    return [a for a in interface_addresses(adapters) if not (a.loopback or a.link_local)]


def served_addresses(
    listening: Sequence[str], adapters: Iterable[ifaddr.Adapter] | None = None
) -> list[Address]:
    """What the join lines offer for the addresses the server listens on: for a wildcard,
    every network address of its family; for one address, that address (with its
    interface when one has it; `?` when none does, e.g. a name that resolved elsewhere)."""
    every = interface_addresses(adapters)
    chosen: list[Address] = []
    for bound in listening:
        if bound in WILDCARDS:
            version = ipaddress.ip_address(bound).version
            matches = [
                a for a in every if a.version == version and not (a.loopback or a.link_local)
            ]
        else:
            ip = str(ipaddress.ip_address(bound.split("%")[0]))
            matches = [a for a in every if a.ip == ip][:1] or [Address(ip, "?")]
        chosen += [a for a in matches if a not in chosen]
    return chosen


def facilitator_host(listening: Sequence[str]) -> str:
    """The facilitator's own terminal: `localhost` when the server listens there too."""
    if any(bound in WILDCARDS for bound in listening) or not listening:
        return "localhost"
    loopback = [b for b in listening if ipaddress.ip_address(b.split("%")[0]).is_loopback]
    return url_host(loopback[0] if loopback else listening[0])
