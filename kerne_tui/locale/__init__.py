"""The terminal's access to the shared catalog (`server.catalog`) in the user's language.

The words themselves live in `server.catalog`, the one source for the terminal, the web
page and the minutes; this module picks the language and fills the placeholders.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from server.catalog import SCREEN, Lang
from server.catalog import pick_language as catalog_language

if TYPE_CHECKING:
    from textual.dom import DOMNode

CATALOGS: dict[str, Mapping[str, str]] = SCREEN
__all__ = ["CATALOGS", "Lang", "Strings", "localize_bindings", "pick_language", "prefer_key"]


def pick_language(flag: str | None, env: Mapping[str, str] | None = None) -> Lang:
    """`--lang` if given, else Danish when the locale says so, else English."""
    return catalog_language(flag, os.environ if env is None else env)


class Strings:
    """`t("key", n=3)`: the string for a key in one language, with its fields filled."""

    def __init__(self, lang: Lang) -> None:
        self.lang: Lang = lang
        self.catalog = CATALOGS[lang]

    def __call__(self, key: str, **fields: object) -> str:
        text = self.catalog[key]
        return text.format(**fields) if fields else text

    def number(self, value: float) -> str:
        """A number as written in the language: "4,1" in Danish, "4.1" in English."""
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return text.replace(".", ",") if self.lang == "da" else text

    def n(self, key: str, n: int, **fields: object) -> str:
        """`t.n("count.dots", 3)`: the form for one or for any other number ("1 prik",
        "3 prikker"); Danish and English both have just these two."""
        return self(f"{key}.{'one' if n == 1 else 'other'}", n=n, **fields)


def localize_bindings(node: DOMNode, t: Strings) -> None:
    """Give a widget's or screen's bindings their descriptions in the user's language.

    Bindings are declared once with a string key as description ("key.vote"); each
    instance gets its own copy of the map, so translating the copy is safe.
    """
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(b, description=t(b.description)) if b.description.startswith("key.") else b
            for b in bindings
        ]


def prefer_key(node: DOMNode, *, shown: str, hidden: str) -> None:
    """Show `shown` in the footer instead of `hidden` (both keep working): a key that is
    the first letter of the word in the person's language (y for ydelse)."""
    table = node._bindings.key_to_bindings
    for key, show in ((shown, True), (hidden, False)):
        table[key] = [replace(b, show=show) for b in table.get(key, [])]
