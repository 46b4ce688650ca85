"""What this client does with frames from a newer server: what it can use, it uses."""

from __future__ import annotations

from kerne_tui.connection import decode
from kerne_tui.locale import Strings
from kerne_tui.refusal import refusal_text
from server import protocol as p


def test_an_error_with_an_unknown_code_is_still_a_refusal() -> None:
    """A code this client does not know still answers its command, in the server's words."""
    frame = b'{"type":"error","id":"c7","code":"budget_spent","message":"Kassen er tom."}'
    error = decode(frame)
    assert isinstance(error, p.Error) and error.id == "c7"
    command = p.CastVote("c7", "d1")
    assert refusal_text(Strings("da"), command, error) == "Kassen er tom."


def test_a_known_error_code_keeps_its_own_text() -> None:
    """A known code is shown in the catalog's words, not the server's message."""
    frame = b'{"type":"error","id":"c8","code":"vote_limit","message":"no more dots"}'
    error = decode(frame)
    assert isinstance(error, p.Error)
    assert refusal_text(Strings("da"), p.CastVote("c8", "d1"), error) != "no more dots"


def test_a_message_kind_from_a_newer_server_is_passed_over() -> None:
    """A message type this client has never heard of is None: skipped, not a crash."""
    assert decode(b'{"type":"hologram","beam":3}') is None
    assert decode(b"not json") is None
