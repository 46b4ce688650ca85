"""The lobby: newcomers waiting for the facilitator to admit them. Pure.

While a session admits newcomers (`State.admit`), a new participant's hello does not
make them a participant: they wait here, outside the session's state, its log and every
figure, and see nothing of it. Admitting one is then an ordinary join. The waiting list
lives only as long as their connections do: a restart empties it, and the newcomers'
clients say their hello (with the same join id) again, and wait again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from server import protocol as p

# Enough for a kick-off day arriving at once; past it a newcomer is asked to try again
# soon, so that a script cannot make the facilitator's waiting list endless.
MAX_WAITING: Final = 300


@dataclass(frozen=True)
class Newcomer:
    """One hello waiting: the connection it came on and the token it will get."""

    waiting_id: str
    client: int
    hello: p.Hello
    token: str

    def view(self) -> p.WaitingView:
        hello = self.hello
        return p.WaitingView(self.waiting_id, hello.name or "", hello.profession, hello.role)


@dataclass
class Lobby:
    """Who waits, oldest first, by waiting id; and the tokens turned away."""

    waiting: dict[str, Newcomer] = field(default_factory=dict)
    clients: dict[int, str] = field(default_factory=dict)  # connection -> waiting id
    # Hashes of the tokens of people turned away: their client's hello said again (the
    # same join id) is refused at once rather than queued again. Lost on a restart.
    rejected: set[str] = field(default_factory=set)
    count: int = 0

    def holds(self, client: int) -> bool:
        return client in self.clients

    def same(self, token: str) -> Newcomer | None:
        """The newcomer already waiting with this token (the same hello said again)."""
        return next((x for x in self.waiting.values() if x.token == token), None)

    def add(self, client: int, hello: p.Hello, token: str) -> Newcomer:
        """Queue a hello; the same hello said again keeps its place (and its id) but
        moves to the new connection."""
        earlier = self.same(token)
        if earlier is not None:
            self.clients.pop(earlier.client, None)
            newcomer = Newcomer(earlier.waiting_id, client, hello, token)
        else:
            self.count += 1
            newcomer = Newcomer(f"w{self.count}", client, hello, token)
        self.waiting[newcomer.waiting_id] = newcomer
        self.clients[client] = newcomer.waiting_id
        return newcomer

    def take(self, waiting_id: str) -> Newcomer | None:
        """Remove and return a newcomer (admitted or turned away)."""
        newcomer = self.waiting.pop(waiting_id, None)
        if newcomer is not None:
            self.clients.pop(newcomer.client, None)
        return newcomer

    def leave(self, client: int) -> bool:
        """A waiting connection ended; True if someone left the list."""
        waiting_id = self.clients.pop(client, None)
        if waiting_id is None:
            return False
        del self.waiting[waiting_id]
        return True

    def view(self) -> p.Lobby:
        return p.Lobby([x.view() for x in self.waiting.values()])
