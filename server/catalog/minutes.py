"""The fixed wording of the exported minutes (referat), in Danish and English.

The minutes are read by people who were not in the room, so every label is a plain word
of the domain (kerneopgave, udkast, ydelse, effekt) rather than a protocol code. The
export looks words up here and nowhere else; both catalogs have exactly the same keys.
"""

from __future__ import annotations

from typing import Final

from server.catalog import da, en

# The words of a draft's support (server.support) read the same on screen and in the
# minutes: one source, taken from the screens' catalogs.
_SHARED = ("support.", "criterion.", "judgement.", "acceptance.")

DA: Final[dict[str, str]] = {
    "title": "Referat: {title}",
    # the facts at the top
    "field.code": "Kode",
    "field.level": "Niveau",
    "field.parent_task": "Kerneopgaven på niveauet over",
    "field.date": "Dato",
    "field.time": "Tidsrum",
    "field.duration": "Varighed",
    "field.anonymity": "Anonymitet",
    "field.state": "Status",
    "time.span": "kl. {start} til {end} (UTC)",
    "duration.hours": "{hours} t {minutes} min",
    "duration.minutes": "{minutes} min",
    "level.unit": "Enhed",
    "level.institution": "Institution",
    "level.centre": "Center",
    "level.municipality": "Kommune",
    "anonymous.yes": "Anonym session: ingen kan se, hvem der har stemt, mærket eller skrevet hvad.",
    "anonymous.no": "Navngiven session: det fremgår, hvem der har skrevet hvad.",
    "state.closed": "Afsluttet",
    "state.open": "Stadig åben, da referatet blev lavet",
    "k_rule": (
        "Tal fordelt på faggrupper vises kun for grupper, hvor mindst {k} har stemt eller "
        "mærket det, tallet handler om; mindre grupper er slået sammen under "
        "»Øvrige faggrupper«."
    ),
    # participants
    "section.participants": "Deltagere",
    "participants.count": (
        "Deltagere: {people} (heraf mødeledere: {facilitators}). Observatører: {observers}."
    ),
    "participants.profession": "Faggruppe",
    "participants.number": "Antal",
    "participants.none": "ingen faggruppe",
    "participants.names": "Navne",
    "role.participant": "deltager",
    "role.facilitator": "mødeleder",
    "role.observer": "observatør",
    "role.no_vote": "stemmer ikke",
    # the core task
    "section.core_task": "Kerneopgaven",
    "core.final_meta": "Udkast {draft}, version {version}, valgt kl. {time}.",
    "core.none": "Der blev ikke valgt en endelig formulering af kerneopgaven.",
    "core.history": "Versionshistorik",
    "core.how": "Sådan blev den valgt",
    "core.choice": "Kl. {time}: {draft} valgt.",
    "core.choice_instead": "Kl. {time}: {draft} valgt i stedet for {previous}.",
    "core.choice_reason": "Begrundelse: {reason}",
    "core.choice_no_reason": "Ingen begrundelse.",
    "core.unsupported": ("Den blev valgt, uden at der var stemt om den, og uden en begrundelse."),
    "core.support": "Opbakning til den valgte formulering",
    "core.version": "Version {version}, kl. {time}",
    "core.version_by": "Version {version}, kl. {time}, {author}",
    # drafts
    "section.drafts": "Udkast",
    "drafts.none": "Der blev ikke skrevet nogen udkast.",
    "drafts.draft": "Udkast",
    "drafts.version": "Version",
    "drafts.time": "Kl.",
    "drafts.text": "Tekst",
    "drafts.author": "Skrevet af",
    "drafts.status": "Status",
    "drafts.final": "endelig",
    "drafts.withdrawn": "trukket tilbage",
    "drafts.removed": "fjernet af mødelederen",
    "drafts.replaced": "senere revideret",
    "drafts.current": "gældende",
    # rounds
    "section.rounds": "Afstemningsrunder",
    "section.ratings": "Accept og kriterier",
    "ratings.kind.acceptance": "Accept",
    "ratings.kind.criteria": "Kriterier",
    "ratings.round": "{kind}, runde {number}",
    "ratings.answered": "{n} svarede",
    "ratings.answer": "Svar",
    "ratings.total": "I alt",
    "ratings.criterion": "Kriterium",
    "rounds.none": "Der var ingen afstemningsrunder.",
    "rounds.round": "Runde {number}",
    "rounds.dots_one": "1 prik pr. deltager",
    "rounds.dots_many": "{dots} prikker pr. deltager",
    "rounds.blind": "blind: optællingen var skjult, til runden blev lukket",
    "rounds.visible": "åben: optællingen kunne ses undervejs",
    "rounds.voters": "{voters} stemte",
    "rounds.still_open": "Runden var stadig åben, da referatet blev lavet.",
    "rounds.still_hidden": "Runden er blind og stadig åben, så optællingen er skjult.",
    "rounds.dots": "Prikker",
    "rounds.by_profession": "Fordelt på faggrupper",
    "rounds.no_split": (
        "For få har stemt eller mærket pr. faggruppe til at vise en fordeling "
        "(mindst {k} i hver gruppe)."
    ),
    "group.other": "Øvrige faggrupper",
    # statements
    "section.statements": "Udsagn",
    "statements.none": "Der blev ikke skrevet nogen udsagn.",
    "statements.summary": (
        "Udsagn: {total}. Aftalt som effekt: {effect}. Aftalt som ydelse: {output}. "
        "Ikke afklaret: {open}."
    ),
    "statements.removed": "Fjernet af mødelederen: {count}.",
    "statements.effect": "Aftalt som effekt",
    "statements.output": "Aftalt som ydelse",
    "statements.unclassified": "Ikke afklaret",
    "statements.statement": "Udsagn",
    "statements.text": "Tekst",
    "statements.author": "Skrevet af",
    "statements.tag_output": "Ydelse",
    "statements.tag_effect": "Effekt",
    "statements.disputed": "Stadig omstridte",
    "statements.disputed_rule": (
        "Udsagn uden aftalt klasse, hvor mindst tre har mærket, og mindst en tredjedel "
        "mener noget andet end flertallet."
    ),
    "statements.disputed_item": "{id}: {text} (ydelse {output}, effekt {effect})",
    "statements.by_profession": "Ydelse og effekt fordelt på faggrupper",
    "statements.split_cell": "{output} / {effect}",
    "statements.split_head": "{group} (ydelse / effekt)",
    "statements.split_after_close": (
        "Fordelingen på faggrupper vises, når mødelederen har afsluttet sessionen."
    ),
    "statements.split_rule": (
        "En faggruppe vises ved et udsagn, når mindst {k} af den har mærket det; ellers "
        "tælles den under »Øvrige faggrupper« (\u2013). Udsagn, som for få har mærket, er ikke "
        "med. En fordeling, der blev vist under mødet, står her, som den blev vist."
    ),
    "none": "Ingen.",
    # conflicts
    "section.conflicts": "Konflikter og dilemmaer",
    "conflicts.none": "Der blev ikke registreret nogen konflikter.",
    "conflicts.removed": "{id}: fjernet af mødelederen",
    "conflicts.status": "Status",
    "conflicts.professions": "Faggrupper",
    "conflicts.origin": "Opstået",
    "conflicts.from_lens": "foreslået af faggruppe-linsen (en forskel i mærker eller prikker)",
    "conflicts.evidence": "Grundlag",
    "conflicts.recorded": "Registreret",
    "conflicts.recorded_by": "kl. {time} af {author}",
    "conflicts.recorded_at": "kl. {time}",
    "conflicts.description": "Beskrivelse",
    "conflicts.refs": "Knyttet til",
    "conflicts.notes": "Noter",
    "conflicts.note_by": "{note} ({author})",
    "ref.draft": "Udkast {id}: {text}",
    "ref.statement": "Udsagn {id}: {text}",
    "ref.removed": "(fjernet af mødelederen)",
    "status.open": "åben",
    "status.discussed": "drøftet",
    "status.parked": "parkeret",
    "status.resolved": "løst",
    # timeline
    "section.timeline": "Forløb",
    "timeline.time": "Kl.",
    "timeline.phase": "Fase",
    "timeline.duration": "Varighed",
    "timeline.closed": "Sessionen blev afsluttet",
    "phase.checkin": "Indtjekning",
    "phase.statements": "Udsagn",
    "phase.drafts": "Udkast",
    "phase.voting": "Afstemning",
    "phase.conflicts": "Konflikter",
    "phase.wrapup": "Opsamling",
    "footer": "Lavet med kerne ud fra sessionens log ({events} hændelser).",
    # dates
    "date": "{day}. {month} {year}",
    "month.1": "januar",
    "month.2": "februar",
    "month.3": "marts",
    "month.4": "april",
    "month.5": "maj",
    "month.6": "juni",
    "month.7": "juli",
    "month.8": "august",
    "month.9": "september",
    "month.10": "oktober",
    "month.11": "november",
    "month.12": "december",
}

