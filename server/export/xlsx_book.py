"""The tables as one spreadsheet (.xlsx): a sheet per table, opened with a double click.

Written with openpyxl. A cell holds what the CSV holds: text stays text (a leading = is
never a formula: each text cell is typed as a string), numbers are numbers, and the file
depends only on the log (the document's dates are the session's, the zip's times fixed).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

from server.export.context import MinutesOptions
from server.export.csv_zip import zip_bytes
from server.export.session_log import SessionLog
from server.export.tables import csv_tables


def _cell_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"  # as the CSV says it
    return value


def xlsx_bytes(log: SessionLog, options: MinutesOptions | None = None) -> bytes:
    """The CSV tables as the sheets of one workbook, in the CSV files' order."""
    # Here, not at the top: openpyxl takes 0.1 s to import, which every other export,
    # the server's start and every CLI command paid though only a spreadsheet needs it.
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    for blank in list(book.worksheets):  # a new workbook starts with an empty sheet
        book.remove(blank)
    for name, rows in csv_tables(log, options).items():
        sheet = book.create_sheet(title=name.removesuffix(".csv")[:31])
        # Cell by cell at a known place: `sheet[sheet.max_row]` after each append looked
        # at every cell so far, and 10,000 events took half a minute.
        for number, row in enumerate(rows, start=1):
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(row=number, column=column, value=_cell_value(value))
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula
        sheet.freeze_panes = "A2"  # the header row stays in view
    made = datetime.strptime(log.created_at, "%Y-%m-%dT%H:%M:%SZ")
    book.properties.created = book.properties.modified = made
    book.properties.creator = "kerne"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as written:
        files = {name: written.read(name) for name in written.namelist()}
    return zip_bytes(files)
