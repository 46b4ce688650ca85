"""The minutes as one self-contained HTML page, to print or to open from a shared drive.

Nothing on the page is fetched or run (inline CSS, no script, a Content-Security-Policy
that allows nothing else), and user text is always escaped: it is never HTML.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Final, assert_never

from server.export.blocks import Bars, Block, Bullets, Fields, Heading, Para, Quote, Table

_CSS: Final = """
:root { color-scheme: light; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1d1d1f; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; border-bottom: 2px solid #2f5d50; padding-bottom: .3rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; color: #2f5d50;
  border-bottom: 1px solid #d5dcd9; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
h4 { font-size: .95rem; margin: 1rem 0 .3rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { border-bottom: 1px solid #e2e6e4; padding: .25rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f3f6f5; font-weight: 600; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
blockquote { font-size: 1.2rem; margin: .6rem 0; padding: .8rem 1rem; border: 1px solid #2f5d50;
  border-left: 4px solid #2f5d50; background: #f3f6f5; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
p.note { color: #555; font-size: .9rem; }
td.bar { width: 35%; }
td.bar span { display: block; height: .9rem; background: #2f5d50; border-radius: 2px; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2, h3, h4 { break-after: avoid; }
  tr, blockquote { break-inside: avoid; }
}
"""

# Nothing may be fetched or run: the file is opened from a shared drive or a mail.
_CSP: Final = "default-src 'none'; style-src 'unsafe-inline'"


def _h(text: str) -> str:
    return "<br>\n".join(html.escape(line) for line in text.split("\n"))


def _html_row(cells: Iterable[str], numeric: frozenset[int], tag: str = "td") -> str:
    parts = [
        f'<{tag} class="num">{_h(c)}</{tag}>' if i in numeric else f"<{tag}>{_h(c)}</{tag}>"
        for i, c in enumerate(cells)
    ]
    return "<tr>" + "".join(parts) + "</tr>"


def _html_table(block: Table) -> str:
    head = _html_row(block.header, block.numeric, "th")
    body = "\n".join(_html_row(row, block.numeric) for row in block.rows)
    return f"<table>\n<thead>{head}</thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _html_bars(block: Bars) -> str:
    top = max((n for _, _, n in block.rows), default=0)
    label, text, count = (_h(x) for x in block.header)
    head = f'<tr><th>{label}</th><th>{text}</th><th colspan="2" class="num">{count}</th></tr>'
    rows = []
    for name, body, n in block.rows:
        width = f"{100 * n / top:.1f}" if top else "0.0"
        rows.append(
            f"<tr><td>{_h(name)}</td><td>{_h(body)}</td>"
            f'<td class="bar"><span style="width: {width}%"></span></td>'
            f'<td class="num">{n}</td></tr>'
        )
    body_html = "\n".join(rows)
    return f'<table class="bars">\n<thead>{head}</thead>\n<tbody>\n{body_html}\n</tbody>\n</table>'


def _html_block(block: Block) -> str:
    match block:
        case Heading(level=level, text=text):
            return f"<h{level}>{_h(text)}</h{level}>"
        case Para(text=text, quiet=quiet):
            return f'<p class="note">{_h(text)}</p>' if quiet else f"<p>{_h(text)}</p>"
        case Quote(text=text):
            return f"<blockquote>{_h(text)}</blockquote>"
        case Fields(rows=rows):
            items = "\n".join(f"<dt>{_h(k)}</dt><dd>{_h(v)}</dd>" for k, v in rows)
            return f"<dl>\n{items}\n</dl>"
        case Bullets(items=items):
            return "<ul>\n" + "\n".join(f"<li>{_h(x)}</li>" for x in items) + "\n</ul>"
        case Table():
            return _html_table(block)
        case Bars():
            return _html_bars(block)
        case _:
            assert_never(block)


def to_html(blocks: list[Block], lang: str) -> str:
    """One self-contained, printable page: inline CSS, no script, nothing fetched."""
    title = next((b.text for b in blocks if isinstance(b, Heading)), "kerne")
    body = "\n".join(_html_block(block) for block in blocks)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