EN: Final[dict[str, str]] = {
    "title": "Minutes: {title}",
    "field.code": "Code",
    "field.level": "Level",
    "field.parent_task": "Core task of the level above",
    "field.date": "Date",
    "field.time": "Time",
    "field.duration": "Duration",
    "field.anonymity": "Anonymity",
    "field.state": "State",
    "time.span": "{start} to {end} (UTC)",
    "duration.hours": "{hours} h {minutes} min",
    "duration.minutes": "{minutes} min",
    "level.unit": "Unit",
    "level.institution": "Institution",
    "level.centre": "Centre",
    "level.municipality": "Municipality",
    "anonymous.yes": "Anonymous session: nobody can see who voted, tagged or wrote what.",
    "anonymous.no": "Named session: it shows who wrote what.",
    "state.closed": "Closed",
    "state.open": "Still open when these minutes were made",
    "k_rule": (
        "Figures per profession are shown only for groups in which at least {k} people "
        "voted or tagged what the figure is about; smaller groups are merged into "
        "“Other professions”."
    ),
    "section.participants": "Participants",
    "participants.count": (
        "Participants: {people} (of these, facilitators: {facilitators}). Observers: {observers}."
    ),
    "participants.profession": "Profession",
    "participants.number": "Number",
    "participants.none": "no profession",
    "participants.names": "Names",
    "role.participant": "participant",
    "role.facilitator": "facilitator",
    "role.observer": "observer",
    "role.no_vote": "does not vote",
    "section.core_task": "The core task",
    "core.final_meta": "Draft {draft}, version {version}, chosen at {time}.",
    "core.none": "No final formulation of the core task was chosen.",
    "core.history": "Version history",
    "core.how": "How it was chosen",
    "core.choice": "At {time}: {draft} chosen.",
    "core.choice_instead": "At {time}: {draft} chosen instead of {previous}.",
    "core.choice_reason": "Reason: {reason}",
    "core.choice_no_reason": "No reason given.",
    "core.unsupported": "It was chosen without having been voted on, and without a reason.",
    "core.support": "Support for the chosen formulation",
    "core.version": "Version {version}, at {time}",
    "core.version_by": "Version {version}, at {time}, {author}",
    "section.drafts": "Drafts",
    "drafts.none": "No drafts were written.",
    "drafts.draft": "Draft",
    "drafts.version": "Version",
    "drafts.time": "Time",
    "drafts.text": "Text",
    "drafts.author": "Written by",
    "drafts.status": "Status",
    "drafts.final": "final",
    "drafts.withdrawn": "withdrawn",
    "drafts.removed": "removed by the facilitator",
    "drafts.replaced": "revised later",
    "drafts.current": "current",
    "section.rounds": "Voting rounds",
    "section.ratings": "Acceptance and criteria",
    "ratings.kind.acceptance": "Acceptance",
    "ratings.kind.criteria": "Criteria",
    "ratings.round": "{kind}, round {number}",
    "ratings.answered": "{n} answered",
    "ratings.answer": "Answer",
    "ratings.total": "All",
    "ratings.criterion": "Criterion",
    "rounds.none": "There were no voting rounds.",
    "rounds.round": "Round {number}",
    "rounds.dots_one": "1 dot per participant",
    "rounds.dots_many": "{dots} dots per participant",
    "rounds.blind": "blind: the counts were hidden until the round closed",
    "rounds.visible": "open: the counts could be seen throughout",
    "rounds.voters": "{voters} voted",
    "rounds.still_open": "The round was still open when these minutes were made.",
    "rounds.still_hidden": "The round is blind and still open, so its counts are hidden.",
    "rounds.dots": "Dots",
    "rounds.by_profession": "By profession",
    "rounds.no_split": (
        "Too few people per profession voted or tagged to show a split "
        "(at least {k} in each group)."
    ),
    "group.other": "Other professions",
    "section.statements": "Statements",
    "statements.none": "No statements were written.",
    "statements.summary": (
        "Statements: {total}. Agreed as effect: {effect}. Agreed as output: {output}. "
        "Not settled: {open}."
    ),
    "statements.removed": "Removed by the facilitator: {count}.",
    "statements.effect": "Agreed: effect",
    "statements.output": "Agreed: output",
    "statements.unclassified": "Not settled",
    "statements.statement": "Statement",
    "statements.text": "Text",
    "statements.author": "Written by",
    "statements.tag_output": "Output",
    "statements.tag_effect": "Effect",
    "statements.disputed": "Still disputed",
    "statements.disputed_rule": (
        "Statements without an agreed class that at least three people tagged, with at "
        "least a third disagreeing with the majority."
    ),
    "statements.disputed_item": "{id}: {text} (output {output}, effect {effect})",
    "statements.by_profession": "Output and effect by profession",
    "statements.split_cell": "{output} / {effect}",
    "statements.split_head": "{group} (output / effect)",
    "statements.split_after_close": (
        "The split by profession is shown once the facilitator has closed the session."
    ),
    "statements.split_rule": (
        "A profession is shown for a statement when at least {k} of its members tagged it; "
        "otherwise it is counted under “Other professions” (\u2013). Statements too few people "
        "tagged are left out. A split shown during the session is given as it was shown."
    ),
    "none": "None.",
    "section.conflicts": "Conflicts and dilemmas",
    "conflicts.none": "No conflicts were recorded.",
    "conflicts.removed": "{id}: removed by the facilitator",
    "conflicts.status": "Status",
    "conflicts.professions": "Professions",
    "conflicts.origin": "Origin",
    "conflicts.from_lens": "suggested by the profession lens (a difference in tags or dots)",
    "conflicts.evidence": "Evidence",
    "conflicts.recorded": "Recorded",
    "conflicts.recorded_by": "at {time} by {author}",
    "conflicts.recorded_at": "at {time}",
    "conflicts.description": "Description",
    "conflicts.refs": "Linked to",
    "conflicts.notes": "Notes",
    "conflicts.note_by": "{note} ({author})",
    "ref.draft": "Draft {id}: {text}",
    "ref.statement": "Statement {id}: {text}",
    "ref.removed": "(removed by the facilitator)",
    "status.open": "open",
    "status.discussed": "discussed",
    "status.parked": "parked",
    "status.resolved": "resolved",
    "section.timeline": "Timeline",
    "timeline.time": "Time",
    "timeline.phase": "Phase",
    "timeline.duration": "Duration",
    "timeline.closed": "The session was closed",
    "phase.checkin": "Check-in",
    "phase.statements": "Statements",
    "phase.drafts": "Drafts",
    "phase.voting": "Voting",
    "phase.conflicts": "Conflicts",
    "phase.wrapup": "Wrap-up",
    "footer": "Made with kerne from the session's log ({events} events).",
    "date": "{day} {month} {year}",
    "month.1": "January",
    "month.2": "February",
    "month.3": "March",
    "month.4": "April",
    "month.5": "May",
    "month.6": "June",
    "month.7": "July",
    "month.8": "August",
    "month.9": "September",
    "month.10": "October",
    "month.11": "November",
    "month.12": "December",
}

DA.update({key: word for key, word in da.STRINGS.items() if key.startswith(_SHARED)})
EN.update({key: word for key, word in en.STRINGS.items() if key.startswith(_SHARED)})

CATALOGS: Final[dict[str, dict[str, str]]] = {"da": DA, "en": EN}
