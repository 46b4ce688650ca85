"""One headless chromium for the browser tests, a fresh page per test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from tests.serverprocess import ServerProcess
from tests.web.browser import WALL, Page, start_chrome


@pytest.fixture(scope="session")
def chrome() -> Iterator[WebDriver]:
    """Started once (a second or two): each test's server has its own port, so its own
    origin and its own localStorage."""
    driver = start_chrome()
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def phone(chrome: WebDriver) -> Iterator[Page]:
    page = Page(chrome)
    try:
        yield page
    finally:
        chrome.get("about:blank")  # the page stops reconnecting to a server that is gone


@pytest.fixture(scope="session")
def wall_chrome() -> Iterator[WebDriver]:
    """A second browser the size of a projector's picture."""
    driver = start_chrome(size=WALL)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def wall(wall_chrome: WebDriver) -> Iterator[Page]:
    page = Page(wall_chrome)
    try:
        yield page
    finally:
        wall_chrome.get("about:blank")


@pytest.fixture
async def processes() -> AsyncIterator[list[ServerProcess]]:
    """Every `python -m server` a test starts, killed at the end whatever happened."""
    started: list[ServerProcess] = []
    yield started
    for process in started:
        process.kill()
