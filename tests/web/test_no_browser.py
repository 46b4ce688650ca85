"""Without chromium the browser tests skip on a developer's machine, and fail in CI."""

from __future__ import annotations

import pytest

from tests.web import browser


def test_a_missing_browser_skips_with_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The skip line says what to install."""
    monkeypatch.setattr("shutil.which", lambda _: None)
    monkeypatch.delenv("KERNE_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium chromium-driver"):
        browser.need_browser()


def test_a_missing_browser_fails_where_one_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    """KERNE_REQUIRE_BROWSER (set by .ci/run) turns the skip into a failure."""
    monkeypatch.setattr("shutil.which", lambda _: None)
    monkeypatch.setenv("KERNE_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="chromium is missing"):
        browser.need_browser()
