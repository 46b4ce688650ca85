"""The minutes' front pages, as a manager reads and signs them: the issue's order, local
time, no internal ids, plain Danish, and the same bytes every time."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from server import export, model, views
from server import protocol as p
from server.catalog.minutes import CATALOGS, DA, EN
from tests.unit.golden import followed_up_job_centre
from tests.unit.sim import Sim, new_sim
from tests.unit.test_export import log_of, workshop

CPH = ZoneInfo("Europe/Copenhagen")
LOCAL = export.MinutesOptions(tz=CPH, profession_tables=False)
# A join code, a participant, draft, statement, conflict or round id: none belongs on
# the pages a manager signs.
INTERNAL_ID = re.compile(r"\b[pdscra]\d+\b|K7QX")


def front(text: str, lang: str = "da") -> str:
    """The signed part: everything before the appendices."""
    return text.split(f"## {CATALOGS[lang]['section.appendix']}\n")[0]


def minutes(log: export.SessionLog, lang: str = "da", fmt: str = "md") -> str:
    return export.render(log, fmt, lang, LOCAL).decode()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_front_pages_come_in_the_issues_order(lang: str) -> None:
    """Header, our core task, effects, outputs, dilemmas, then the appendices."""
    words = CATALOGS[lang]
    text = minutes(workshop(), lang)
    keys = ("our_task", "effects", "outputs", "dilemmas", "appendix", "participants", "timeline")
    positions = [text.index(f"## {words['section.' + key]}\n") for key in keys]
    assert positions == sorted(positions)
    assert text.index(f"- **{words['front.present']}:** ") < positions[0]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_front_pages_hold_no_internal_id(lang: str) -> None:
    """No join code and no p3, d2, s4 or c1 before the appendices, in either language."""
    assert not INTERNAL_ID.search(front(minutes(workshop(), lang), lang))


def test_times_are_local_with_the_zone_named() -> None:
    """A November morning at 08:30 UTC is kl. 09.30 in Copenhagen, winter time."""
    text = minutes(workshop())
    assert "- **Tidsrum:** kl. 09.30 til " in text and "(CET)" in text
    assert "| 09.30 | Indtjekning |" in text  # the timeline is local too


def test_summer_time_is_two_hours_ahead() -> None:
    """In June Copenhagen is UTC+2, and the zone says so."""
    text = minutes(log_of(_closed_sim(), start="2026-06-10T12:00:00Z"))
    assert "kl. 14.00 til" in text and "(CEST)" in text and "10. juni 2026" in text


def test_the_core_task_says_when_it_was_chosen_and_who_stands_behind_it() -> None:
    """Chosen after two rounds; 5 of the 7 who voted in the last round gave it a dot."""
    part = front(minutes(workshop()))
    assert "> Sammen med beboeren og de pårørende skaber vi" in part
    assert "Valgt den 28. november 2026 kl. 11.21 efter 2 afstemningsrunder." in part
    assert "Opbakning fra et flertal: 5 af de 7, der stemte i sidste runde" in part


def test_agreed_effects_and_outputs_are_listed_by_their_words() -> None:
    """What we look for are the agreed effects; what we deliver, the agreed outputs."""
    part = front(minutes(workshop()))
    effects = part.split("## Det vil vi se efter (effekt)\n")[1].split("## ")[0]
    assert "- Beboeren føler sig tryg om natten" in effects
    assert "- Pårørende kommer oftere på besøg" in effects and "bade" not in effects
    assert "- Antal bade pr. uge" in part.split("## Det leverer vi (ydelser)\n")[1]


def test_place_facilitator_and_management_are_in_the_header() -> None:
    """The place and the facilitator as set up; management took part (a leader joined)."""
    sim = _closed_sim(place="Solhavens fællesstue", facilitator="Karen Holm")
    text = front(minutes(log_of(sim)))
    assert "- **Sted:** Solhavens fællesstue" in text
    assert "- **Facilitator:** Karen Holm" in text
    assert "- **Ledelsen deltog:** Ja (1 fra ledelsen)" in text
    assert "- **Til stede:** Sygeplejerske 3, Leder 1 (4 i alt)" in text


def test_without_management_the_header_says_so() -> None:
    """Nobody from management: the header says no, in plain words."""
    sim = new_sim()
    for name in ("Birgitte", "Henning", "Solveig"):
        sim.join(name, "Sygeplejerske")
    assert "- **Ledelsen deltog:** Nej" in minutes(log_of(sim))


def test_an_anonymous_meeting_names_no_facilitator_it_was_not_given() -> None:
    """Without --facilitator an anonymous meeting's minutes name nobody, the leader neither."""
    text = minutes(workshop())
    assert "Facilitator:" not in text and "Karen" not in text


