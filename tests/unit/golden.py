"""A fixed, rich run of two sessions, written out as the exact bytes they produce.

Every event kind appears, in an anonymous and a named session, with a blind round,
removals that release dots, a revealed split and a removal after it. For each event the
record holds what the store writes (`kind` and the JSON text of `data`), the ack's
`item_id`, whose dots were released (what the hub's `votes_released` notice says) and
the public frame exactly as it goes on the wire. `test_golden_wire` compares a fresh run
with `golden_wire.txt`: a change to the internals must not change one byte of it.

Run `python -m tests.unit.golden` to rewrite the file (only when the wire is meant to
change, which for protocol v1 is never).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from server import events, model, views
from server import protocol as p

GOLDEN = Path(__file__).with_name("golden_wire.txt")
START = datetime(2026, 11, 28, 9, 0, 0)

NURSE = "Sygeplejerske"
ASSISTANT = "Social- og sundhedsassistent"
TEACHER = "Lærer"
PEDAGOGUE = "Pædagog"


def stored_data(event: model.Event) -> str:
    """The `data` column of the event's row, as the store writes it."""
    return events.encode_data(event.data)


def released_notice(event: model.Event) -> tuple[str | None, list[str]]:
    """The draft and the voters the hub tells `votes_released` after this event."""
    return model.released(event)


@dataclass
class Run:
    """One session driven as the hub drives it, recording every event's bytes."""

    name: str
    state: model.State
    lines: list[str] = field(default_factory=list)
    events: list[model.Event] = field(default_factory=list)
    tick: int = 0

    def now(self) -> str:
        self.tick += 1
        return (START + timedelta(seconds=7 * self.tick)).strftime("%Y-%m-%dT%H:%M:%SZ")

    def record(self, event: model.Event) -> None:
        model.apply(self.state, event)
        self.events.append(event)
        frame = p.encode(views.public_event(self.state, event))
        draft_id, voters = released_notice(event)
        notice = f"{draft_id} {','.join(voters)}" if voters else "-"
        self.lines += [
            f"{self.name} {self.state.seq} {event.kind} item={model.item_id(event)} "
            f"released={notice}",
            f"stored {stored_data(event)}",
            f"public {frame}",
        ]

    def join(
        self, name: str, profession: str | None, role: p.Role = "participant", votes: bool = True
    ) -> str:
        event = model.join(
            self.state, name=name, profession=profession, role=role, votes=votes, now=self.now()
        )
        self.record(event)
        return str(event.actor)

    def do(self, actor: str, command: p.Command) -> None:
        self.record(model.decide(self.state, actor, command, self.now()))


def anonymous_home() -> Run:
    """Plejecenter Solhaven, anonymous, k = 2: every kind, a blind round, a leak case."""
    info = model.SessionInfo(
        code="K7QXM2PA",
        title="Plejecenter Solhaven: vores kerneopgave",
        professions=[NURSE, ASSISTANT],
        anonymous=True,
        k_anonymity=2,
    )
    run = Run("solhaven", model.new_state(info))
    mette = run.join("Mette", "Leder", "facilitator", votes=False)
    anne = run.join("Anne", NURSE)
    bo = run.join("Bo", NURSE)
    dina = run.join("Dina", ASSISTANT)
    emil = run.join("Emil", ASSISTANT)
    run.join("Frida", None, "observer")

    run.do(mette, p.SetPhase("x", "statements"))
    run.do(anne, p.AddStatement("x", "Hver beboer får tilbudt bad to gange om ugen"))
    run.do(dina, p.AddStatement("x", "Beboeren føler sig tryg ved at bede om hjælp"))
    run.do(bo, p.AddStatement("x", "Fru Jensen på stue 12 vil ikke i bad"))
    tags: list[tuple[str, p.Tag]] = [(anne, "output"), (bo, "output"), (dina, "effect")]
    for who, tag in [*tags, (emil, "effect")]:
        run.do(who, p.TagStatement("x", "s1", tag))
    run.do(anne, p.TagStatement("x", "s1", None))
    run.do(anne, p.TagStatement("x", "s1", "effect"))
    run.do(dina, p.TagStatement("x", "s3", "output"))
    run.do(mette, p.ClassifyStatement("x", "s1", "output"))
    run.do(mette, p.ClassifyStatement("x", "s2", None))
    run.do(mette, p.RevealSplit("x", "s3"))
    run.do(mette, p.RemoveItem("x", "statement", "s3", "Navn på en beboer"))

    run.do(mette, p.SetPhase("x", "drafts"))
    run.do(mette, p.StartTimer("x", 300, "Summemøde"))
    run.do(mette, p.StopTimer("x"))
    run.do(mette, p.StartTimer("x", 120))
    care = "Vi hjælper beboeren til at klare mest muligt selv og leve et liv med mening"
    run.do(anne, p.ProposeDraft("x", care))
    run.do(bo, p.ProposeDraft("x", "Sammen med beboeren skaber vi en hverdag med værdighed"))
    run.do(dina, p.ProposeDraft("x", "Beboerne skal kunne sove trygt, også om natten"))
    run.do(emil, p.ProposeDraft("x", "Vi passer på hinanden, så vi kan passe på beboerne"))
    run.do(anne, p.ReviseDraft("x", "d1", "Vi hjælper beboeren til at mestre sin hverdag"))

    run.do(mette, p.SetPhase("x", "voting"))
    run.do(mette, p.OpenRound("x", 2, False))
    for who, draft in ((anne, "d1"), (bo, "d1"), (bo, "d2"), (dina, "d3"), (emil, "d2")):
        run.do(who, p.CastVote("x", draft))
    run.do(bo, p.RetractVote("x", "d2"))
    run.do(emil, p.CastVote("x", "d4"))
    run.do(anne, p.ReviseDraft("x", "d1", "Vi hjælper beboeren til at mestre sit eget liv"))
    run.do(dina, p.WithdrawDraft("x", "d3"))
    run.do(mette, p.RemoveItem("x", "draft", "d4", "Dobbelt"))
    run.do(anne, p.CastVote("x", "d1"))
    run.do(mette, p.CloseRound("x"))

    run.do(mette, p.OpenRound("x", 1, True))
    for who, draft in ((anne, "d2"), (bo, "d1"), (dina, "d2")):
        run.do(who, p.CastVote("x", draft))
    run.do(mette, p.RemoveItem("x", "draft", "d2", "Personfølsomt"))
    run.do(mette, p.CloseRound("x"))
    run.do(mette, p.FinalizeDraft("x", "d1"))
    run.do(emil, p.ProposeDraft("x", "Vi skaber tryghed og mening for hver beboer"))
    run.do(mette, p.FinalizeDraft("x", "d5"))

    run.do(mette, p.SetPhase("x", "conflicts"))
    refs = [p.Ref("draft", "d1"), p.Ref("statement", "s2")]
    title = "Genoptræning eller hjælp"
    why = "Skal vi holde fast i træningen, når beboeren hellere vil have hjælp?"
    run.do(bo, p.RecordConflict("x", title, [NURSE, ASSISTANT], why, refs))
    lens = p.RecordConflict("x", "Tryghed", [NURSE], "", [], "split-statement-s1")
    run.do(mette, lens)
    run.do(mette, p.UpdateConflict("x", "c1", "discussed"))
    run.do(dina, p.UpdateConflict("x", "c1", None, "Drøftet i plenum"))
    run.do(mette, p.UpdateConflict("x", "c2", "parked", "Tages op i januar"))
    run.do(mette, p.RemoveItem("x", "conflict", "c2", ""))
    run.do(mette, p.RemoveItem("x", "draft", "d5", "Skrevet forkert"))
    run.do(mette, p.SetPhase("x", "wrapup"))
    run.do(mette, p.CloseSession("x"))
    return run


