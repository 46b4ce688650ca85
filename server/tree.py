"""`kerne-server sessions --tree`: the chain of levels (municipality, centre, institution,
unit) and the series of follow-up sessions, each with its state and chosen core task."""

from __future__ import annotations

from rich.text import Text
from rich.tree import Tree

from server import archive, model
from server import protocol as p
from server.store import Store, StoredSession

LEVELS = {
    "municipality": "municipality",
    "centre": "administration/centre",
    "institution": "institution",
    "unit": "unit",
}


def _state_word(state: model.State) -> str:
    if state.follow.reopened:
        return "closed, reopened for follow-up"
    return "closed" if state.closed else f"open ({state.phase})"


def _label(store: Store, stored: StoredSession, by_code: dict[str, StoredSession]) -> Text:
    info = stored.info
    log = archive.load_log(store, info.code)
    state = model.replay(info, [e.event for e in log.entries]) if log else model.new_state(info)
    chosen = next((d.text for d in state.drafts.values() if d.final and d.text), None)
    text = Text.assemble(
        (f"{LEVELS.get(info.level, info.level)}: ", "dim"),
        (info.title, "bold"),
        f"  {p.format_code(info.code)}  ",
        (_state_word(state), "green" if not state.closed else "yellow"),
    )
    earlier = by_code.get(info.follows or "")
    if earlier is not None:
        text.append(f"\n  follows up: {earlier.info.title}", "cyan")
    text.append(f"\n  core task: {chosen}" if chosen else "\n  no core task chosen yet", "italic")
    return text


def session_tree(store: Store) -> Tree:
    """Every session under the one on the level above; a follow-up without a level
    above under the session it follows up."""
    everyone = [x for x in (store.session(c) for c in store.session_codes()) if x is not None]
    by_code = {x.info.code: x for x in everyone}

    def above(stored: StoredSession) -> str | None:
        for link in (stored.info.parent, stored.info.follows):
            if link in by_code:
                return link
        return None

    tree = Tree("kerne sessions", guide_style="dim")
    nodes: dict[str, Tree] = {}
    placed: set[str] = set()

    def place(stored: StoredSession, under: Tree) -> None:
        code = stored.info.code
        if code in placed:  # a loop of links typed by hand shows each session once
            return
        placed.add(code)
        nodes[code] = under.add(_label(store, stored, by_code))
        for other in everyone:
            if above(other) == code:
                place(other, nodes[code])

    for stored in everyone:
        if above(stored) is None:
            place(stored, tree)
    for stored in everyone:  # whatever a loop left out
        place(stored, tree)
    return tree
