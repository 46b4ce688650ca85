"""A server that serves wss:// says so in its announcement (`tls=1`), the client builds a
wss:// URL from it, and a certificate the client does not trust ends the join with one
line instead of a crash or an endless retry. Multicast on loopback only, as elsewhere."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kerne_tui.app import make_app, options_from
from kerne_tui.discovery import browse, find_session
from server import protocol as p
from tests.server.test_tls import certificate
from tests.serverprocess import ServerProcess
from tests.tui.drive import until

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


@dataclass
class Served:
    url: str
    code: str
    cert: Path


@pytest.fixture
async def wss(tmp_path: Path) -> AsyncIterator[Served]:
    """`kerne-server --tls-cert ... --announce` on loopback, a jobcentre's session."""
    cert, key = certificate(tmp_path)
    process = ServerProcess(
        tmp_path / "k.db",
        tmp_path / "ready.json",
        *["--title", "Jobcenter Nord", "--announce"],
        *["--tls-cert", str(cert), "--tls-key", str(key)],
    )
    try:
        info = await process.info()
        yield Served(info["url"], info["code"], cert)
    finally:
        process.kill()


async def test_a_tls_server_is_found_with_a_wss_url(wss: Served) -> None:
    """The announcement carries tls=1 and the client builds wss://127.0.0.1:PORT."""
    found = [f for f in await browse() if f.url.endswith(wss.url.rsplit(":", 1)[1])]
    assert [f.url for f in found] == [wss.url]
    assert ("tls", "1") in found[0].properties


async def test_the_code_finds_a_tls_server_the_client_trusts(
    wss: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the certificate trusted (KERNE_CAFILE), the code alone finds the session."""
    monkeypatch.setenv("KERNE_CAFILE", str(wss.cert))
    result = await find_session(wss.code, await browse())
    assert isinstance(result, tuple) and result[0] == wss.url
    assert result[1].title == "Jobcenter Nord"


async def test_an_untrusted_certificate_is_one_refusal_not_a_crash(
    wss: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without trust, finding the session answers why, in a sentence, without raising."""
    monkeypatch.delenv("KERNE_CAFILE", raising=False)
    result = await find_session(wss.code, await browse())
    assert isinstance(result, p.Error)
    assert "certificate" in result.message and "--cafile" in result.message
    assert "\n" not in result.message


async def test_the_app_stops_with_one_line_on_an_untrusted_certificate(
    wss: Served, tmp_path: Path
) -> None:
    """Joining a wss:// server whose certificate is not trusted ends the app (code 2),
    instead of retrying for ever."""
    app = make_app(
        options_from(
            wss.code,
            server=wss.url,
            name="Jonas",
            profession="Jobkonsulent",
            config_dir=tmp_path / "home",
            env={},
        )
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: not app.is_running, timeout=10)
    assert app.return_code == 2