def named_school() -> Run:
    """Skolen ved Søen, named, k = 3: actors and authors shown to everyone."""
    info = model.SessionInfo(
        code="M2PAK7QX",
        title="Skolen ved Søen: indskolingen",
        level="institution",
        parent_task="Alle børn lærer at lære",
        professions=[TEACHER, PEDAGOGUE],
        anonymous=False,
        k_anonymity=3,
    )
    run = Run("soeskolen", model.new_state(info))
    lise = run.join("Lise", "Skoleleder", "facilitator")
    ole = run.join("Ole", TEACHER)
    pia = run.join("Pia", TEACHER)
    rasmus = run.join("Rasmus", TEACHER)
    sara = run.join("Sara", PEDAGOGUE)
    run.do(ole, p.AddStatement("x", "Eleverne læser 20 minutter hver dag"))
    for who in (ole, pia, rasmus, sara):
        run.do(who, p.TagStatement("x", "s1", "effect"))
    run.do(lise, p.RevealSplit("x", "s1"))
    run.do(pia, p.ProposeDraft("x", "Alle børn oplever at lykkes hver dag"))
    run.do(sara, p.ProposeDraft("x", "Børnene trives og lærer i fællesskab"))
    run.do(lise, p.ReviseDraft("x", "d1", "Alle børn oplever at lykkes og lære hver dag"))
    run.do(lise, p.OpenRound("x", 1, False))
    for who, draft in ((ole, "d1"), (pia, "d1"), (rasmus, "d2"), (sara, "d2"), (lise, "d2")):
        run.do(who, p.CastVote("x", draft))
    run.do(lise, p.CloseRound("x"))
    run.do(sara, p.RecordConflict("x", "Læsetid eller leg", [TEACHER, PEDAGOGUE]))
    run.do(sara, p.UpdateConflict("x", "c1", "resolved", "Vi deler tiden"))
    run.do(lise, p.RemoveItem("x", "statement", "s1", "Hører til et andet møde"))
    run.do(lise, p.FinalizeDraft("x", "d2"))
    run.do(lise, p.CloseSession("x"))
    return run


def guided_daycare() -> Run:
    """Børnehuset Mælkebøtten: the facilitator rewrites a phase's instruction, then gives
    the default back (addition: `instruction_set`)."""
    info = model.SessionInfo(code="PAK7QXM2", title="Børnehuset Mælkebøtten")
    run = Run("maelkeboetten", model.new_state(info))
    hanne = run.join("Hanne", "Leder", "facilitator")
    run.do(hanne, p.SetInstruction("x", "checkin", "Fortæl om et barn, der lykkedes i dag"))
    run.do(hanne, p.SetInstruction("x", "checkin", ""))
    return run


@dataclass(frozen=True)
class Record:
    """One event of the golden file, as written."""

    run: str
    seq: int
    kind: str
    stored: str  # the store's `data` column
    public: str  # the frame on the wire


def golden_records(lines: list[str]) -> list[Record]:
    """The golden file's lines read back as records (three lines per event)."""
    records = []
    for head, stored, public in zip(lines[::3], lines[1::3], lines[2::3], strict=True):
        run, seq, kind = head.split()[:3]
        records.append(
            Record(
                run, int(seq), kind, stored.removeprefix("stored "), public.removeprefix("public ")
            )
        )
    return records


def golden_lines() -> list[str]:
    """Every record of both runs, in order."""
    return [*anonymous_home().lines, *named_school().lines, *guided_daycare().lines]


def golden_text() -> str:
    return "\n".join(golden_lines()) + "\n"


if __name__ == "__main__":
    GOLDEN.write_text(golden_text(), encoding="utf-8")
    print(f"wrote {GOLDEN}")
