"""What a refused command says to the person who sent it, in their language.

The server's `message` is English and written for developers; the person reads the
catalog's text for the error's code instead. A few codes mean different things for
different commands (`invalid_state` above all), so those pairs have a text of their own.
The server's message is shown only for a code this client does not know (a newer
server may add codes).
"""

from __future__ import annotations

from typing import Final, get_args

from kerne_tui.locale import Strings
from kerne_tui.text import safe
from server import protocol as p

ERROR_CODES: Final[tuple[str, ...]] = get_args(p.ErrorCode)

# (command type, error code) pairs with a text more exact than the code's own.
SPECIFIC: Final[frozenset[tuple[str, str]]] = frozenset(
    (command, "invalid_state")
    for command in (
        "cast_vote",
        "retract_vote",
        "revise_draft",
        "withdraw_draft",
        "propose_draft",
        "add_statement",
        "record_conflict",
        "tag_statement",
        "update_conflict",
        "open_round",
        "stop_timer",
        "finalize_draft",
        "remove_item",
        "reveal_split",
        "close_session",
        "classify_statement",
    )
)


def refusal_keys() -> set[str]:
    """Every catalog key `refusal_text` may look up (tests check both languages)."""
    return {f"error.{code}" for code in ERROR_CODES} | {
        f"error.{command}.{code}" for command, code in SPECIFIC
    }


def refusal_text(t: Strings, command: p.Command | None, error: p.Error, code: str = "") -> str:
    """The refusal as a sentence for people; `code` fills an `{code}` a text may name."""
    kind = str(command.__struct_config__.tag) if command is not None else ""
    if (kind, error.code) in SPECIFIC:
        return t(f"error.{kind}.{error.code}", code=code)
    if error.code in ERROR_CODES:
        return t(f"error.{error.code}", code=code)
    return safe(error.message)
