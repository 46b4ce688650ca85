"""The tables as CSV files, and the files as one zip: bytes a spreadsheet opens safely.

A cell never becomes a formula (a leading = + - @ is neutralised), Excel sees UTF-8
through a byte order mark, and the zip depends only on its contents: sorted names and
fixed times and modes, so no build time or machine leaks into an archived export.
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any, Final

from server.export.context import MinutesOptions
from server.export.session_log import SessionLog
from server.export.tables import csv_tables

ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no build time leaks
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str | int | bool | None) -> str:
    """A cell a spreadsheet shows as text: a leading = + - @ would make it a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_bytes(rows: list[list[Any]]) -> bytes:
    """UTF-8 with a byte order mark, so that Excel shows æ, ø and å; CRLF as RFC 4180."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode()


def csv_files(log: SessionLog, options: MinutesOptions | None = None) -> dict[str, bytes]:
    """Each table as the bytes of its CSV file, by file name: what the zip or a folder holds."""
    return {name: _csv_bytes(rows) for name, rows in csv_tables(log, options).items()}


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip that depends only on its contents: sorted names, fixed times and modes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            archive.writestr(info, files[name])
    return buffer.getvalue()
