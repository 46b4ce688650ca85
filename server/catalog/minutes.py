"""The fixed wording of the exported minutes (referat), in Danish and English.

The minutes are read by people who were not in the room, so every label is a plain word
of the domain (kerneopgave, udkast, ydelse, effekt) rather than a protocol code. The
export looks words up here and nowhere else; both catalogs have exactly the same keys.
"""

from __future__ import annotations

from typing import Final

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
    "time.span": "kl. {start} til {end} ({zone})",
    "duration.hours": "{hours} t {minutes} min",
    "duration.minutes": "{minutes} min",
    "level.unit": "Enhed",
    "level.institution": "Institution",
    "level.centre": "Center",
    "level.municipality": "Kommune",
    "anonymous.yes": "Anonymt møde: ingen kan se, hvem der har stemt, mærket eller skrevet hvad.",
    "anonymous.no": "Møde med navne: det fremgår, hvem der har skrevet hvad.",
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
    "drafts.removed": "fjernet af facilitator",
    "drafts.replaced": "senere revideret",
    "drafts.current": "nyeste version",
    # rounds
    "section.rounds": "Afstemningsrunder",
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
    "statements.removed": "Fjernet af facilitator: {count}.",
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
        "Fordelingen på faggrupper vises, når facilitator har afsluttet mødet."
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
    "conflicts.removed": "{id}: fjernet af facilitator",
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
    "ref.removed": "(fjernet af facilitator)",
    "status.open": "åben",
    "status.discussed": "drøftet",
    "status.parked": "parkeret",
    "status.resolved": "løst",
    # timeline
    "section.timeline": "Forløb",
    "timeline.time": "Kl.",
    "timeline.phase": "Fase",
    "timeline.duration": "Varighed",
    "timeline.closed": "Mødet blev afsluttet",
    "phase.checkin": "Indtjekning",
    "phase.statements": "Udsagn",
    "phase.drafts": "Udkast",
    "phase.voting": "Afstemning",
    "phase.conflicts": "Konflikter",
    "phase.wrapup": "Opsamling",
    "footer": "Lavet med kerne ud fra mødets log ({events} hændelser).",
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
    # the front pages (read and signed by management)
    "section.our_task": "Vores kerneopgave",
    "section.above": "Sammenhæng med niveauet over",
    "section.effects": "Det vil vi se efter (effekt)",
    "section.outputs": "Det leverer vi (ydelser)",
    "section.dilemmas": "Dilemmaer og konflikter",
    "section.appendix": "Bilag",
    "section.about": "Om mødet",
    "appendix.note": (
        "Bilagene viser, hvordan mødet nåede frem til resultatet: deltagere, udkast, "
        "afstemningsrunder, alle udsagn og forløbet."
    ),
    "front.place": "Sted",
    "front.facilitator": "Facilitator",
    "front.present": "Til stede",
    "front.present_line": "{professions} ({people} i alt)",
    "front.nobody": "ingen",
    "front.observer_one": " og 1 observatør",
    "front.observer_many": " og {n} observatører",
    "front.management": "Ledelsen deltog",
    "front.management_yes": "Ja ({n} fra ledelsen)",
    "front.management_no": "Nej",
    "chosen.no_round": "Valgt den {date} kl. {time}.",
    "chosen.one_round": "Valgt den {date} kl. {time} efter 1 afstemningsrunde.",
    "chosen.rounds": "Valgt den {date} kl. {time} efter {rounds} afstemningsrunder.",
    "support.broad": (
        "Bred opbakning: {backers} af de {voters}, der stemte i sidste runde, "
        "satte en prik ved den."
    ),
    "support.majority": (
        "Opbakning fra et flertal: {backers} af de {voters}, der stemte i sidste runde, "
        "satte en prik ved den."
    ),
    "support.few": (
        "Opbakning fra et mindretal: {backers} af de {voters}, der stemte i sidste runde, "
        "satte en prik ved den. Den skal drøftes igen."
    ),
    "support.earlier_version": "Prikkerne blev sat ved en tidligere version af formuleringen.",
    "support.no_round": "Der blev ikke stemt om formuleringen.",
    "support.not_in_round": "Formuleringen var ikke med i den sidste afstemningsrunde.",
    "above.task": "Kerneopgaven på niveauet over ({level})",
    "dilemma.what": "Hvad det handler om",
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
    "time.span": "{start} to {end} ({zone})",
    "duration.hours": "{hours} h {minutes} min",
    "duration.minutes": "{minutes} min",
    "level.unit": "Unit",
    "level.institution": "Institution",
    "level.centre": "Centre",
    "level.municipality": "Municipality",
    "anonymous.yes": "Anonymous meeting: nobody can see who voted, tagged or wrote what.",
    "anonymous.no": "Named meeting: it shows who wrote what.",
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
        "The split by profession is shown once the facilitator has closed the meeting."
    ),
    "statements.split_rule": (
        "A profession is shown for a statement when at least {k} of its members tagged it; "
        "otherwise it is counted under “Other professions” (\u2013). Statements too few people "
        "tagged are left out. A split shown during the meeting is given as it was shown."
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
    "timeline.closed": "The meeting was closed",
    "phase.checkin": "Check-in",
    "phase.statements": "Statements",
    "phase.drafts": "Drafts",
    "phase.voting": "Voting",
    "phase.conflicts": "Conflicts",
    "phase.wrapup": "Wrap-up",
    "footer": "Made with kerne from the meeting's log ({events} events).",
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
    "section.our_task": "Our core task",
    "section.above": "How it connects to the level above",
    "section.effects": "What we will look for (effects)",
    "section.outputs": "What we deliver (outputs)",
    "section.dilemmas": "Dilemmas and conflicts",
    "section.appendix": "Appendices",
    "section.about": "About the meeting",
    "appendix.note": (
        "The appendices show how the meeting arrived at its result: participants, drafts, "
        "voting rounds, every statement and the timeline."
    ),
    "front.place": "Place",
    "front.facilitator": "Facilitator",
    "front.present": "Present",
    "front.present_line": "{professions} ({people} in all)",
    "front.nobody": "nobody",
    "front.observer_one": " and 1 observer",
    "front.observer_many": " and {n} observers",
    "front.management": "Management took part",
    "front.management_yes": "Yes ({n} from management)",
    "front.management_no": "No",
    "chosen.no_round": "Chosen on {date} at {time}.",
    "chosen.one_round": "Chosen on {date} at {time} after 1 voting round.",
    "chosen.rounds": "Chosen on {date} at {time} after {rounds} voting rounds.",
    "support.broad": (
        "Broad support: {backers} of the {voters} who voted in the last round gave it a dot."
    ),
    "support.majority": (
        "Support from a majority: {backers} of the {voters} who voted in the last round "
        "gave it a dot."
    ),
    "support.few": (
        "Support from a minority: {backers} of the {voters} who voted in the last round "
        "gave it a dot. It needs another conversation."
    ),
    "support.earlier_version": "The dots were given to an earlier version of the wording.",
    "support.no_round": "There was no vote on the wording.",
    "support.not_in_round": "The wording was not part of the last voting round.",
    "above.task": "The core task on the level above ({level})",
    "dilemma.what": "What it is about",
}

CATALOGS: Final[dict[str, dict[str, str]]] = {"da": DA, "en": EN}
