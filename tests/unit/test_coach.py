"""The formulation coach: what it notices in real-looking drafts, in both languages."""

from __future__ import annotations

import pytest

from server.coach import DEFAULT, MAX_WORDS, Hint, coach, sentences

SCHOOL = "Alle børn og unge lærer og trives, så de kan tage ansvar for eget liv."
CARE = "Borgerne i kommunen lever et selvstændigt og værdigt liv så længe som muligt."
JOBS = "Ledige borgere kommer i job og bliver en del af arbejdsmarkedet."
LIBRARY = "Borgerne har lige adgang til viden, kultur og fællesskab."
SCHOOL_EN = "Every child learns and thrives so that they can take charge of their own life."
CARE_EN = "Citizens live an independent and dignified life for as long as possible."

# (draft, the core task on the level above or None, the hints expected, exactly)
TABLE: list[tuple[str, str | None, set[str]]] = [
    # --- schools, Danish
    ("Eleverne går ud af skolen med lyst til at lære mere.", SCHOOL, {"no_parent"}),
    ("Børnene lærer at tage ansvar for eget liv og for fællesskabet.", SCHOOL, set()),
    (
        "Vi giver 28 lektioner om ugen i dansk og matematik.",
        SCHOOL,
        {"output", "number", "no_beneficiary", "no_parent"},
    ),
    ("Vi tilbyder lektiecafé tre dage om ugen.", None, {"output", "no_beneficiary"}),
    ("Alle elever trives og lærer så meget, de kan.", SCHOOL, set()),
    ("God undervisning hver dag.", None, {"no_beneficiary"}),
    (
        "Eleverne bliver livsduelige. De lærer at samarbejde og at tage ansvar.",
        SCHOOL,
        {"sentences"},
    ),
    ("Børn og unge får en skolegang, der ruster dem til livet.", SCHOOL, set()),
    # --- care, Danish
    ("Vi giver god omsorg hver dag.", CARE, {"output", "no_beneficiary", "no_parent"}),
    ("Beboerne lever et værdigt liv med mest mulig selvbestemmelse.", CARE, set()),
    ("Vi leverer 3 besøg om dagen til hver borger.", CARE, {"output", "number", "no_parent"}),
    ("Borgeren klarer sin egen hverdag længst muligt.", CARE, {"no_parent"}),
    ("Ældre borgere bevarer deres funktionsevne og livskvalitet.", CARE, {"no_parent"}),
    ("Vi udfører plejeydelser efter visitationen.", None, {"output", "no_beneficiary"}),
    (
        "Beboerne oplever tryghed, nærvær og omsorg i hverdagen, og de pårørende oplever sig "
        "inddraget, og medarbejderne samarbejder på tværs af faggrupper om den enkeltes "
        "behov, ønsker og mål for livet på plejehjemmet.",
        CARE,
        {"too_long", "no_parent"},
    ),
    ("Patienten kommer sikkert hjem og kan klare sig selv.", CARE, {"no_parent"}),
    # --- job centres, Danish
    ("Ledige kommer hurtigt i job.", JOBS, set()),
    ("Vi afholder 2 samtaler om måneden med hver ledig.", JOBS, {"output", "number"}),
    ("Sagsbehandlingen er korrekt og rettidig.", JOBS, {"output", "no_beneficiary", "no_parent"}),
    ("Unge uden uddannelse får fodfæste på arbejdsmarkedet.", JOBS, set()),
    ("Virksomhederne får den arbejdskraft, de har brug for.", JOBS, set()),
    (
        "Jobsøgende bliver selvforsørgende. Det gavner samfundet.",
        JOBS,
        {"sentences", "no_parent"},
    ),
    # --- libraries, Danish
    (
        "Vi har åbent 60 timer om ugen.",
        LIBRARY,
        {"output", "number", "no_beneficiary", "no_parent"},
    ),
    ("Borgerne bliver klogere og deltager i demokratiet.", LIBRARY, {"no_parent"}),
    (
        "Vi tilbyder udlån af bøger, film og musik.",
        LIBRARY,
        {"output", "no_beneficiary", "no_parent"},
    ),
    ("Lokalsamfundet har et sted at mødes om viden og kultur.", LIBRARY, set()),
    ("Børn får lyst til at læse, f.eks. gennem højtlæsning.", None, set()),
    # --- schools, English
    ("Every pupil leaves school able to learn for life.", SCHOOL_EN, set()),
    ("We give 28 lessons a week.", SCHOOL_EN, {"output", "number", "no_beneficiary", "no_parent"}),
    ("Children learn and thrive in a community.", SCHOOL_EN, set()),
    (
        "Students take charge of their own learning. Teachers support them.",
        SCHOOL_EN,
        {"sentences"},
    ),
    # --- care, English
    ("We deliver good care every day.", CARE_EN, {"output", "no_beneficiary", "no_parent"}),
    ("Residents live a dignified life on their own terms.", CARE_EN, set()),
    ("Older citizens keep their independence as long as possible.", CARE_EN, set()),
    ("We provide 3 home visits a day.", None, {"output", "number", "no_beneficiary"}),
    # --- job centres, English
    ("Job seekers find work and support themselves.", None, set()),
    ("We offer courses and meetings to the unemployed.", None, {"output"}),
    ("Casework is correct and on time.", None, {"output", "no_beneficiary"}),
    # --- libraries, English
    ("Citizens have equal access to knowledge and culture.", CARE_EN, {"no_parent"}),
    ("We are open 60 hours a week.", None, {"output", "number", "no_beneficiary"}),
    ("People of all ages read more and take part in democracy.", None, set()),
    # --- mixed and edge cases
    ("Borgere, i.e. everyone living here, feel at home.", None, set()),
    ("Borgerne får hjælp, fx 2,5 timer om ugen.", None, {"output", "number"}),
    ("", None, set()),
]


