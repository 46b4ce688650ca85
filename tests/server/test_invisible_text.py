"""A name nobody can see is no name, and a soft hyphen is gone: hygiene treats text made
only of invisible characters as empty, and removes U+00AD (which terminals draw with no
width or with one, so it can shift a table's border)."""

from __future__ import annotations

import pytest

from server import protocol as p
from tests.realserver import Running
from tests.server.peer import hello, join

INVISIBLE = {
    "zero width space": "\u200b",
    "word joiner": "\u2060",
    "byte order mark": "\ufeff",
    "soft hyphen": "\u00ad",
    "zero width joiner and non-joiner": "\u200d\u200c",
    "hangul filler": "\u3164",
    "braille blank": "\u2800",
    "no-break space and ideographic space": "\u00a0\u3000",
    "variation selector": "\ufe0f",
    "mixed, with spaces": " \u200b \u2060\ufeff ",
}


@pytest.mark.parametrize("text", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_text_of_invisible_characters_only_is_empty(text: str) -> None:
    """Both cleaners give an empty string, so a required field is `invalid`."""
    assert p.clean_line(text) == "" and p.clean_text(text) == ""
    with pytest.raises(p.ProtocolError) as refused:
        p.checked(text, "text", "draft", multiline=True, required=True)
    assert refused.value.code == "invalid"


@pytest.mark.parametrize("text", INVISIBLE.values(), ids=INVISIBLE.keys())
async def test_a_name_of_invisible_characters_cannot_join(server: Running, text: str) -> None:
    """hello with such a name is refused `invalid`, as an empty name is."""
    _, answer = await hello(server.url, server.code, name=text, profession="Sygeplejerske")
    assert answer["type"] == "error" and answer["code"] == "invalid"


def test_soft_hyphen_is_removed() -> None:
    """`Hjemme\\u00adplejen` is stored as `Hjemmeplejen`, in a line and in a long text."""
    assert p.clean_line("Hjemme\u00adplejen") == "Hjemmeplejen"
    assert p.clean_text("Bor\u00adgeren\nklarer sig") == "Borgeren\nklarer sig"


def test_invisible_characters_between_visible_ones_still_pass() -> None:
    """Only all-invisible text is emptied: a zero width space inside a word stays."""
    assert p.clean_line("Tryg\u200bhed") == "Tryg\u200bhed"


async def test_visible_name_with_a_soft_hyphen_joins_without_it(server: Running) -> None:
    """A soft hyphen in a name is dropped before anyone sees it."""
    peer = await join(server.url, server.code, "Ann\u00ade", "Sygeplejerske")
    assert peer.welcome["participant"]["name"] == "Anne"
