"""`--tls-cert`/`--tls-key`: the server speaks wss://, and the client trusts a
facilitator's self-made certificate with --cafile."""

from __future__ import annotations

import asyncio
import shutil
import ssl
import subprocess
from pathlib import Path

import pytest
from websockets.asyncio.client import connect

from kerne_tui.app import make_app, options_from
from tests.serverprocess import ServerProcess
from tests.tui.drive import joined, until

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, as a facilitator would make one."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


async def test_wss_server_joined_by_the_app_with_cafile(tmp_path: Path) -> None:
    """The app joins a wss:// server whose certificate it was told to trust."""
    cert, key = certificate(tmp_path)
    process = ServerProcess(
        tmp_path / "k.db", tmp_path / "ready.json", "--tls-cert", str(cert), "--tls-key", str(key)
    )
    try:
        info = await process.info()
        assert info["url"].startswith("wss://127.0.0.1:")
        app = make_app(
            options_from(
                info["code"],
                server=info["url"],
                name="Tina",
                profession="Tandplejer",
                cafile=str(cert),
                config_dir=tmp_path / "home",
                env={},
            )
        )
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: joined(app))
        plain = info["url"].replace("wss://", "ws://")
        with pytest.raises(Exception):  # noqa: B017 - any failure: no plain-text service
            async with asyncio.timeout(5), connect(plain, open_timeout=3) as ws:
                await ws.recv()
        with pytest.raises(ssl.SSLCertVerificationError):
            async with asyncio.timeout(5), connect(info["url"], open_timeout=3):
                pass
    finally:
        process.kill()
