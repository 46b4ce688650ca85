"""The export by name: the one entry point the CLI and the hub call.

Both ask for a format and a language they got from a person (a command line, a
facilitator's menu), so an unknown one is an error here, never a guess.
"""

from __future__ import annotations

from typing import Final

from server.export.context import MinutesOptions
from server.export.csv_zip import csv_files, zip_bytes
from server.export.html_page import to_html
from server.export.json_data import json_bytes
from server.export.markdown import to_markdown
from server.export.minutes import minutes
from server.export.session_log import SessionLog
from server.export.xlsx_book import xlsx_bytes

FORMATS: Final = ("md", "html", "json", "csv", "xlsx")
LANGS: Final = ("da", "en")


def render(
    log: SessionLog, fmt: str, lang: str = "da", options: MinutesOptions | None = None
) -> bytes:
    """The export in one format: md and html minutes in `lang` (in `options`' time zone,
    UTC unless told); json; csv as a zip."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    options = options or MinutesOptions()
    if fmt == "md":
        return to_markdown(minutes(log, lang, options)).encode()
    if fmt == "html":
        return to_html(minutes(log, lang, options), lang).encode()
    if fmt == "json":
        return json_bytes(log)
    if fmt == "csv":
        return zip_bytes(csv_files(log, options))
    if fmt == "xlsx":
        return xlsx_bytes(log, options)
    raise ValueError(f"unknown format {fmt!r}")
