"""A pure, in-memory run of a session: decide, apply, and every viewer's fold.

Shared by the rule tests and the property tests so that both drive the core exactly as
the hub does, without sockets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import msgspec

from server import model, views
from server import protocol as p
from server.events import ParticipantJoined

NOW = "2026-11-28T10:15:00Z"


@dataclass
class Sim:
    """A session plus the events it produced, in order."""

    state: model.State
    events: list[tuple[model.Event, p.WireEvent]] = field(default_factory=list)
    counter: int = 0

    def join(
        self, name: str, profession: str | None, role: p.Role = "participant", votes: bool = True
    ) -> str:
        event = model.join(
            self.state, name=name, profession=profession, role=role, votes=votes, now=NOW
        )
        return self._commit(event)

    def _commit(self, event: model.Event) -> str:
        model.apply(self.state, event)
        wire = views.public_event(self.state, event)
        # Through JSON and back, as a client receives it.
        wire = msgspec.json.decode(p.encode(wire), type=p.WireEvent)
        self.events.append((event, wire))
        return event.data.participant.id if isinstance(event.data, ParticipantJoined) else ""

    def do(self, actor: str, command: p.Command) -> model.Event:
        """Decide and apply one command; DomainError propagates."""
        event = model.decide(self.state, actor, command, NOW)
        self._commit(event)
        return event

    def cmd_id(self) -> str:
        self.counter += 1
        return f"x{self.counter}"


def new_sim(anonymous: bool = True, k: int = 3) -> Sim:
    info = model.SessionInfo(
        code="K7QXM2PA",
        title="Plejecenter Solhaven: vores kerneopgave",
        professions=["Sygeplejerske", "Social- og sundhedsassistent"],
        anonymous=anonymous,
        k_anonymity=k,
    )
    return Sim(model.new_state(info))
