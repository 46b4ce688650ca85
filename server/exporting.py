"""An export as the wire carries it: rendered from the session's log in a worker thread.

It reads through a connection of its own to the database (WAL lets it read while the
server writes), so the event loop and the rooms never wait for a file being made.
"""

from __future__ import annotations

import base64
from pathlib import Path

from server import archive, export
from server import protocol as p
from server.localzone import machine_zone
from server.store import Store


def render_export(path: Path | str, code: str, request: p.Export) -> p.ExportData:
    """One export, read through its own connection (this runs in a worker thread)."""
    store = Store(path)
    try:
        session_log = archive.load_log(store, code)
    finally:
        store.close()
    if session_log is None:  # pragma: no cover - the session is live, so it is stored
        raise ValueError(f"no session {code}")
    # The facilitator's menu asks for the minutes as the session has them: local time,
    # and the per-profession tables only where the facilitator set them to go in.
    options = export.MinutesOptions(tz=machine_zone(), profession_tables=None)
    content = export.render(session_log, request.format, request.lang, options)
    binary = request.format in ("csv", "xlsx")
    suffix = "zip" if request.format == "csv" else request.format
    filename = f"kerne-{p.format_code(code)}.{suffix}"
    if binary:
        return p.ExportData(
            request.id, request.format, filename, "base64", base64.b64encode(content).decode()
        )
    return p.ExportData(request.id, request.format, filename, "utf-8", content.decode())
