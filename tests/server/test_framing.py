"""Bad input of every kind in the framing rules: the documented answer, nothing changed,
and everyone else served as before."""

from __future__ import annotations

import json

import pytest
from websockets.exceptions import ConnectionClosed

from tests.realserver import Running
from tests.server.peer import Peer, join


async def healthy(server: Running, peer: Peer, text: str) -> None:
    """The other client can still write and sees its own event: the server serves on."""
    ack = await peer.ok("add_statement", text=text)
    event = await peer.event("statement_added")
    assert event["seq"] == ack["seq"]


async def seq_of(server: Running) -> int:
    return server.hub.sessions[server.code].state.seq


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        (b'{"type": "propose_draft", "id": "b1", "text": "binary"}', "invalid"),
        ("this is not json", "invalid"),
        ("[1, 2, 3]", "invalid"),
        ('"propose_draft"', "invalid"),
        ("42", "invalid"),
        ('{"id": "x1", "text": "no type"}', "invalid"),
        ('{"type": 7, "id": "x1"}', "invalid"),
        ('{"type": "make_coffee", "id": "x1"}', "unknown_type"),
        ('{"type": "propose_draft", "text": "no id"}', "invalid"),
        ('{"type": "propose_draft", "id": "", "text": "empty id"}', "invalid"),
        ('{"type": "propose_draft", "id": 5, "text": "numeric id"}', "invalid"),
        ('{"type": "propose_draft", "id": "x1"}', "invalid"),
        ('{"type": "propose_draft", "id": "x1", "text": 12}', "invalid"),
        ('{"type": "propose_draft", "id": "x1", "text": "   \\t  "}', "invalid"),
        ('{"type": "propose_draft", "id": "x1", "text": "' + "å" * 501 + '"}', "too_long"),
        ('{"type": "cast_vote", "id": "x1", "draft_id": null}', "invalid"),
        ('{"type": "open_round", "id": "x1", "dots": "3", "blind": false}', "invalid"),
        ('{"type": "start_timer", "id": "x1", "seconds": true}', "invalid"),
        (
            '{"type": "record_conflict", "id": "x1", "title": "t", "professions": "Lærer"}',
            "invalid",
        ),
    ],
)
async def test_bad_frame_gets_error_and_changes_nothing(
    server: Running, frame: str | bytes, code: str
) -> None:
    """A malformed message is answered with its error code; the connection stays open."""
    anne = await join(server.url, server.code, "Anne", "Lærer")
    bo = await join(server.url, server.code, "Bo", "Pædagog")
    before = await seq_of(server)
    await anne.send_raw(frame)
    error = await anne.expect("error")
    assert error["code"] == code, error
    assert isinstance(error["message"], str) and error["message"]
    assert await seq_of(server) == before
    await healthy(server, anne, "Anne er her stadig")
    await healthy(server, bo, "Bo mærker intet")


async def test_error_echoes_the_command_id(server: Running) -> None:
    """An error for a command with a usable id carries that id."""
    anne = await join(server.url, server.code, "Anne", "Lærer")
    await anne.send({"type": "cast_vote", "id": "vote-7", "draft_id": "d1"})
    error = await anne.expect("error")
    assert (error["id"], error["code"]) == ("vote-7", "no_open_round")


async def test_invalid_utf8_closes_with_1007(server: Running) -> None:
    """A text frame that is not UTF-8 closes that connection with 1007, nobody else's."""
    anne = await join(server.url, server.code, "Anne", "Lærer")
    bo = await join(server.url, server.code, "Bo", "Pædagog")
    await anne.ws.send(b'{"type": "add_statement", "id": "u", "text": "\xff\xfe"}', text=True)
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            await anne.next()
    assert closed.value.sent is not None and closed.value.sent.code == 1007
    await healthy(server, bo, "Bo mærker intet")


async def test_oversized_message_closes_with_1009(server: Running) -> None:
    """A message over 64 KiB closes that connection with 1009, nobody else's."""
    anne = await join(server.url, server.code, "Anne", "Lærer")
    bo = await join(server.url, server.code, "Bo", "Pædagog")
    await anne.send({"type": "add_statement", "id": "big", "text": "x" * (65 * 1024)})
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            await anne.next()
    assert closed.value.sent is not None and closed.value.sent.code == 1009
    await healthy(server, bo, "Bo mærker intet")


async def test_just_under_the_limit_is_a_normal_error(server: Running) -> None:
    """A frame just under 64 KiB is read and judged: too_long for a draft, not a close."""
    anne = await join(server.url, server.code, "Anne", "Lærer")
    frame = json.dumps({"type": "propose_draft", "id": "l", "text": "x" * 60000})
    assert len(frame.encode()) < 64 * 1024
    await anne.send_raw(frame)
    assert (await anne.expect("error"))["code"] == "too_long"


async def test_hygiene_cleans_text_before_storing(server: Running) -> None:
    """Controls, bidi overrides and escape sequences are gone before anyone sees them;
    newlines survive in long texts, not in names; markup stays literal text."""
    anne = await join(server.url, server.code, "An\x1b[2Jne\u202e\n", "Lærer\t i 3.b")
    assert anne.welcome["participant"]["name"] == "An[2Jne"
    assert anne.welcome["participant"]["profession"] == "Lærer  i 3.b"
    text = "  Eleven \x07lærer\r\n at lære\u2066 [bold]x[/] [@click=app.quit]y[/]\x00 "
    await anne.ok("propose_draft", text=text)
    draft = (await anne.event("draft_proposed"))["data"]["draft"]
    assert draft["text"] == "Eleven lærer\n at lære [bold]x[/] [@click=app.quit]y[/]"


async def test_nfc_normalisation(server: Running) -> None:
    """Decomposed letters are stored composed, so the same word is always the same text."""
    anne = await join(server.url, server.code, "Søren", "Pæda\u0301gog")
    assert anne.welcome["participant"]["profession"] == "Pædágog"


async def test_deeply_nested_json_is_an_error_not_a_drop(server: Running) -> None:
    """JSON nested thousands deep (a few KB) gets `invalid`; the connection stays."""
    anne = await join(server.url, server.code, "Anne", "Lærer")
    await anne.send_raw("[" * 5000 + "]" * 5000)
    assert (await anne.expect("error"))["code"] == "invalid"
    await healthy(server, anne, "Anne er her stadig")


async def test_a_flood_of_garbage_is_rate_limited_then_closed(server: Running) -> None:
    """Garbage counts against the rate limit like commands: refusals, then a close;
    everyone else goes on."""
    anne = await join(server.url, server.code, "Anne", "Lærer")
    bo = await join(server.url, server.code, "Bo", "Pædagog")
    codes: list[str] = []
    with pytest.raises(ConnectionClosed) as closed:
        for _ in range(400):
            await anne.send_raw("not json at all")
        while True:
            codes.append((await anne.expect("error"))["code"])
    assert codes.count("invalid") >= 50 and "rate_limited" in codes
    assert closed.value.sent is not None and closed.value.sent.code == 1008
    await healthy(server, bo, "Bo mærker intet")


async def test_rate_limited_error_echoes_the_id(server: Running) -> None:
    """A rate-limited command's error carries its id, so it can be sent again."""
    anne = await join(server.url, server.code, "Anne", "Lærer")
    for index in range(70):
        await anne.send({"type": "add_statement", "id": f"s{index}", "text": f"Udsagn {index}"})
    limited = await anne.expect("error", code="rate_limited")
    assert limited["id"] is not None and limited["id"].startswith("s")
    assert 0 < limited["retry_after"] <= 1
