"""The server process on the network: TLS, and the file descriptors every connection
costs. Both run the real `python -m server`."""

from __future__ import annotations

import asyncio
import resource
import shutil
import ssl
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.adversarial.wire import Client
from tests.serverprocess import ServerProcess


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, as a facilitator would make one."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


async def test_server_speaks_wss_with_a_certificate(
    tmp_path: Path, processes: list[ServerProcess]
) -> None:
    """With --tls-cert and --tls-key the server speaks wss:// to a client that trusts it."""
    cert, key = make_certificate(tmp_path)
    processes.append(
        ServerProcess(
            tmp_path / "kerne.db",
            tmp_path / "ready.json",
            "--title",
            "Borgerservice Syd: vores kerneopgave",
            "--tls-cert",
            str(cert),
            "--tls-key",
            str(key),
        )
    )
    info = await processes[0].info()
    assert info["url"].startswith("wss://127.0.0.1:")
    trusting = ssl.create_default_context(cafile=str(cert))
    mette = await Client.connect(info["url"], ssl=trusting)
    answer = await mette.hello(
        info["code"],
        name="Mette",
        profession="Leder",
        role="facilitator",
        facilitator_key=info["facilitator_key"],
    )
    assert answer["type"] == "welcome"
    await mette.close()


async def test_tls_server_refuses_a_client_that_does_not_trust_it(
    tmp_path: Path, processes: list[ServerProcess]
) -> None:
    """A client that does not trust the certificate cannot connect: wss:// is verified."""
    cert, key = make_certificate(tmp_path)
    processes.append(
        ServerProcess(tmp_path / "kerne.db", tmp_path / "ready.json",
                      "--tls-cert", str(cert), "--tls-key", str(key))
    )  # fmt: skip
    info = await processes[0].info()
    with pytest.raises(ssl.SSLCertVerificationError):
        await Client.connect(info["url"], ssl=ssl.create_default_context())


def _default_desktop_limit() -> None:
    """In the child: the open-files limit most Linux desktops start programs with."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, hard))


async def _open_idle(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
    try:
        return await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 2)
    except (OSError, TimeoutError):
        return None


async def test_a_thousand_idle_connections_leave_room_for_a_newcomer(
    tmp_path: Path, processes: list[ServerProcess]
) -> None:
    """1,100 idle TCP connections under a 1024-file limit still leave room to join."""
    # 1024 open files is what most Linux desktops give a program (macOS: 256).
    if resource.getrlimit(resource.RLIMIT_NOFILE)[0] < 1500:
        pytest.skip("this test process may not open 1,100 connections")
    processes.append(
        ServerProcess(
            tmp_path / "kerne.db",
            tmp_path / "ready.json",
            "--title",
            "Ungdomsskolen: vores kerneopgave",
            preexec_fn=_default_desktop_limit,
        )
    )
    info = await processes[0].info()
    port = urlparse(info["url"]).port
    assert port is not None
    idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    try:
        for _ in range(11):
            batch = await asyncio.gather(*[_open_idle(port) for _ in range(100)])
            idle += [pair for pair in batch if pair is not None]
        async with asyncio.timeout(4):
            newcomer = await Client.connect(info["url"])
            answer = await newcomer.hello(info["code"], name="Yasmin", profession="Lærer")
        assert answer["type"] == "welcome"
        await newcomer.close()
    finally:
        for _, writer in idle:
            writer.close()
