"""The session as data: the public events as broadcast, and the snapshot they fold into.

The data carries only what everyone in the room received, never the internal facts, so
it holds nothing a participant could not already have seen. On top of that it leaves
out what the document must not keep once it leaves the room: names in an anonymous
session, and the text of anything a facilitator removed. `replay_export` folds the
events as a client would, which proves the document complete.
"""

from __future__ import annotations

from typing import Any, Final, assert_never

import msgspec

from server import model, views
from server import protocol as p
from server import public_events as pub
from server.export.session_log import SessionLog
from server.fold import fold

FORMAT_NAME: Final = "kerne-session"
FORMAT_VERSION: Final = 1


def _session_json(log: SessionLog, state: model.State) -> dict[str, Any]:
    info = log.info
    return {
        "code": p.format_code(info.code),
        "title": info.title,
        "level": info.level,
        "parent_task": info.parent_task,
        "professions": list(info.professions),
        "settings": {"anonymous": info.anonymous, "k_anonymity": info.k_anonymity},
        "created_at": log.created_at,
        "started_at": log.entries[0].at if log.entries else None,
        "ended_at": log.entries[-1].at if log.entries else None,
        "closed": state.closed,
    }


def _participants_json(state: model.State) -> list[dict[str, Any]]:
    """Who took part; names only in a named session."""
    rows: list[dict[str, Any]] = []
    for who in state.participants.values():
        row: dict[str, Any] = {"id": who.id}
        if not state.info.anonymous:
            row["name"] = who.name
        row |= {"profession": who.profession, "role": who.role, "votes": who.votes}
        if who.removed:  # an addition, present only when true (as on the wire)
            row["removed"] = True
        rows.append(row)
    return rows


def _redact(event: dict[str, Any], state: model.State) -> None:
    """Blank in one public event what the export must not keep: a name in an anonymous
    session, and the text of an item the facilitator removed (as the final state does).

    Judged by what the event carries (a draft, a statement, a conflict), whatever its
    kind: a new kind that carries a statement is blanked by carrying it, and one that
    carries something new is a type error here until someone decides.
    """
    data = event["data"]
    match pub.from_wire(event["kind"], data):
        case pub.CarriesParticipant():
            if state.info.anonymous:
                data["participant"]["name"] = ""
        case pub.DraftFinalizedView(draft=draft, previous=previous):
            _blank_draft(data, "draft", draft, state)
            _blank_draft(data, "previous", previous, state)
        case pub.CarriesDraft(draft=draft):
            _blank_draft(data, "draft", draft, state)
        case pub.CarriesStatement(statement=statement):
            if state.statements[statement.id].removed:
                data["statement"]["text"] = None
        case pub.CarriesConflict(conflict=conflict):
            if state.conflicts[conflict.id].removed:
                _blank_conflict(data["conflict"])
        case pub.CarriesConflicts(conflicts_noted=noted):
            for shown, conflict in zip(data["conflicts_noted"], noted, strict=True):
                if state.conflicts[conflict.id].removed:
                    _blank_conflict(shown)
        case (
            pub.CarriesRound()
            | pub.CarriesRating()
            | pub.CoachWordsAddedView()
            | pub.PhaseChangedView()
            | pub.TimerStartedView()
            | pub.TimerStoppedView()
            | pub.ItemRemovedView()
            | pub.SessionClosedView()
            | pub.AdmissionChangedView()
            | pub.ParticipantRemovedView()
            | pub.ParticipantMutedView()
            | pub.CarriesAction()
            | pub.FollowChangedView()
            | pub.ParentTaskChangedView()
            | pub.InstructionSetView()
            | pub.MinutesTablesSetView()
            | pub.TaggingSetView()
            | pub.StatementTaggedBlindView()
            | None
        ):
            pass  # no name and no text of an item (a removal's reason is the facilitator's)
        case pub.SeriesCarriedView():
            _blank_carried(data, state)
        case unhandled:
            assert_never(unhandled)


def _blank_carried(data: dict[str, Any], state: model.State) -> None:
    """What a follow-up session carried over and then removed loses its text here too."""
    for shown in data["drafts"]:
        if state.drafts[shown["id"]].removed:
            shown["text"] = None
    for shown in data["statements"]:
        if state.statements[shown["id"]].removed:
            shown["text"] = None
    for shown in data["conflicts"]:
        if state.conflicts[shown["id"]].removed:
            shown |= {"title": None, "description": None, "notes": []}
            shown |= {"side_a": "", "side_b": "", "owner": ""}


def _blank_draft(
    data: dict[str, Any], key: str, shown: p.DraftView | None, state: model.State
) -> None:
    if shown is not None and state.drafts[shown.id].removed:
        data[key]["text"] = None


def export_json(log: SessionLog) -> dict[str, Any]:
    """The session as data: its public events and the public snapshot they fold into."""
    state = model.replay(log.info, [entry.event for entry in log.entries])
    events: list[dict[str, Any]] = []
    for entry in log.entries:
        event = msgspec.json.decode(entry.public)
        _redact(event, state)
        events.append(event)
    final = msgspec.json.decode(p.encode(views.snapshot(state, None)))
    if state.info.anonymous:
        for who in final["participants"]:
            who["name"] = ""
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "session": _session_json(log, state),
        "participants": _participants_json(state),
        "events": events,
        "final_state": final,
    }


def json_bytes(log: SessionLog) -> bytes:
    """The JSON file: UTF-8 as typed (æ, ø, å unescaped), indented for a person to read.
    msgspec writes the same bytes as `json.dumps(..., ensure_ascii=False, indent=2)`
    twenty times faster (Python's own encoder is pure Python once it indents)."""
    return msgspec.json.format(msgspec.json.encode(export_json(log)), indent=2) + b"\n"


def empty_snapshot(session: dict[str, Any]) -> p.Snapshot:
    """The snapshot before the first event, from an export's `session` object."""
    settings = session["settings"]
    view = p.SessionView(
        code=session["code"],
        title=session["title"],
        level=session["level"],
        parent_task=session["parent_task"],
        professions=list(session["professions"]),
        phase="checkin",
        settings=p.Settings(settings["anonymous"], settings["k_anonymity"]),
        closed=False,
    )
    return p.Snapshot(view, [], [], [], [], [], [], None)


def replay_export(document: dict[str, Any]) -> p.Snapshot:
    """Fold an export's events as a client would: the proof that the data is complete."""
    snap = empty_snapshot(document["session"])
    mine = p.Mine()
    for raw in document["events"]:
        snap, mine = fold(snap, msgspec.convert(raw, p.WireEvent), mine, "")
    return snap


def _blank_conflict(shown: dict[str, Any]) -> None:
    """A removed conflict's text leaves the export: title, description, notes, and its
    sides and owner, which are its text too (keys a v1 frame may lack)."""
    shown |= {"title": None, "description": None, "notes": []}
    for key in ("side_a", "side_b", "owner"):
        if key in shown:
            shown[key] = ""