def test_empty_sections_are_left_out() -> None:
    """A meeting with no agreed statements and no conflicts prints none of their headings."""
    text = front(minutes(log_of(_closed_sim())))
    for key in ("effects", "outputs", "dilemmas", "above"):
        assert DA[f"section.{key}"] not in text


def test_the_danish_minutes_use_the_domains_words() -> None:
    """No »session«, no »gældende«: a meeting, and the newest version of a draft."""
    text = minutes(workshop(close=False))
    assert "session" not in text.casefold() and "gældende" not in text


def test_per_profession_tables_only_where_the_facilitator_chose_them() -> None:
    """By default a round's split stays out; asked for, it is in the appendix."""
    log = workshop()
    assert DA["rounds.by_profession"] not in minutes(log)
    every = export.MinutesOptions(tz=CPH, profession_tables=True)
    assert DA["rounds.by_profession"] in export.render(log, "md", "da", every).decode()


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_minutes_are_the_same_bytes_every_time(fmt: str, lang: str) -> None:
    """Two renderings of one log in one zone are identical."""
    assert minutes(workshop(), lang, fmt) == minutes(workshop(), lang, fmt)


def test_english_front_page_reads_in_english() -> None:
    """The English header and core task use the English catalog."""
    text = front(minutes(workshop(), "en"), "en")
    assert "- **Present:** " in text and "Chosen on 28 November 2026 at 11:21" in text
    assert all(DA[k] not in text for k in ("section.our_task", "front.present"))
    assert EN["section.our_task"] in text


def _closed_sim(place: str | None = None, facilitator: str | None = None) -> Sim:
    sim = new_sim()
    sim.state.info = model.SessionInfo(
        code="K7QXM2PA", title="Hjemmeplejen Vest", place=place, facilitator=facilitator
    )
    lead = sim.join("Karen", "Leder", role="facilitator", votes=False)
    for name in ("Birgitte", "Henning", "Solveig"):
        sim.join(name, "Sygeplejerske")
    sim.do(lead, p.CloseSession("f"))
    return sim


def test_the_spreadsheet_holds_the_csv_tables_cell_for_cell() -> None:
    """Opened again with openpyxl, each sheet is its CSV file, and text is never a formula."""
    log = workshop()
    book = openpyxl.load_workbook(io.BytesIO(export.render(log, "xlsx")))
    tables = zip_csv(export.render(log, "csv"))
    assert sorted(book.sheetnames) == sorted(name.removesuffix(".csv") for name in tables)
    for name, rows in tables.items():
        sheet = [
            [as_csv(value) for value in row]
            for row in book[name.removesuffix(".csv")].iter_rows(values_only=True)
        ]
        assert sheet == rows, name


def test_the_spreadsheet_is_the_same_bytes_every_time() -> None:
    """No time of making leaks into the file: the same log gives the same bytes."""
    assert export.render(workshop(), "xlsx") == export.render(workshop(), "xlsx")


