"""Session log export: minutes (Markdown, HTML) and data (JSON, CSV), built by replay.

The log is the truth, so every export is made by replaying it: the minutes say exactly
what happened, and the same log always gives byte-identical output (no clock, no
randomness, fixed zip timestamps). The whole package is pure over a `SessionLog`: the
caller reads the log (`server.archive.load_log`) and writes any file, so the formats
are testable without a database and the export runs the same while the server is live
(a WAL reader) and after it has stopped.

Identity follows the protocol's rules, more strictly where a document leaves the room:
the data carries only what was broadcast to everyone (the public events and the public
snapshot), in an anonymous session without anyone's name, and per-profession figures
appear only as the k-rule allows and only as fixed once (a round's `by_profession` at its
close, a statement's split at its reveal, an unrevealed one through `model.tag_split`
after the close), never recomputed where it could be subtracted from what the room saw.
Text a facilitator removed is blanked everywhere, since the point of removing it was
that it should not be kept.

How it is made, one module a step: `session_log` (the input), `history` (the replay and
what the final state forgets), `groups` (the k-rule's figures), `minutes*` (the minutes
as `blocks`), then one module per format: `markdown`, `html_page`, `json_data`, and
`tables` with `csv_zip`; `formats.render` picks one by name.
"""

from __future__ import annotations

from server.export.blocks import Bars, Block, Bullets, Fields, Heading, Para, Quote, Table
from server.export.context import MinutesOptions
from server.export.csv_zip import ZIP_TIME, csv_cell, csv_files, zip_bytes
from server.export.formats import FORMATS, LANGS, render
from server.export.groups import statement_split
from server.export.history import History, Version, build_history, round_drafts
from server.export.html_page import to_html
from server.export.json_data import (
    FORMAT_NAME,
    FORMAT_VERSION,
    empty_snapshot,
    export_json,
    json_bytes,
    replay_export,
)
from server.export.markdown import md_escape, to_markdown
from server.export.minutes import minutes
from server.export.session_log import LogEntry, SessionLog
from server.export.tables import csv_tables

__all__ = [
    "FORMATS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "LANGS",
    "ZIP_TIME",
    "Bars",
    "Block",
    "Bullets",
    "Fields",
    "Heading",
    "History",
    "LogEntry",
    "MinutesOptions",
    "Para",
    "Quote",
    "SessionLog",
    "Table",
    "Version",
    "build_history",
    "csv_cell",
    "csv_files",
    "csv_tables",
    "empty_snapshot",
    "export_json",
    "json_bytes",
    "md_escape",
    "minutes",
    "render",
    "replay_export",
    "round_drafts",
    "statement_split",
    "to_html",
    "to_markdown",
    "zip_bytes",
]
