"""What a person asks the session to do, as Textual messages.

Each widget that lets a person change the session posts one `Intent` subclass per kind
of request, nested in the widget (`DraftArea.VoteCast`), and every one of them says the
one command it means. The app's one handler for `Intent` (Textual dispatches a message
to the handlers of its base classes too) sends that command; no widget talks to the
server.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, TypeVar, overload

from textual.message import Message

from server import protocol as p

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

    from kerne_tui.screens.choice import Choice

PENDING: Final = "pending"  # the app gives every command a fresh id as it sends it

AnswerT = TypeVar("AnswerT")
KeyT = TypeVar("KeyT", bound=str)


class Intent(Message):
    """The base of every request to the server; subclasses are dataclasses of its fields."""

    @property
    def command(self) -> p.Command:
        """The protocol command that carries this request out."""
        raise NotImplementedError

    def afterwards(self, item_id: str) -> p.Command | None:
        """A second command, sent once the first is done and made the item `item_id`
        (a conflict kept with its item, then given its kind): None for most requests."""
        return None


# A Choice of literal keys needs its own overload: mypy cannot solve `AnswerT | None`
# against a union of literals and None.
@overload
def ask(widget: Widget, dialog: Choice[KeyT], then: Callable[[KeyT], Message]) -> None: ...


@overload
def ask(
    widget: Widget, dialog: Screen[AnswerT | None], then: Callable[[AnswerT], Message]
) -> None: ...


def ask(widget: Widget, dialog: Screen[Any], then: Callable[[Any], Message]) -> None:
    """Show `dialog`; once it is answered (a cancelled dialog answers None), `widget`
    posts the message made from the answer."""

    def answered(answer: object) -> None:
        if answer is not None:
            # The answer arrives in the context of whoever opened the dialog (the screen,
            # for a suggestion the lens passed on); a message sent by the screen would stop
            # bubbling there, short of the app. The request is the widget's own.
            widget.post_message(then(answer).set_sender(widget))

    widget.app.push_screen(dialog, answered)
