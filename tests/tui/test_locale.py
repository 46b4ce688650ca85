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


def test_every_error_code_has_a_text_in_both_languages() -> None:
    """A refusal is shown by its code: each code of the protocol, and each command's own
    text for a code, exists in Danish and English."""
    from kerne_tui.refusal import refusal_keys

    keys = refusal_keys()
    assert "error.vote_limit" in keys and "error.cast_vote.invalid_state" in keys
    assert keys <= set(da.STRINGS), sorted(keys - set(da.STRINGS))
    assert keys <= set(en.STRINGS), sorted(keys - set(en.STRINGS))


def test_every_plural_used_has_both_forms() -> None:
    """`t.n("count.dots", n)` reads "count.dots.one" or ".other": both must exist."""
    used: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        used |= set(re.findall(r"""\.n\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text()))
    assert "core.votes" in used, "the scan found no plurals: the pattern is wrong"
    for key in used:
        assert {f"{key}.one", f"{key}.other"} <= set(en.STRINGS), key


def test_one_dot_is_singular_in_both_languages() -> None:
    """One dot is »1 prik« and »1 dot«; three are »3 prikker« and »3 dots«."""
    from kerne_tui.locale import Strings

    assert Strings("da").n("count.dots", 1) == "1 prik"
    assert Strings("da").n("count.dots", 3) == "3 prikker"
    assert Strings("en").n("count.dots", 1) == "1 dot"
    assert Strings("da").n("count.tags", 1) == "1 mærke"
