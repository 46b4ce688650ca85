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

from server import events, model, series, views
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


def moderated_jobcentre() -> Run:
    """Jobcenter Nord, anonymous, k = 2: the lobby switched on and off, a flooder muted,
    everything they wrote removed in one event, and a fake member removed (additions)."""
    info = model.SessionInfo(
        code="QX7KM2PA",
        title="Jobcenter Nord: vores kerneopgave",
        professions=["Jobkonsulent", "Socialrådgiver"],
        anonymous=True,
        k_anonymity=2,
    )
    run = Run("jobcenter", model.new_state(info))
    kim = run.join("Kim", "Leder", "facilitator", votes=False)
    lone = run.join("Lone", "Jobkonsulent")
    omar = run.join("Omar", "Socialrådgiver")
    troll = run.join("Trold", "Jobkonsulent")
    run.do(kim, p.SetAdmission("x", True))
    run.do(lone, p.AddStatement("x", "Borgeren kommer i job eller uddannelse"))
    run.do(troll, p.AddStatement("x", "Vi holder 40 samtaler om ugen"))
    run.do(troll, p.AddStatement("x", "Vi holder 41 samtaler om ugen"))
    run.do(troll, p.TagStatement("x", "s1", "output"))
    run.do(lone, p.TagStatement("x", "s1", "effect"))
    run.do(omar, p.RecordConflict("x", "Krav eller støtte", ["Jobkonsulent", "Socialrådgiver"]))
    run.do(troll, p.UpdateConflict("x", "c1", None, "Krav virker altid"))
    run.do(omar, p.UpdateConflict("x", "c1", None, "Vi tager det op igen"))
    run.do(troll, p.RecordConflict("x", "Kaffe", ["Jobkonsulent"]))
    run.do(troll, p.ProposeDraft("x", "Vi leverer flest samtaler i regionen"))
    run.do(lone, p.ProposeDraft("x", "Borgeren får et arbejdsliv, der holder"))
    run.do(kim, p.OpenRound("x", 2, False))
    run.do(omar, p.CastVote("x", "d1"))
    run.do(troll, p.CastVote("x", "d2"))
    run.do(kim, p.MuteParticipant("x", troll, True))
    run.do(kim, p.RemoveWritings("x", troll, "Gentagelser"))
    run.do(kim, p.RemoveParticipant("x", troll, "Ikke en del af mødet"))
    run.do(kim, p.MuteParticipant("x", omar, True))
    run.do(kim, p.MuteParticipant("x", omar, False))
    run.do(kim, p.CloseRound("x"))
    run.do(kim, p.SetAdmission("x", False))
    return run


def followed_up_job_centre() -> Run:
    """Jobcenter Syd, anonymous: decisions and next steps, a dilemma with two sides that is
    edited and given an owner, the texts for after the meeting, management's endorsement,
    and follow-up after the close (additions to v1)."""
    info = model.SessionInfo(
        code="PAK7QXM2",
        title="Jobcenter Syd: virksomhedsteamet",
        professions=["Jobkonsulent", "Socialrådgiver"],
        anonymous=True,
        k_anonymity=3,
    )
    run = Run("jobcenter_syd", model.new_state(info))
    leader = run.join("Helle", "Teamleder", "facilitator", votes=False)
    kim = run.join("Kim", "Jobkonsulent")
    run.join("Lone", "Socialrådgiver")
    dilemma = p.RecordDilemma(
        "x",
        "Hurtigt i job eller varigt i job",
        "management_staff",
        "Målet om hurtig afgang fra ydelse trækker i en anden retning end vores faglighed.",
        "Ledelsen skal vise resultater hvert kvartal",
        "Borgeren holder bedst fast i et job, der passer til hende",
    )
    run.do(kim, dilemma)
    run.do(kim, p.EditDilemma("x", "c1", title="Hurtig afgang eller varig tilknytning"))
    run.do(leader, p.FollowConflict("x", "c1", "Teamlederen", "management_group", "2027-01-15"))
    run.do(leader, p.FollowConflict("x", "c1", above=True))
    run.do(leader, p.SetPhase("x", "wrapup"))
    run.do(kim, p.AddAction("x", "Vi måler, hvor mange der stadig er i job efter et halvt år"))
    job_fair = p.AddAction("x", "Jobmesse i marts", "decision", "Kim", "2027-03-01", "other")
    run.do(leader, job_fair)
    run.do(kim, p.UpdateAction("x", "a1", status="doing", note="Tal fra januar"))
    run.do(leader, p.SetSummary("x", "everyday", "Vi spørger borgeren, hvad et godt job er."))
    run.do(leader, p.SetSummary("x", "contribution", "Flere bliver i job: det er centrets mål."))
    run.do(leader, p.Endorse("x", "Centerchef Birthe Lund", "2026-12-02"))
    run.do(leader, p.CloseSession("x"))
    run.do(leader, p.ReopenForFollowUp("x"))
    run.do(leader, p.UpdateAction("x", "a1", status="done"))
    run.do(leader, p.UpdateConflict("x", "c1", "discussed", "Taget op i ledergruppen"))
    return run


def carried_series() -> Run:
    """Jobcenter Syd's next meeting (additions to v1): it starts with what the first one
    handed over, and its task above follows the centre's new choice."""
    earlier = followed_up_job_centre()
    info = model.SessionInfo(
        code="QXM2PAK7",
        title="Jobcenter Syd: opfølgning",
        parent_task="Borgeren får fodfæste på arbejdsmarkedet",
        anonymous=True,
        follows=earlier.state.info.code,
        parent="M2PAK7QX",
    )
    run = Run("opfoelgning", model.new_state(info))
    held_on = earlier.events[0].at
    run.record(model.Event(None, series.carry(earlier.state, earlier.events, held_on), run.now()))
    run.record(model.Event(None, events.ParentTaskChanged("Alle kan forsørge sig selv"), run.now()))
    helle = run.join("Helle", "Teamleder", "facilitator", votes=False)
    run.do(helle, p.RemoveItem("x", "conflict", "c1", "Afsluttet i ledergruppen"))
    return run


