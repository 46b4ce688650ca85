"""The join lines name the addresses of the laptop's real interfaces (never the 127.0.1.1
that Debian gives the host name), IPv6 in brackets, each under its interface's name.

The interfaces here are a fake list, as `ifaddr` would report a facilitator's laptop on a
school's Wi-Fi with docker installed: nothing is sent anywhere."""

from __future__ import annotations

import ifaddr

from server.addresses import Address, facilitator_host, network_addresses, served_addresses, url
from server.serving import announce_addresses
from server.startup import Reach, Served, startup_text


def laptop() -> list[ifaddr.Adapter]:
    """lo, the Wi-Fi (IPv4, a ULA and a link-local IPv6) and a docker bridge."""
    return [
        ifaddr.Adapter(
            "lo", "lo", [ifaddr.IP("127.0.0.1", 8, "lo"), ifaddr.IP(("::1", 0, 0), 128, "lo")], 1
        ),
        ifaddr.Adapter(
            "wlp2s0",
            "wlp2s0",
            [
                ifaddr.IP("192.168.1.20", 24, "wlp2s0"),
                ifaddr.IP(("fd00::1", 0, 0), 64, "wlp2s0"),
                ifaddr.IP(("fe80::1c2b:3aff:fe4d:5e6f", 0, 3), 64, "wlp2s0"),
                ifaddr.IP("169.254.10.20", 16, "wlp2s0"),
            ],
            3,
        ),
        ifaddr.Adapter("docker0", "docker0", [ifaddr.IP("172.17.0.1", 16, "docker0")], 4),
    ]


def text_of(listening: list[str], announced: bool = False, key: str | None = "k") -> str:
    reach = Reach(
        "ws",
        8765,
        served_addresses(listening, laptop()),
        facilitator_host(listening),
        announced,
    )
    lines = startup_text([Served("K7QXM2PA", "Skolen ved Søen", key)], reach)
    return "\n".join(line.plain for line in lines)


def test_network_addresses_are_the_interfaces_not_the_host_name() -> None:
    """Loopback and link-local addresses are left out; the Wi-Fi and docker are in."""
    assert network_addresses(laptop()) == [
        Address("192.168.1.20", "wlp2s0"),
        Address("fd00::1", "wlp2s0"),
        Address("172.17.0.1", "docker0"),
    ]


def test_every_ipv4_address_is_offered_when_listening_on_all_of_them() -> None:
    """On 0.0.0.0 the join lines use each IPv4 network address, not 127.0.1.1."""
    text = text_of(["0.0.0.0"])
    assert "kerne-tui join K7QX-M2PA --server ws://192.168.1.20:8765" in text
    assert "kerne-tui join K7QX-M2PA --server ws://172.17.0.1:8765" in text
    assert "127.0" not in text and "169.254" not in text and "fd00" not in text


def test_each_address_is_marked_with_its_interface() -> None:
    """The Wi-Fi's line stands under `on wlp2s0:`, docker's under `on docker0:`."""
    lines = text_of(["0.0.0.0"]).splitlines()
    wifi = lines.index("  on wlp2s0:")
    docker = lines.index("  on docker0:")
    assert "192.168.1.20" in lines[wifi + 1] and "172.17.0.1" in lines[docker + 1]


def test_ipv6_addresses_are_in_brackets() -> None:
    """On :: the join line is ws://[fd00::1]:8765; link-local fe80:: is left out."""
    text = text_of(["::"])
    assert "--server ws://[fd00::1]:8765" in text
    assert "fe80" not in text and "192.168" not in text


def test_the_facilitator_uses_localhost() -> None:
    """The facilitator's own line goes to localhost, with the key."""
    text = text_of(["0.0.0.0"])
    assert "--server ws://localhost:8765 --facilitator k" in text


def test_one_listening_address_is_named_by_its_interface() -> None:
    """--host 192.168.1.20 offers that address, under the Wi-Fi's name."""
    assert served_addresses(["192.168.1.20"], laptop()) == [Address("192.168.1.20", "wlp2s0")]


def test_ipv6_loopback_is_bracketed_and_marked_as_this_machine() -> None:
    """--host ::1 shows ws://[::1]:PORT, for this machine only."""
    text = text_of(["::1"])
    assert "on this machine only (lo):" in text
    assert "--server ws://[::1]:8765 --facilitator k" in text


def test_url_brackets_only_ipv6() -> None:
    """Host names and IPv4 stay as they are."""
    assert url("wss", "fd00::1", 443) == "wss://[fd00::1]:443"
    assert url("ws", "localhost", 1) == "ws://localhost:1"
    assert url("ws", "10.0.0.5", 2) == "ws://10.0.0.5:2"


def test_no_network_is_said_plainly() -> None:
    """A laptop on no network is told so instead of getting no line at all."""
    reach = Reach("ws", 8765, served_addresses(["0.0.0.0"], laptop()[:1]), "localhost", False)
    text = "\n".join(x.plain for x in startup_text([Served("K7QXM2PA", "Skolen", "k")], reach))
    assert "no network address found" in text


def test_the_announcement_carries_the_real_ipv4_addresses() -> None:
    """On 0.0.0.0 the network is told the Wi-Fi's and docker's addresses, never loopback."""
    served = served_addresses(["0.0.0.0"], laptop())
    assert announce_addresses(served, None) == ["192.168.1.20", "172.17.0.1"]
    assert announce_addresses(served, False) == []


def test_loopback_is_announced_only_when_asked() -> None:
    """On 127.0.0.1 nothing is announced unless --announce says so."""
    served = served_addresses(["127.0.0.1"], laptop())
    assert announce_addresses(served, None) == []
    assert announce_addresses(served, True) == ["127.0.0.1"]