@pytest.mark.parametrize(("draft", "parent", "expected"), TABLE)
def test_the_coach_notices_what_a_facilitator_would(
    draft: str, parent: str | None, expected: set[str]
) -> None:
    """Each formulation gets exactly the hints a facilitator reading it would give."""
    assert {hint.code for hint in coach(draft, parent)} == expected


def test_the_table_covers_at_least_forty_formulations_in_both_languages() -> None:
    """The issue asks for forty; Danish and English both appear."""
    assert len(TABLE) >= 40
    assert any("lessons" in row[0] for row in TABLE) and any("lektioner" in row[0] for row in TABLE)


def test_a_hint_names_the_words_that_caused_it() -> None:
    """The writer sees what to look at: the output words and the counted units."""
    hints = coach("Vi leverer 3 besøg om dagen til hver borger.")
    assert Hint("output", ("leverer", "besøg")) in hints
    assert Hint("number", ("3 besøg",)) in hints


def test_a_facilitator_can_add_output_words_for_the_session() -> None:
    """A library's own output word becomes a hint once the facilitator adds it."""
    draft = "Borgerne får fjernlån inden for en uge."
    assert coach(draft) == []
    lists = DEFAULT.with_words("output", ["Fjernlån", "fjernlån", " "])
    assert coach(draft, lists=lists) == [Hint("output", ("fjernlån",))]
    assert lists.added == {"output": ("fjernlån",)}


def test_a_facilitator_can_add_who_the_value_is_for() -> None:
    """A group that writes about "dagplejebørnene" is not told it names no one."""
    draft = "Dagplejebørnene udvikler sig trygt."
    assert coach(draft) == [Hint("no_beneficiary")]
    assert coach(draft, lists=DEFAULT.with_words("beneficiary", ["dagplejebørn"])) == []


def test_abbreviations_and_decimals_end_no_sentence() -> None:
    """ "f.eks.", "e.g." and "2.5" are inside one sentence."""
    assert sentences("Børn læser mere, f.eks. om aftenen, og e.g. 2.5 bøger.") == 1
    assert sentences("Børn læser. Voksne også!") == 2


def test_long_means_more_than_the_limit_of_words() -> None:
    """Exactly MAX_WORDS words is short enough; one more is not."""
    base = "Borgerne " + " ".join(["trives"] * (MAX_WORDS - 1))
    assert "too_long" not in {h.code for h in coach(base)}
    assert "too_long" in {h.code for h in coach(base + " mere")}