def rated_school() -> Run:
    """Skolen ved Søen again, anonymous, k = 3: an acceptance round (blind), a criteria
    round (open), answers taken back, and a choice with its reason (additions to v1)."""
    info = model.SessionInfo(
        code="PAK7QXM2",
        title="Skolen ved Søen: mellemtrinnet",
        level="institution",
        parent_task="Alle børn lærer at lære",
        professions=[TEACHER, PEDAGOGUE],
        anonymous=True,
        k_anonymity=3,
    )
    run = Run("soeskolen2", model.new_state(info))
    lise = run.join("Lise", "Skoleleder", "facilitator", votes=False)
    teachers = [run.join(name, TEACHER) for name in ("Ole", "Pia", "Rasmus")]
    pedagogues = [run.join(name, PEDAGOGUE) for name in ("Sara", "Tim", "Ulla")]
    run.do(lise, p.AddCoachWords("x", "output", ["lektioner", "Holdtimer"]))
    run.do(teachers[0], p.ProposeDraft("x", "Alle børn oplever at lykkes og lære hver dag"))
    run.do(pedagogues[0], p.ProposeDraft("x", "Vi tilbyder 30 lektioner om ugen"))
    run.do(lise, p.OpenRating("x", "acceptance", ["d1", "d2"]))
    for who, answer in zip(teachers + pedagogues, (*p.ACCEPTANCE_SCALE, "full"), strict=True):
        run.do(who, p.Rate("x", "d1", "live", answer))
    run.do(teachers[0], p.Rate("x", "d2", "live", "cannot"))
    run.do(teachers[0], p.Rate("x", "d2", "live", None))
    run.do(lise, p.CloseRating("x"))
    run.do(lise, p.OpenRating("x", "criteria", ["d1"], blind=False))
    for who in teachers + pedagogues:
        run.do(who, p.Rate("x", "d1", "value", "yes"))
    run.do(pedagogues[2], p.Rate("x", "d1", "short", "partly"))
    run.do(lise, p.CloseRating("x"))
    run.do(lise, p.FinalizeDraft("x", "d1", "Alle faggrupper kan leve med den"))
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


def private_library() -> Run:
    """Biblioteket Nord: the facilitator decides that the minutes carry no tables per
    profession, then that they do (addition: `minutes_tables_set`)."""
    info = model.SessionInfo(code="QXM2PAK7", title="Biblioteket Nord")
    run = Run("biblioteket", model.new_state(info))
    ida = run.join("Ida", "Bibliotekar", "facilitator")
    run.do(ida, p.SetMinutesTables("x", include=False))
    run.do(ida, p.SetMinutesTables("x", include=True))
    return run


def careful_library() -> Run:
    """Bibliotekerne i Vejlby, anonymous, k = 2: a round whose split is held until the
    facilitator reveals it, and blind tagging with a removal while blind (additions:
    `hold_split`, `round_split_revealed`, `tagging_set`, `statement_tagged_blind`)."""
    info = model.SessionInfo(
        code="V3JB9KTQ", title="Bibliotekerne i Vejlby", anonymous=True, k_anonymity=2
    )
    run = Run("vejlby", model.new_state(info))
    sara = run.join("Sara", "Leder", "facilitator", votes=False)
    ole = run.join("Ole", "Bibliotekar")
    ida = run.join("Ida", "Bibliotekar")
    kim = run.join("Kim", "Formidler")
    lis = run.join("Lis", "Formidler")
    run.do(ole, p.ProposeDraft("x", "Borgerne finder viden og fællesskab, de kan bruge i livet"))
    run.do(kim, p.ProposeDraft("x", "Vi holder 40 arrangementer om året"))
    run.do(sara, p.OpenRound("x", 1, True, hold_split=True))
    run.do(ole, p.CastVote("x", "d1"))
    run.do(ida, p.CastVote("x", "d1"))
    run.do(kim, p.CastVote("x", "d2"))
    run.do(lis, p.CastVote("x", "d2"))
    run.do(sara, p.CloseRound("x"))
    run.do(sara, p.RevealRoundSplit("x", "r1"))
    run.do(ole, p.AddStatement("x", "Låneren finder selv den bog, hun søger"))
    run.do(ole, p.TagStatement("x", "s1", "effect"))
    run.do(sara, p.SetTagging("x", True))
    run.do(ida, p.TagStatement("x", "s1", "effect"))
    run.do(kim, p.TagStatement("x", "s1", "output"))
    run.do(kim, p.AddStatement("x", "Vi har åbent til kl. 20 om torsdagen"))
    run.do(lis, p.TagStatement("x", "s2", "output"))
    run.do(sara, p.RemoveParticipant("x", lis, "Gik tidligt"))
    run.do(sara, p.SetTagging("x", False))
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
    """Every record of every run, in order."""
    return [
        *anonymous_home().lines,
        *named_school().lines,
        *moderated_jobcentre().lines,
        *followed_up_job_centre().lines,
        *carried_series().lines,
        *rated_school().lines,
        *guided_daycare().lines,
        *private_library().lines,
        *careful_library().lines,
    ]


def golden_text() -> str:
    return "\n".join(golden_lines()) + "\n"


if __name__ == "__main__":
    GOLDEN.write_text(golden_text(), encoding="utf-8")
    print(f"wrote {GOLDEN}")
