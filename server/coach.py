"""The formulation coach: hints on a draft of the core task, never a verdict.

The method asks for one short sentence that names the value for the citizen or society,
not the services delivered, and that connects to the core task on the level above
(`/work/shared/DOMAIN.md`, "What makes a good core task"). A group writing under a
timer easily slips into output wording ("we give good care every day"); the coach reads
a draft and says what it notices, in the words of the catalog (`coach.*` keys). It never
blocks: a draft is a means to start the dialogue, and the group may disagree with it.

Pure: word lists in, hints out. Both languages are read at once (a Danish session
writes English words and back), and the facilitator may add words per session
(`Coaching.with_words`): a nursing home's "plejeydelser", a library's "udlån".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final, Literal

HintCode = Literal["output", "number", "no_beneficiary", "sentences", "too_long", "no_parent"]
WordList = Literal["output", "beneficiary"]
WORD_LISTS: Final[tuple[WordList, ...]] = ("output", "beneficiary")

# More than this many words is no longer a sentence people remember and repeat.
MAX_WORDS: Final = 25

# Output wording: what we do, give or deliver. Matched as whole words or word starts
# (`tilbyd` finds "tilbyder", "tilbyde", "tilbud" is listed apart).
OUTPUT_DA: Final = (
    "giver",
    "tilbyd",
    "tilbud",
    "levere",
    "leverer",
    "afhold",
    "udfør",
    "yder ",
    "ydelse",
    "plejeydelse",
    "serviceydelse",
    "besøg",
    "hjemmebesøg",
    "åbningstid",
    "lektion",
    "undervisningstimer",
    "timer",
    "samtaler",
    "kurser",
    "sagsbehandl",
    "udlån",
    "arrangementer",
    "aktiviteter",
)
OUTPUT_EN: Final = (
    "we give",
    "give",
    "offer",
    "deliver",
    "provide",
    "we hold",
    "hold meetings",
    "service",
    "visit",
    "hours",
    "opening hours",
    "lessons",
    "meetings",
    "sessions",
    "appointments",
    "courses",
    "loans",
    "events",
    "activities",
    "casework",
)
# The people the value is for, and society. Word starts: "borger" finds "borgerne".
BENEFICIARY_DA: Final = (
    "borger",
    "medborger",
    "barn",
    "børn",
    "skolebørn",
    "elev",
    "unge",
    "ung ",
    "ledig",
    "jobsøg",
    "patient",
    "beboer",
    "brugere",
    "brugeren",
    "brugerne",
    "låner",
    "familie",
    "forældre",
    "samfund",
    "lokalsamfund",
    "ældre",
    "menneske",
    "den enkelte",
    "arbejdsmarked",
    "virksomhed",
    "pårørende",
    "de studerende",
    "voksne",
    "eget liv",
    "egen hverdag",
)
BENEFICIARY_EN: Final = (
    "citizen",
    "child",
    "pupil",
    "student",
    "young people",
    "youth",
    "resident",
    "patient",
    "user",
    "borrower",
    "famil",
    "parent",
    "society",
    "community",
    "people",
    "person ",
    "persons",
    "older",
    "job seeker",
    "jobseeker",
    "unemployed",
    "employer",
    "learner",
    "reader",
    "adults",
    "their own",
    "labour market",
    "labor market",
)
# Units that make a number an output count: "3 visits a week", "20 timer".
_COUNTED = re.compile(
    r"\b\d+([.,]\d+)?\s*(x\s*)?(\w+\s+)?(besøg|timer|time|lektion\w*|samtal\w*|møde\w*|ydelse\w*|"
    r"visits?|hours?|lessons?|sessions?|meetings?|services?|appointments?|loans?|"
    r"udlån|kurs\w*|courses?|minutter|minutes|dage|days|gange|times)\b",
    re.IGNORECASE,
)
# Abbreviations whose dots end no sentence.
_ABBREVIATIONS = re.compile(
    r"\b(f\.eks|bl\.a|m\.m|mv|osv|dvs|ca|evt|inkl|jf|e\.g|i\.e|etc|incl|approx|vs)\.",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]+(?=\s+\S)")
_WORD = re.compile(r"\w+", re.UNICODE)
# Words too common to show that a draft echoes the level above.
_COMMON_WORDS: Final = (
    "at af alle den det der dette en er et for fra har hver i ikke kan med og om på som "
    "til ved vi vores sin sit sine deres hans hendes blive bliver være skal sammen gennem "
    "muligt mulig længe længst godt gode hele "
    "a an and are as at be by for from has have in is it its of on or our so that the "
    "their they this to we with can into through all each every"
)
_COMMON: Final = frozenset(_COMMON_WORDS.split())


@dataclass(frozen=True)
class Hint:
    """One thing the coach noticed; `words` are the draft's words that made it say so
    (shown with the hint, so the writer sees what to look at)."""

    code: HintCode
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coaching:
    """The word lists one session reads drafts with: the defaults of both languages and
    whatever the facilitator added."""

    output: tuple[str, ...] = OUTPUT_DA + OUTPUT_EN
    beneficiary: tuple[str, ...] = BENEFICIARY_DA + BENEFICIARY_EN
    added: dict[WordList, tuple[str, ...]] = field(default_factory=dict)

    def with_words(self, which: WordList, words: list[str]) -> Coaching:
        """The lists with `words` added to one of them (casefolded, each once)."""
        known = set(self.words(which))
        new = tuple(dict.fromkeys(w.casefold().strip() for w in words if w.strip()))
        fresh = tuple(w for w in new if w not in known)
        added = dict(self.added)
        added[which] = added.get(which, ()) + fresh
        return Coaching(self.output, self.beneficiary, added)

    def words(self, which: WordList) -> tuple[str, ...]:
        base = self.output if which == "output" else self.beneficiary
        return base + self.added.get(which, ())


DEFAULT: Final = Coaching()


def for_session(added: dict[str, list[str]]) -> Coaching:
    """The lists one session reads drafts with: the defaults and the facilitator's."""
    lists = DEFAULT
    for which in WORD_LISTS:
        if added.get(which):
            lists = lists.with_words(which, added[which])
    return lists


