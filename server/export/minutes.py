"""The minutes (referat) of a session as blocks: the sections in the order they are read.

A manager reads the front pages and signs them: the header, our core task, its link to
the level above, effects and outputs, dilemmas with owners, decisions and the line for
management's endorsement. How the meeting got there (participants, drafts, rounds, every
statement, the timeline) follows as appendices. Each section is a function from the
shared context to blocks, in a module of its own; this one only puts them in order and
signs off with how many events the minutes were made from.
"""

from __future__ import annotations

from collections.abc import Callable

from server.catalog.minutes import CATALOGS
from server.export import minutes_actions as actions
from server.export import minutes_conflicts as conflicts
from server.export import minutes_dilemmas as dilemmas
from server.export import minutes_drafts as drafts
from server.export import minutes_front as front
from server.export import minutes_outcome as outcome
from server.export import minutes_ratings as ratings
from server.export import minutes_rounds as rounds
from server.export import minutes_session as session
from server.export import minutes_statements as statements
from server.export.blocks import Block, Heading, Para
from server.export.context import Ctx, MinutesOptions
from server.export.history import build_history
from server.export.session_log import SessionLog


def appendix(ctx: Ctx) -> list[Block]:
    """Where the signed part ends: what follows documents how the meeting got there."""
    return [Heading(2, ctx.t("section.appendix")), Para(ctx.t("appendix.note"), quiet=True)]


SECTIONS: list[Callable[[Ctx], list[Block]]] = [
    front.header,
    outcome.core_task,
    outcome.level_above,
    outcome.everyday,
    outcome.effects,
    outcome.outputs,
    dilemmas.dilemmas,
    actions.actions,
    actions.endorsement,
    appendix,
    actions.follow_up,
    session.about,
    session.participants,
    drafts.core_task,
    drafts.drafts,
    rounds.rounds,
    ratings.ratings,
    statements.statements,
    conflicts.conflicts,
    session.timeline,
]


def minutes(log: SessionLog, lang: str, options: MinutesOptions | None = None) -> list[Block]:
    """The minutes of a session as blocks, in `lang` ("da" or "en")."""
    ctx = Ctx(log, build_history(log), CATALOGS[lang], options or MinutesOptions())
    blocks = [block for section in SECTIONS for block in section(ctx)]
    return [*blocks, Para(ctx.t("footer", events=len(log.entries)), quiet=True)]
