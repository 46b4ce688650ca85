"""The web page on the WebSocket's port: plain HTTP requests get the page and its files.

An upgrade request, on any path, is not answered here: it opens the WebSocket as it
always did (docs/protocol.md section 1). Everything else is a GET for one of a fixed set
of answers, each with the same strict headers: the page's own files (shipped in
`server/web/` as package data, read once), the words from `server.catalog.SCREEN`, and
a QR code of a session's join address. The files are looked up by exact name in a
table made at start, so no path can reach outside it.
"""

from __future__ import annotations

import email.utils
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from importlib import resources
from typing import Final

import segno
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from server import protocol as p
from server.catalog import SCREEN, Lang, page_words

TYPES: Final[dict[str, str]] = {
    "html": "text/html; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "svg": "image/svg+xml",
    "json": "application/json",
    "txt": "text/plain; charset=utf-8",
}

# No inline script or style anywhere, nothing from elsewhere; the page may not be framed
# (a projector view inside someone else's page could be made to mislead).
POLICY: Final = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'"
SECURITY: Final[tuple[tuple[str, str], ...]] = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "no-cache"),
)

# What a code in a path may look like before `normalize_code` judges it; the page asks
# the server over the protocol whether a session has it (a lookup), like every client.
_CODE = r"[0-9A-Za-z-]{1,16}"
_JOIN = re.compile(rf"/j/({_CODE})")
_SCREEN = re.compile(rf"/screen/({_CODE})")
_QR = re.compile(rf"/qr/({_CODE})\.(svg|txt)")
# One language's words: a phone loads only the language it shows (the page stays light).
_WORDS = re.compile(r"/catalog/([a-z]{2})\.json")
# A Host header is used only in an answer to the same request; still, only a host name
# or an address with a port may go into a QR code.
_HOST = re.compile(r"[A-Za-z0-9.\-]{1,253}(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]{2,45}\](:[0-9]{1,5})?")


def _files() -> dict[str, bytes]:
    """Every shipped file by name: the only files this module ever answers with."""
    folder = resources.files("server") / "web"
    return {f.name: f.read_bytes() for f in folder.iterdir() if f.is_file()}


def is_upgrade(request: Request) -> bool:
    """A WebSocket opening handshake (on any path), as every v1 client sends it."""
    return "websocket" in request.headers.get("Upgrade", "").lower()


@dataclass
class Pages:
    """The answers to plain HTTP requests. `base` is the join address's start (such as
    `http://192.168.1.20:8765`) that a QR code shows; without it, the request's Host."""

    base: str | None = None
    secure: bool = False
    files: dict[str, bytes] = field(default_factory=_files)
    # Served in shards: the port of the process that holds a session this one lacks. A
    # phone sent to any shard's join or projector address is sent on to that one, whose
    # page then opens its WebSocket back to the right process (browsers follow a
    # redirect of a page, never of a WebSocket).
    # Given the requester's address: a code that no shard holds counts as a failed guess
    # there, as a hello's does, so the redirect is no free test of which codes exist.
    moved: Callable[[str, str], int | None] = field(default=lambda code, address: None)

    def answer(self, request: Request, address: str = "?") -> Response:
        response = self._answer(request, address)
        response.headers["Content-Security-Policy"] = policy(request.headers.get("Host", ""))
        return response

    def _answer(self, request: Request, address: str) -> Response:
        path = request.path.split("?", 1)[0].split("#", 1)[0]
        if request.method != "GET":
            return _text(HTTPStatus.METHOD_NOT_ALLOWED, "only GET is served here\n")
        if path == "/":
            return self._file("index.html")
        for pattern, page in ((_JOIN, "index.html"), (_SCREEN, "screen.html")):
            if named := pattern.fullmatch(path):
                there = self._redirect(named[1], path, request, address)
                return there if there is not None else self._file(page)
        if path == "/catalog.json":
            return _ok(json.dumps(SCREEN, ensure_ascii=False).encode(), "json")
        words = _WORDS.fullmatch(path)
        if words and words[1] in SCREEN:
            lang: Lang = "da" if words[1] == "da" else "en"
            return _ok(json.dumps(page_words(lang), ensure_ascii=False).encode(), "json")
        if path.startswith("/static/"):
            name = path.removeprefix("/static/")
            if name in self.files and not name.endswith(".html"):
                return self._file(name)
        found = _QR.fullmatch(path)
        if found and (code := p.normalize_code(found[1])) is not None:
            where = self.join_url(code, request.headers.get("Host", ""))
            if where is not None:
                if found[2] == "txt":
                    return _ok(where.encode(), "txt")
                return _ok(qr_svg(where), "svg")
        return _text(HTTPStatus.NOT_FOUND, "not found\n")

    def join_url(self, code: str, host: str) -> str | None:
        """The address a phone opens to join `code` (dashed form, as people read it)."""
        if self.base is not None:
            start = self.base
        elif _HOST.fullmatch(host):
            start = f"{'https' if self.secure else 'http'}://{host}"
        else:
            return None
        return f"{start}/j/{p.format_code(code)}"

    def _redirect(self, typed: str, path: str, request: Request, address: str) -> Response | None:
        """A 307 to the same path (checked by its pattern: no query, nothing else) on the
        port of the shard that holds the session."""
        code = p.normalize_code(typed)
        port = self.moved(code, address) if code is not None else None
        host = request.headers.get("Host", "")
        if port is None or not _HOST.fullmatch(host):
            return None
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 or "]:" in host else host
        where = f"{'https' if self.secure else 'http'}://{name}:{port}{path}"
        headers = _headers("txt", 0)
        headers["Location"] = where
        status = HTTPStatus.TEMPORARY_REDIRECT
        return Response(status.value, status.phrase, headers, b"")

    def _file(self, name: str) -> Response:
        return _ok(self.files[name], name.rsplit(".", 1)[-1])


def policy(host: str) -> str:
    """The page's Content-Security-Policy. The socket back to this very host and port is
    named too: browsers that predate CSP 3 do not count ws:// as 'self'."""
    if not _HOST.fullmatch(host):
        return POLICY
    return f"{POLICY}; connect-src 'self' ws://{host} wss://{host}"


def qr_svg(text: str) -> bytes:
    """A QR code of `text` as a scalable SVG, dark on white (scanners need the contrast)."""
    out = io.BytesIO()
    segno.make(text, error="m").save(
        out, kind="svg", scale=1, border=4, xmldecl=False, omitsize=True, dark="#000", light="#fff"
    )
    return out.getvalue()


def qr_lines(text: str) -> list[str]:
    """A QR code of `text` in Unicode half blocks, for a terminal (two rows a line)."""
    out = io.StringIO()
    segno.make(text, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue().rstrip("\n").split("\n")


def _headers(kind: str, length: int) -> Headers:
    return Headers(
        [
            ("Date", email.utils.formatdate(usegmt=True)),
            ("Connection", "close"),
            ("Content-Length", str(length)),
            ("Content-Type", TYPES[kind]),
            *SECURITY,
        ]
    )


def _ok(body: bytes, kind: str) -> Response:
    return Response(HTTPStatus.OK.value, HTTPStatus.OK.phrase, _headers(kind, len(body)), body)


def _text(status: HTTPStatus, text: str) -> Response:
    body = text.encode()
    return Response(status.value, status.phrase, _headers("txt", len(body)), body)
