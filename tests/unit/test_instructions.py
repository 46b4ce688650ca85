"""The phase's instruction: the facilitator rewrites it, everyone sees it, and an empty
text gives the method's default back (issue 15)."""

from __future__ import annotations

import pytest

from server import model, views
from server import protocol as p
from server.fold import fold
from tests.unit.sim import Sim, new_sim

ASK = "Hvad gør vi for beboeren, og hvad får beboeren ud af det?"


def room() -> tuple[Sim, str, str]:
    sim = new_sim()
    return sim, sim.join("Mette", "Leder", "facilitator"), sim.join("Anne", "Sygeplejerske")


def test_the_facilitator_sets_an_instruction_everyone_sees() -> None:
    """set_instruction is stored for its phase and shown in every snapshot."""
    sim, mette, anne = room()
    event = sim.do(mette, p.SetInstruction("x", "statements", ASK))
    assert event.kind == "instruction_set"
    assert views.snapshot(sim.state, anne).session.instructions == {"statements": ASK}
    assert sim.events[-1][1].data == {"phase": "statements", "text": ASK}


def test_an_empty_instruction_gives_the_default_back() -> None:
    """The phase disappears from `instructions`, so clients show their default again."""
    sim, mette, anne = room()
    sim.do(mette, p.SetInstruction("x", "statements", ASK))
    sim.do(mette, p.SetInstruction("x", "statements", ""))
    assert views.snapshot(sim.state, anne).session.instructions == {}


def test_only_the_facilitator_sets_instructions() -> None:
    """A participant who tries is refused as forbidden; nothing changes."""
    sim, _, anne = room()
    with pytest.raises(model.DomainError) as caught:
        sim.do(anne, p.SetInstruction("x", "statements", ASK))
    assert caught.value.code == "forbidden"
    assert sim.state.instructions == {}


def test_the_fold_follows_the_instruction() -> None:
    """A client's folded snapshot equals the server's after setting and clearing."""
    sim, mette, anne = room()
    before = views.snapshot(sim.state, anne)
    mine = p.Mine()
    for text in (ASK, "Skriv tre udsagn hver", ""):
        sim.do(mette, p.SetInstruction("x", "statements", text))
        before, mine = fold(before, sim.events[-1][1], mine, anne)
        assert before.session.instructions == views.snapshot(sim.state, anne).session.instructions


def test_an_instruction_is_one_line_within_its_limit() -> None:
    """Control characters go, and more than 500 characters is too long."""
    raw = {"type": "set_instruction", "id": "i", "phase": "drafts", "text": "Skriv\x1b[31m selv"}
    assert p.decode_command(raw) == p.SetInstruction("i", "drafts", "Skriv[31m selv")
    with pytest.raises(p.ProtocolError) as caught:
        p.decode_command({**raw, "text": "x" * 501})
    assert caught.value.code == "too_long"
