"""The method's guidance as words for this session: the phase's instruction (the
facilitator's own, else the default written from the method). Pure: screens, notices
and tests read it the same way."""

from __future__ import annotations

from kerne_tui.locale import Strings
from kerne_tui.state import View
from kerne_tui.text import plain
from server import protocol as p
from server.catalog import in_sector as catalog_key


def instruction_text(t: Strings, view: View) -> str:
    """The instruction for the session's phase as everyone reads it now: the
    facilitator's own, else the method's in the sector's words where they differ (a
    school speaks of pupils, not of citizens), else the general one."""
    session = view.snapshot.session
    own = session.instructions.get(session.phase)
    if own:
        return plain(own).plain
    return worded(t, "instruction." + session.phase, view)


def worded(t: Strings, key: str, view: View) -> str:
    """`key` in the words of the session's sector where the catalog has them (a school
    speaks of pupils, a day care of children), else the general words."""
    return in_sector(t, key, sector_of(view))


def in_sector(t: Strings, key: str, sector: str) -> str:
    """`key` in `sector`'s words where the catalog has them, else the general words."""
    return t(catalog_key(t.catalog, key, sector))


def sector_of(view: View) -> str:
    """The session's sector as the catalog knows it; "general" for none or an unknown one."""
    sector = view.snapshot.session.sector
    return sector if sector in p.SECTORS else "general"


def contrast(t: Strings, view: View) -> tuple[str, str]:
    """The sector's pair of an output and an effect about the same work."""
    sector = sector_of(view)
    return t(f"sector.{sector}.output"), t(f"sector.{sector}.effect")


def definitions(t: Strings, view: View) -> str:
    """What ydelse and effekt mean, with the sector's pair: for whoever tags statements."""
    output, effect = contrast(t, view)
    return "\n".join(
        (
            worded(t, "define.output", view),
            worded(t, "define.effect", view),
            t("define.example", output=output, effect=effect),
        )
    )
