"""Plain HTTP on the WebSocket's port: the page, its files, the words and the QR code,
with strict headers; an upgrade on any path still opens the WebSocket."""

from __future__ import annotations

import asyncio
import json
import re
from importlib import resources

from server import protocol as p
from server.addresses import Address
from server.catalog import LANGUAGES as LANGS
from server.catalog import SCREEN, page_words
from server.startup import Reach, Served, startup_text
from tests.realserver import Running
from tests.server.peer import join

PAGE_WEIGHT_LIMIT = 100 * 1024


async def get(
    server: Running, path: str, method: str = "GET", host: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One raw HTTP/1.1 request, as a browser sends it; the server closes after answering."""
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    host = host or f"127.0.0.1:{server.port}"
    writer.write(f"{method} {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    raw = await reader.read()
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


async def test_the_join_page_is_served_with_strict_headers(server: Running) -> None:
    """`/` and `/j/CODE` get the page, with a CSP that allows nothing inline or foreign."""
    for path in ("/", f"/j/{p.format_code(server.code)}"):
        status, headers, body = await get(server, path)
        assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
        assert headers["content-security-policy"] == (
            "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            f"connect-src 'self' ws://127.0.0.1:{server.port} wss://127.0.0.1:{server.port}"
        )
        assert headers["x-content-type-options"] == "nosniff"
        assert b'<script type="module" src="/static/app.js">' in body
        assert b"<script>" not in body and b"style=" not in body


async def test_a_forged_host_header_changes_no_policy_and_no_qr(server: Running) -> None:
    """A Host header that is not a host name cannot widen the policy or fill a QR code."""
    forged = "x; script-src *"
    _, headers, _ = await get(server, "/", host=forged)
    assert headers["content-security-policy"] == (
        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'"
    )
    status, _, _ = await get(server, f"/qr/{server.code}.txt", host=forged)
    assert status == 404


async def test_files_have_their_content_types(server: Running) -> None:
    """JavaScript as a module script, CSS as a style sheet, SVG as an image."""
    expected = {
        "/static/app.js": "text/javascript; charset=utf-8",
        "/static/style.css": "text/css; charset=utf-8",
        "/static/favicon.svg": "image/svg+xml",
        "/catalog.json": "application/json",
        f"/qr/{server.code}.svg": "image/svg+xml",
    }
    for path, kind in expected.items():
        status, headers, _ = await get(server, path)
        assert (status, headers["content-type"]) == (200, kind), path


async def test_nothing_outside_the_shipped_files_is_reachable(server: Running) -> None:
    """Traversal, the server's own source, a page by its file name, other methods: no."""
    for path in (
        "/static/../pages.py",
        "/static/%2e%2e/pages.py",
        "/static/../../pyproject.toml",
        "/static/index.html",
        "/server/pages.py",
        "/j/../../etc/passwd",
        "/static/",
    ):
        status, _, body = await get(server, path)
        assert status == 404 and b"import" not in body, path
    status, _, _ = await get(server, "/", method="POST")
    assert status == 405


async def test_the_catalog_is_the_terminals_catalog(server: Running) -> None:
    """One source of words: /catalog.json is server.catalog.SCREEN, both languages, and
    /catalog/LANG.json the same words but the terminal's own."""
    _, _, body = await get(server, "/catalog.json")
    assert json.loads(body) == {lang: dict(words) for lang, words in SCREEN.items()}
    for lang, words in SCREEN.items():
        _, _, body = await get(server, f"/catalog/{lang}.json")
        sent = json.loads(body)
        assert sent.items() <= dict(words).items() and "help.title" not in sent
        assert sent["core.empty"] == words["core.empty"]


async def test_an_upgrade_on_any_path_opens_the_websocket(server: Running) -> None:
    """A v1 client keeps working: `/`, `/j/CODE` or any path, the socket opens."""
    for path in ("/", f"/j/{server.code}", "/anything"):
        peer = await join(f"{server.url}{path}", server.code, "Kim", "Ergoterapeut")
        assert peer.welcome["participant"]["name"] == "Kim"
        await peer.close()


async def test_the_qr_code_names_the_join_address(server: Running) -> None:
    """The projector's QR and address lead to /j/CODE on the host the page came from,
    or on the network address the server was given."""
    _, _, body = await get(server, f"/qr/{server.code.lower()}.txt")
    assert body.decode() == f"http://127.0.0.1:{server.port}/j/{p.format_code(server.code)}"
    server.hub.pages.base = "http://192.168.1.20:8765"
    _, _, body = await get(server, f"/qr/{server.code}.txt")
    assert body.decode() == f"http://192.168.1.20:8765/j/{p.format_code(server.code)}"


def test_the_page_weighs_under_100_kb() -> None:
    """Everything a phone loads (the shipped files and the words) stays under 100 KB."""
    folder = resources.files("server") / "web"
    files = sum(len(f.read_bytes()) for f in folder.iterdir() if f.is_file())
    # The page loads the words of the language it shows (/catalog/LANG.json).
    words = max(len(json.dumps(page_words(lang), ensure_ascii=False).encode()) for lang in LANGS)
    assert files + words < PAGE_WEIGHT_LIMIT, files + words


def test_every_word_the_page_names_is_sent_to_it() -> None:
    """Each key the page's scripts look up (or the start of one they build) is in the
    words the page is sent, in both languages: leaving terminal words out lost none."""
    folder = resources.files("server") / "web"
    scripts = "".join(f.read_text() for f in folder.iterdir() if f.name.endswith(".js"))
    named = set(re.findall(r'\bt\("([a-z_.]+)"', scripts))
    started = set(re.findall(r"\bt\(`([a-z_.]+)\.\$\{", scripts))
    assert len(named) > 50 and len(started) > 10  # the patterns still find the page's words
    for lang in LANGS:
        sent = page_words(lang)
        assert named - set(sent) == set(), lang
        assert {x for x in started if not any(k.startswith(f"{x}.") for k in sent)} == set()


def test_the_start_up_text_shows_a_qr_code_per_network_address() -> None:
    """The facilitator's terminal shows each network's web address and its QR code."""
    reach = Reach(
        "ws",
        8765,
        [Address("127.0.0.1", "lo"), Address("192.168.1.20", "wlp2s0")],
        "localhost",
        False,
    )
    text = "\n".join(line.plain for line in startup_text([Served("K7QXM2PA", "Skolen")], reach))
    assert "http://192.168.1.20:8765/j/K7QX-M2PA" in text
    assert "open in a browser: http://localhost:8765/screen/K7QX-M2PA" in text
    assert "http://127.0.0.1" not in text  # a phone cannot reach this laptop's loopback
    bottoms = [line for line in text.splitlines() if set(line.strip()) == {"▀"}]
    assert len(bottoms) == 1  # one code (its last row), for the one network address
