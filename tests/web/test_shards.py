"""A phone finds its session on a server run in shards (`serve --shards 2`) whichever
shard's address it was given: the real processes and Debian's chromium."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.server.cli import cli
from tests.serverprocess import ServerProcess
from tests.web.browser import Page


@pytest.fixture
async def split(tmp_path: Path) -> AsyncIterator[dict[str, Any]]:
    """A job centre's session in the first shard, a school's in the second."""
    db = tmp_path / "kerne.db"
    assert cli("new", "--db", str(db), "--title", "Jobcenter Vest").returncode == 0
    server = ServerProcess(
        db, tmp_path / "ready.json", "--shards", "2", "--title", "Skolen ved Søen"
    )
    try:
        yield dict(await server.info())
    finally:
        server.stop()


def _ports(info: dict[str, Any]) -> tuple[str, str, str]:
    """The first shard's port, the second's, and the school's code (in the second)."""
    first, second = info["shards"]
    return first["url"].rsplit(":", 1)[1], second["url"].rsplit(":", 1)[1], second["sessions"][0]


async def _joins_as_ahmed(phone: Page) -> None:
    await phone.shown("#join")
    await phone.text_in("#join-session", "Skolen ved Søen")
    await phone.click("#name")
    await phone.type("#name", "Ahmed")
    await phone.click("label[for=prof-0]")
    await phone.click("#join-submit")
    await phone.shown("#session")


async def test_a_join_address_at_the_other_shard_leads_to_the_session(
    split: dict[str, Any], phone: Page
) -> None:
    """The QR code of the first shard's port, for the school: the phone lands on the
    second shard's page and joins there."""
    first, second, school = _ports(split)
    await phone.open(f"http://127.0.0.1:{first}/j/{school}")
    await _joins_as_ahmed(phone)
    assert await phone.js("return location.port") == second


async def test_a_code_typed_at_the_other_shard_leads_to_the_session(
    split: dict[str, Any], phone: Page
) -> None:
    """Typed into the first shard's front page: its lookup is pointed on, and the page
    goes to the second shard's join page."""
    first, second, school = _ports(split)
    await phone.open(f"http://127.0.0.1:{first}/")
    await phone.shown("#find")
    await phone.type("#code", school)
    await phone.click("#find button[type=submit]")
    await _joins_as_ahmed(phone)
    assert await phone.js("return location.port") == second
