"""A real headless chromium at a phone's size, driven by selenium, for the web page.

Selenium blocks, and the real server runs on the test's event loop: every browser call
goes through `asyncio.to_thread`, so the server keeps serving while the browser waits.
Waits are explicit (WebDriverWait polling a condition), never a sleep; each has its own
limit below the test's deadline. Clicks are counted, so a test can say how many taps a
person needed.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

PHONE = (390, 844)
WALL = (1280, 720)
WAIT = 8.0  # seconds for one condition; the test's own deadline is 20
INSTALL = "apt-get install chromium chromium-driver (Debian/Ubuntu)"
T = TypeVar("T")


def _binaries() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def need_browser() -> tuple[str, str]:
    """The browser and its driver; without them the test skips on a developer's machine
    and fails where KERNE_REQUIRE_BROWSER is set (CI), so CI cannot pass by skipping."""
    found = _binaries()
    if found is None:
        if os.environ.get("KERNE_REQUIRE_BROWSER"):
            pytest.fail(f"KERNE_REQUIRE_BROWSER is set but chromium is missing: {INSTALL}")
        pytest.skip(f"no chromium for the browser tests; install it with: {INSTALL}")
    return found


def start_chrome(size: tuple[int, int] = PHONE, lang: str = "da") -> WebDriver:
    browser, driver = need_browser()
    options = Options()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--lang={lang}"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    # A phone's viewport exactly (a desktop window has a minimum width of its own).
    width, height = size
    options.add_experimental_option(
        "mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 1}}
    )
    return webdriver.Chrome(options=options, service=Service(driver))


class Page:
    """One browser tab as a test drives it: every call runs off the event loop."""

    def __init__(self, driver: WebDriver) -> None:
        self.driver = driver
        self.clicks = 0

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.to_thread(fn, *args)

    async def open(self, url: str) -> None:
        await self._run(self.driver.get, url)
        self.clicks = 0

    async def until(self, condition: Callable[[WebDriver], Any], what: str = "") -> Any:
        """Poll `condition` in the browser's thread until it is truthy (at most WAIT s)."""

        def wait() -> Any:
            return WebDriverWait(
                self.driver, WAIT, ignored_exceptions=(StaleElementReferenceException,)
            ).until(condition, what)

        return await self._run(wait)

    async def shown(self, css: str) -> None:
        await self.until(lambda d: d.find_element(By.CSS_SELECTOR, css).is_displayed(), css)

    async def text_in(self, css: str, text: str) -> None:
        """Wait until the element's visible text contains `text`."""
        await self.until(lambda d: text in d.find_element(By.CSS_SELECTOR, css).text, text)

    async def click(self, css: str) -> None:
        """A tap: the element must be visible and enabled, as for a thumb."""

        def tap(d: WebDriver) -> bool:
            element = d.find_element(By.CSS_SELECTOR, css)
            if not (element.is_displayed() and element.is_enabled()):
                return False
            element.click()
            return True

        await self.until(tap, f"tap {css}")
        self.clicks += 1

    async def type(self, css: str, text: str) -> None:
        await self._run(lambda: self.driver.find_element(By.CSS_SELECTOR, css).send_keys(text))

    async def keys(self, *keys: str) -> None:
        """Key presses to whatever has the focus, as a keyboard user types them."""
        await self._run(lambda: ActionChains(self.driver).send_keys(*keys).perform())

    async def text(self, css: str) -> str:
        return str(await self._run(lambda: self.driver.find_element(By.CSS_SELECTOR, css).text))

    async def js(self, script: str, *args: Any) -> Any:
        return await self._run(self.driver.execute_script, script, *args)

    async def count(self, css: str) -> int:
        return len(await self._run(self.driver.find_elements, By.CSS_SELECTOR, css))

    async def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        await self._run(self.driver.save_screenshot, str(path))

    async def keep(self, name: str) -> None:
        """A screenshot for the README, when KERNE_SCREENSHOTS names a folder (docs/):
        made by the tests' own steps, so the pictures show what the tests checked."""
        folder = os.environ.get("KERNE_SCREENSHOTS")
        if folder:
            await self.screenshot(Path(folder) / name)

    async def view(self) -> dict[str, Any]:
        """What the page holds: its folded view, as data (the page exposes its link)."""
        return dict(await self.js("return window.kerneLink.view"))


async def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core, run in the real page: the serious and critical violations only. The
    script goes in through the driver (not a <script> tag), so the page's CSP holds."""
    script = (resources.files("axe_core_python") / "axe.min.js").read_text()

    def run() -> dict[str, Any]:
        page.driver.execute_script(script)
        page.driver.set_script_timeout(WAIT)
        return dict(
            page.driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document).then((r) => done(r), (e) => done({error: String(e)}));"
            )
        )

    result = await page._run(run)
    assert "error" not in result, result
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