def _found(text: str, stems: tuple[str, ...]) -> tuple[str, ...]:
    """The draft's words that start with one of `stems` (phrases match as they stand)."""
    lowered = f" {text.casefold()} "
    hits: list[str] = []
    for stem in stems:
        pattern = r"(?<!\w)" + re.escape(stem.strip()) + r"\w*"
        if stem.endswith(" "):  # a whole word only ("ung ", not "ungdom")
            pattern = r"(?<!\w)" + re.escape(stem.strip()) + r"(?!\w)"
        for match in re.finditer(pattern, lowered):
            if match.group() not in hits:
                hits.append(match.group())
    return tuple(hits)


def sentences(text: str) -> int:
    """How many sentences a draft holds (abbreviations like "f.eks." end none)."""
    body = _ABBREVIATIONS.sub(lambda m: m.group().replace(".", ""), text.strip())
    body = re.sub(r"(?<=\d)[.,](?=\d)", "", body)  # 1.000 and 2,5 are numbers
    return len(_SENTENCE_END.findall(body)) + 1 if body else 0


def words(text: str) -> int:
    return len(_WORD.findall(text))


# Nearly every core task names the citizens, so sharing that word with the level above
# says nothing about sharing its value; a named group (children, job seekers) does.
_EVERYONE: Final = ("borger", "medborger", "citizen")


def _content(text: str, output: tuple[str, ...]) -> set[str]:
    """Stems of the words that carry meaning: the first five letters of the longer ones,
    so "borgerne" echoes "borgeren" and "selvhjulpen" echoes "selvhjulpne". Output words
    ("leverer") and the citizens in general are no echo of a value."""
    skip = set(_found(text, output + _EVERYONE))
    return {
        w[:5]
        for w in _WORD.findall(text.casefold())
        if len(w) >= 4 and w not in _COMMON and w not in skip
    }


def coach(text: str, parent_task: str | None = None, lists: Coaching = DEFAULT) -> list[Hint]:
    """What the coach notices in one draft, in a fixed order; [] when nothing."""
    if not text.strip():
        return []
    hints: list[Hint] = []
    output = _found(text, lists.words("output"))
    if output:
        hints.append(Hint("output", output))
    counted = tuple(m.group() for m in _COUNTED.finditer(text))
    if counted:
        hints.append(Hint("number", counted))
    if not _found(text, lists.words("beneficiary")):
        hints.append(Hint("no_beneficiary"))
    if sentences(text) > 1:
        hints.append(Hint("sentences"))
    if words(text) > MAX_WORDS:
        hints.append(Hint("too_long"))
    said = lists.words("output")
    if parent_task and not (_content(text, said) & _content(parent_task, said)):
        hints.append(Hint("no_parent"))
    return hints
