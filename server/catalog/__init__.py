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

from collections.abc import Mapping
from typing import Final, Literal

from server.catalog import da, en

Lang = Literal["da", "en"]
LANGUAGES: Final[tuple[Lang, ...]] = ("da", "en")
SCREEN: Final[dict[str, Mapping[str, str]]] = {"da": da.STRINGS, "en": en.STRINGS}
