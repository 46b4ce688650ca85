"""Every word kerne shows, in Danish and English: one source for all its readers.

The terminal client, the web page (served as JSON) and the exported minutes all look
their words up here, so a term changes in one place and reads the same everywhere. The
domain words follow the project's vocabulary (kerneopgave/core task, ydelse/output,
effekt/effect, udsagn/statement, faggruppe/profession, konflikt/conflict). Tests check
that both languages have exactly the same keys and placeholders.

`SCREEN` holds the words of the screens (terminal and web); `minutes.CATALOGS` the
fixed wording of the exported minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final, Literal

from server.catalog import da, en

Lang = Literal["da", "en"]
LANGUAGES: Final[tuple[Lang, ...]] = ("da", "en")
SCREEN: Final[dict[str, Mapping[str, str]]] = {"da": da.STRINGS, "en": en.STRINGS}


# Words only the terminal and the server's start-up text use: the phone page is sent the
# rest, so that a phone on a slow network loads what it shows and no more (the page's
# budget is 100 KB; tests/web checks every word the page's scripts name is sent).
NOT_ON_THE_PAGE: Final = frozenset(
    {
        "key",
        "help",
        "startup",
        "servers",
        "search",
        "quit",
        "export",
        "lens",
        "people",
        "moment",
        # The terminal's dialogs, banners and the facilitator's menu: the page has its own.
        "menu",
        "coach",
        "action",
        "banner",
        "choose",
        "acceptance",
        "level",
        "draft",
        "keyname",
        "ref",
        "app",
    }
)
# The few words of those groups the page does show (the menu's names for a round and
# for a decision, beside the dots and above the action form).
ON_THE_PAGE_TOO: Final = frozenset({"menu.round", "menu.round_per_draft", "menu.action"})


def in_sector(words: Mapping[str, str], key: str, sector: str | None) -> str:
    """The key to look up for `key` in a session of `sector`: its variant in the sector's
    words where `words` has one (a school speaks of pupils, not citizens), else `key`."""
    sectored = f"{key}.{sector}"
    return sectored if sector is not None and sectored in words else key


def page_words(lang: Lang) -> dict[str, str]:
    """The words the web page is sent: all but the terminal's own."""
    return {
        k: v
        for k, v in SCREEN[lang].items()
        if k.split(".", 1)[0] not in NOT_ON_THE_PAGE or k in ON_THE_PAGE_TOO
    }


def pick_language(flag: str | None, env: Mapping[str, str]) -> Lang:
    """`--lang` if given, else Danish when the locale (in `env`) says so, else English.
    The caller passes the environment, so the choice stays a plain function."""
    match flag:
        case "da" | "en":
            return flag
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        value = env.get(name, "")
        if value:
            return "da" if value.lower().startswith("da") else "en"
    return "en"


def words(lang: Lang) -> Callable[..., str]:
    """`t("key", n=3)` in one language, for the server's own texts (start-up, help)."""
    catalog = SCREEN[lang]

    def t(key: str, **fields: object) -> str:
        return catalog[key].format(**fields) if fields else catalog[key]

    return t
