"""The facilitator's decision whether the minutes carry tables per profession: the rule,
who may make it, and how it reaches a client's snapshot without changing a v1 frame."""

from __future__ import annotations

import msgspec
import pytest

from server import fold, model, views
from server import protocol as p
from tests.unit.sim import Sim, new_sim


def nursing_home(anonymous: bool = True) -> tuple[Sim, str, str]:
    sim = new_sim(anonymous=anonymous)
    lead = sim.join("Karen", "Leder", role="facilitator", votes=False)
    nurse = sim.join("Birgitte", "Sygeplejerske")
    return sim, lead, nurse


@pytest.mark.parametrize(("anonymous", "included"), [(True, False), (False, True)])
def test_until_decided_only_a_named_session_carries_the_tables(
    anonymous: bool, included: bool
) -> None:
    """Anonymous: the figures were promised to stay in the room; named: everyone is named."""
    sim, _, _ = nursing_home(anonymous)
    assert model.minutes_tables(sim.state) is included


@pytest.mark.parametrize("anonymous", [True, False])
def test_the_facilitators_decision_wins_over_the_default(anonymous: bool) -> None:
    """Set either way, the session keeps the facilitator's choice, and the last one holds."""
    sim, lead, _ = nursing_home(anonymous)
    sim.do(lead, p.SetMinutesTables("x", include=anonymous))
    assert model.minutes_tables(sim.state) is anonymous
    sim.do(lead, p.SetMinutesTables("x", include=not anonymous))
    assert model.minutes_tables(sim.state) is not anonymous


def test_only_the_facilitator_decides() -> None:
    """A participant asking is refused as `forbidden`, and nothing changes."""
    sim, _, nurse = nursing_home()
    with pytest.raises(model.DomainError) as refused:
        sim.do(nurse, p.SetMinutesTables("x", include=True))
    assert refused.value.code == "forbidden"
    assert sim.state.minutes_tables is None


def test_a_closed_session_takes_no_new_decision() -> None:
    """After the close the command line's flag is the way to choose (the log is final)."""
    sim, lead, _ = nursing_home()
    sim.do(lead, p.CloseSession("x"))
    with pytest.raises(model.DomainError) as refused:
        sim.do(lead, p.SetMinutesTables("x", include=True))
    assert refused.value.code == "session_closed"


def test_an_undecided_session_sends_the_v1_settings_unchanged() -> None:
    """The snapshot's settings hold no new key until the facilitator decides."""
    sim, _, _ = nursing_home()
    settings = msgspec.json.decode(p.encode(views.session_view(sim.state).settings))
    assert settings == {"anonymous": True, "k_anonymity": 3}


def test_a_decision_reaches_the_snapshot_and_a_folding_client_alike() -> None:
    """The event folded into an earlier snapshot gives the snapshot the server sends now."""
    sim, lead, nurse = nursing_home()
    before = views.snapshot(sim.state, nurse)
    sim.do(lead, p.SetMinutesTables("x", include=True))
    _, wire = sim.events[-1]
    folded, _ = fold.fold(before, wire, p.Mine(), nurse)
    now = views.snapshot(sim.state, nurse)
    assert now.session.settings.minutes_tables is True
    assert p.encode(folded.session) == p.encode(now.session)
    assert wire.actor == lead  # the facilitator's acts are always named
