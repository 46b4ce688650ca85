"""The minutes (referat) of a session as blocks: the sections in the order they are read.

Each section is a function from the shared context to blocks, in a module of its own;
this one only puts them in order and signs off with how many events the minutes
were made from.
"""

from __future__ import annotations

from collections.abc import Callable

from server.catalog.minutes import CATALOGS
from server.export import minutes_conflicts as conflicts
from server.export import minutes_drafts as drafts
from server.export import minutes_ratings as ratings
from server.export import minutes_rounds as rounds
from server.export import minutes_session as session
from server.export import minutes_statements as statements
from server.export.blocks import Block, Para
from server.export.context import Ctx
from server.export.history import build_history
from server.export.session_log import SessionLog

SECTIONS: list[Callable[[Ctx], list[Block]]] = [
    session.head,
    session.participants,
    drafts.core_task,
    drafts.drafts,
    rounds.rounds,
    ratings.ratings,
    statements.statements,
    conflicts.conflicts,
    session.timeline,
]


def minutes(log: SessionLog, lang: str) -> list[Block]:
    """The minutes of a session as blocks, in `lang` ("da" or "en")."""
    ctx = Ctx(log, build_history(log), CATALOGS[lang])
    blocks = [block for section in SECTIONS for block in section(ctx)]
    return [*blocks, Para(ctx.t("footer", events=len(log.entries)), quiet=True)]
