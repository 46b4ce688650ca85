"""Everything the server says, as Textual messages: the connection posts them, the
app's handlers act on them. Nothing else turns network input into UI changes."""

from __future__ import annotations

from typing import Literal

from textual.message import Message

from server import protocol as p

LinkStatus = Literal["connecting", "online", "reconnecting", "stopped"]


class Welcomed(Message):
    """The server let us in (first join or resume)."""

    def __init__(self, welcome: p.Welcome) -> None:
        super().__init__()
        self.welcome = welcome


class EventsReceived(Message):
    """Events in order, without a gap after what was folded before."""

    def __init__(self, events: list[p.WireEvent]) -> None:
        super().__init__()
        self.events = events


class Acked(Message):
    """One of our commands was done."""

    def __init__(self, command: p.Command, ack: p.Ack) -> None:
        super().__init__()
        self.command = command
        self.ack = ack


class Refused(Message):
    """One of our commands was refused; it will not be sent again."""

    def __init__(self, command: p.Command | None, error: p.Error) -> None:
        super().__init__()
        self.command = command
        self.error = error


class PresenceChanged(Message):
    def __init__(self, online: list[str]) -> None:
        super().__init__()
        self.online = online


class Noticed(Message):
    """A notice for this client alone (such as votes given back)."""

    def __init__(self, notice: p.Notice) -> None:
        super().__init__()
        self.notice = notice


class LinkChanged(Message):
    """The connection's state, for the header and the banner."""

    def __init__(
        self, status: LinkStatus, attempt: int = 0, delay: float = 0.0, reason: str = ""
    ) -> None:
        super().__init__()
        self.status: LinkStatus = status
        self.attempt = attempt
        self.delay = delay
        self.reason = reason


class JoinRefused(Message):
    """The server will not let us in; trying again would not help."""

    def __init__(self, error: p.Error) -> None:
        super().__init__()
        self.error = error


class ExportReady(Message):
    """The facilitator's export arrived; the app writes it to a file."""

    def __init__(self, data: p.ExportData) -> None:
        super().__init__()
        self.data = data


class Waiting(Message):
    """The session admits newcomers: we wait until the facilitator lets us in."""

    def __init__(self, waiting: p.Waiting) -> None:
        super().__init__()
        self.waiting = waiting


class LobbyChanged(Message):
    """Facilitators only: who is waiting to be admitted."""

    def __init__(self, lobby: p.Lobby) -> None:
        super().__init__()
        self.lobby = lobby


class LensUpdated(Message):
    """Facilitators only: the profession lens changed (splits, suggestions, equity)."""

    def __init__(self, lens: p.Lens) -> None:
        super().__init__()
        self.lens = lens
