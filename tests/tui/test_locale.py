"""Every screen exists in Danish and English: the catalogs must match exactly."""

from __future__ import annotations

import re
import string
from pathlib import Path

from kerne_tui.locale import pick_language
from server.catalog import da, en

SOURCE = Path(__file__).parents[2] / "kerne_tui"


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_danish_and_english_have_the_same_keys() -> None:
    """No string exists in one language only."""
    assert set(da.STRINGS) == set(en.STRINGS)


def test_translations_use_the_same_placeholders() -> None:
    """A Danish string fills in the same values as its English one."""
    for key, english in en.STRINGS.items():
        assert fields(da.STRINGS[key]) == fields(english), key


def test_every_key_used_in_the_code_exists() -> None:
    """A typo in a string key would show the key itself to a user: none may exist."""
    used: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        used |= set(re.findall(r"""t\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text()))
        used |= set(re.findall(r"""Binding\([^)]*["'](key\.[a-z_]+)["']""", path.read_text()))
    assert used, "the scan found no keys: the pattern is wrong"
    assert used <= set(en.STRINGS), sorted(used - set(en.STRINGS))


def test_language_follows_flag_then_locale() -> None:
    """--lang wins; else a Danish locale gives Danish; else English."""
    assert pick_language("en", {"LANG": "da_DK.UTF-8"}) == "en"
    assert pick_language(None, {"LANG": "da_DK.UTF-8"}) == "da"
    assert pick_language(None, {"LC_ALL": "en_GB.UTF-8", "LANG": "da_DK.UTF-8"}) == "en"
    assert pick_language(None, {}) == "en"