def test_a_formula_typed_as_a_statement_stays_text_in_the_spreadsheet() -> None:
    """»=HYPERLINK(...)« typed by a participant is a string cell, not a formula."""
    sim = new_sim()
    who = sim.join("Birgitte", "Sygeplejerske")
    sim.do(who, p.AddStatement("s", '=HYPERLINK("x")'))
    book = openpyxl.load_workbook(io.BytesIO(export.render(log_of(sim), "xlsx")))
    cell = book["statements"]["C2"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"


def as_csv(value: object) -> str:
    """A sheet's cell as the CSV writes it: text and whole numbers only, nothing else."""
    assert value is None or isinstance(value, str | int), value
    return export.csv_cell(value)


def zip_csv(data: bytes) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
            for name in archive.namelist()
        }


# --- decisions, dilemmas, endorsement and follow-up in the minutes ---------------------------


def job_centre() -> export.SessionLog:
    """Jobcenter Syd's meeting (the golden run): a dilemma with sides and an owner, a
    decision and a next step, texts for after, an endorsement, follow-up after the close."""
    run = followed_up_job_centre()
    state = model.new_state(run.state.info)
    entries = []
    for seq, event in enumerate(run.events, start=1):
        model.apply(state, event)
        entries.append(
            export.LogEntry(seq, event.at, event, p.encode(views.public_event(state, event)))
        )
    return export.SessionLog(run.state.info, "2026-11-27T15:00:00Z", entries)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_whole_front_page_is_in_the_issues_order(lang: str) -> None:
    """Core task, everyday work, dilemmas, decisions, endorsement; follow-up after them."""
    words = CATALOGS[lang]
    text = minutes(job_centre(), lang)
    keys = ("our_task", "above", "everyday", "dilemmas", "actions", "endorsement", "appendix")
    positions = [text.index(f"## {words['section.' + key]}\n") for key in (*keys, "followup")]
    assert positions == sorted(positions)
    assert not INTERNAL_ID.search(front(text, lang).replace("PAK7", ""))
    assert "PAK7" not in front(text, lang)


def test_a_dilemma_shows_its_sides_owner_forum_date_and_earlier_title() -> None:
    """Everything a manager needs to follow it up, in Danish words and Danish dates."""
    text = front(minutes(job_centre()))
    part = text.split("### Hurtig afgang eller varig tilknytning\n")[1].split("## ")[0]
    assert "- **Hvilken slags:** Mellem ledelse og medarbejdere" in part
    assert "- **På den ene side:** Ledelsen skal vise resultater hvert kvartal" in part
    assert "- **Ansvarlig for opfølgning:** Teamlederen" in part
    assert "- **Tages op i:** Ledergruppen" in part and "- **Senest:** 15. januar 2027" in part
    assert "- **Sendes videre til niveauet over:** Ja" in part
    assert "»Hurtigt i job eller varigt i job« (ændret den 28. november 2026 kl. 10.00)" in part


def test_decisions_and_next_steps_are_tables_by_their_words() -> None:
    """A decision and a next step, each with owner, date, forum and status."""
    text = front(minutes(job_centre()))
    assert "| Jobmesse i marts | Kim | 1. marts 2027 | Andet forum | ikke startet |" in text
    assert (
        "| Vi måler, hvor mange der stadig er i job efter et halvt år |  |  |  | udført |" in text
    )


def test_the_endorsement_is_filled_in_or_left_to_sign() -> None:
    """Endorsed in kerne: by whom and when; otherwise a line to sign."""
    assert "Godkendt af Centerchef Birthe Lund den 2. december 2026." in minutes(job_centre())
    assert export.md_escape(DA["endorse.blank"]) in minutes(workshop())


def test_follow_up_after_the_close_is_listed_with_its_times() -> None:
    """Each change after the reopening, with its day and local time; the meeting's own
    time span ends at the close."""
    text = minutes(job_centre())
    follow = text.split("## Opfølgning efter mødet\n")[1].split("## ")[0]
    assert "Genåbnet for opfølgning den 28. november 2026 kl. 10.01." in follow
    assert (
        "kl. 10.01: »Vi måler, hvor mange der stadig er i job efter et halvt år«: status udført"
        in follow
    )
    assert (
        "»Hurtig afgang eller varig tilknytning«: status drøftet; "
        "bemærkning: Taget op i ledergruppen" in follow
    )
