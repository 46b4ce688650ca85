"""Danske tekster til skærmene (terminal og web)."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    # appen og dens top
    "app.title": "kerne: kerneopgaven",
    "header.phase": "Fase",
    "header.observer": "observatør",
    "header.facilitator": "facilitator",
    "header.closed": "lukket: kun læsning",
    "header.reopened": "åben for opfølgning",
    "level.unit": "Enhed",
    "level.institution": "Institution",
    "level.centre": "Forvaltning/center",
    "level.municipality": "Kommune",
    "link.online": "● forbundet",
    "link.connecting": "◌ forbinder…",
    "link.reconnecting": "○ genforbinder…",
    "link.stopped": "✕ afbrudt",
    "banner.reconnecting": (
        "Forbindelsen er tabt. Prøver igen om {delay} s (forsøg {attempt}). "
        "Dine ændringer gemmes og sendes, når vi er tilbage."
    ),
    "banner.replaced": (
        "Du har tilsluttet dig mødet igen i et andet vindue eller på en anden maskine; "
        "dette er stoppet. Tryk q for at lukke det."
    ),
    "banner.stopped": "Afbrudt: {reason}",
    "timer.left": "⏱ {label} {time}",
    "timer.done": "⏱ {label} tiden er gået",
    # faser
    "phase.checkin": "Indtjekning",
    "phase.statements": "Udsagn",
    "phase.drafts": "Udkast",
    "phase.voting": "Prioritering",
    "phase.conflicts": "Konflikter og dilemmaer",
    "phase.wrapup": "Opsamling",
    # områder
    "area.core": "Kerneopgave",
    "area.statements": "Udsagn",
    "area.conflicts": "Konflikter",
    "area.participants": "Deltagere",
    # taster
    "key.core": "Kerneopgave",
    "key.statements": "Udsagn",
    "key.conflicts": "Konflikter",
    "key.help": "Hjælp",
    "key.quit": "Afslut",
    "key.conflict": "Notér konflikt",
    "key.menu": "Facilitator",
    "key.phase_next": "Næste fase",
    "key.phase_back": "Forrige fase",
    "key.propose": "Nyt udkast",
    "key.revise": "Ret",
    "key.withdraw": "Træk tilbage",
    "key.vote": "Giv/tag prik",
    "key.finalize": "Vælg udkast",
    "key.remove": "Fjern",
    "key.add_statement": "Nyt udsagn",
    "key.add_action": "Beslutning/næste skridt",
    "key.tag_output": "Ydelse",
    "key.tag_effect": "Effekt",
    "key.tag_clear": "Fjern mærke",
    "key.classify": "Aftalt som",
    "key.status": "Status",
    "key.note": "Tilføj note",
    "key.new_conflict": "Ny konflikt",
    "key.round": "Runde",
    "key.timer": "Nedtælling",
    "key.phase": "Fase",
    "key.close": "Luk",
    "key.screenshot": "Skærmbillede (en SVG-fil)",
    # kerneopgaven
    "core.parent": "Niveauet over: {task}",
    "core.empty": "Ingen udkast endnu. Tryk n for at foreslå en formulering af kerneopgaven.",
    "core.final": "★ valgt",
    "core.version": "v{version}",
    "core.withdrawn": "trukket tilbage",
    "core.removed": "fjernet af facilitator",
    "core.by": "af {name}",
    "core.yours": "dit udkast",
    "core.my_vote": "● din prik",
    "core.my_votes": "● {n} af dine prikker",
    "core.round_open": (
        "Runde {number} er åben. Prikker pr. person: {dots}, og du har {left} tilbage. {voters}."
    ),
    "core.round_open_blind": (
        "Runde {number} er åben og skjult. Prikker pr. person: {dots}, og du har {left} "
        "tilbage. {voters}. Resultatet vises, når runden lukkes."
    ),
    "core.round_observer": "Runde {number} er åben. {voters}.",
    "core.round_closed": "Runde {number} er lukket. {voters} stemte.",
    "core.no_round": "Ingen afstemningsrunde er åben.",
    # udsagn
    "statements.empty": "Ingen udsagn endnu. Tryk n for at skrive et om jeres arbejde.",
    "statements.output": "ydelse",
    "statements.effect": "effekt",
    "statements.split": "ydelse {output} · effekt {effect}",
    "statements.mine": "du har mærket: {tag}",
    "statements.untagged": "du har ikke mærket det",
    "statements.disputed": "⚡ ses forskelligt",
    "statements.hidden": "mærker: skjult, til facilitatoren viser dem",
    "statements.agreed": "✔ aftalt som {tag}",
    "statements.removed": "fjernet af facilitator",
    # konflikter
    "conflicts.empty": (
        "Ingen konflikter noteret. Når faggrupper ser noget forskelligt, så tryk c: "
        "at sætte ord på det er et resultat, ikke et nederlag."
    ),
    "conflicts.status.open": "åben",
    "conflicts.status.discussed": "drøftet",
    "conflicts.status.parked": "parkeret",
    "conflicts.status.resolved": "løst",
    "conflicts.professions": "Faggrupper: {names}",
    "conflicts.refs": "Om: {refs}",
    "conflicts.note": "Note: {text}",
    "conflicts.removed": "fjernet af facilitator",
    "ref.draft": "udkast {id}",
    "ref.statement": "udsagn {id}",
    # deltagere
    "people.online": "● {name}",
    "people.offline": "○ {name}",
    "people.me": "{name} (dig)",
    "people.observers": "Observatører",
    "people.no_profession": "Ingen faggruppe angivet",
    "people.count": "{online} af {total} forbundet",
    # deltag
    "join.title": "Deltag i mødet",
    "join.session": "Møde: {title}",
    "join.code": "Kode {code}",
    "join.name": "Dit navn",
    "join.name_placeholder": "fx Anne",
    "join.profession": "Din faggruppe",
    "join.profession_placeholder": "vælg fra listen eller skriv din egen",
    "join.pick": "Faggrupper i dette møde",
    "join.submit": "Deltag",
    "join.need_name": "Skriv venligst dit navn.",
    "join.need_profession": "Vælg eller skriv venligst din faggruppe.",
    "join.looking": "Slår {code} op…",
    # dialoger
    "dialog.ok": "OK",
    "dialog.cancel": "Annullér",
    "dialog.propose": "Foreslå en formulering af kerneopgaven",
    "dialog.revise": "Ret udkast {id}",
    "dialog.statement": "Et udsagn om vores arbejde",
    "dialog.statement_hint": "fx »{output}« eller »{effect}«",
    "dialog.draft_hint": "For hvem skaber vi værdi, og hvilken? (højst 500 tegn)",
    "dialog.note": "En note til »{title}«",
    "dialog.conflict": "Notér en konflikt",
    "dialog.conflict_title": "Overskrift",
    "dialog.conflict_description": "Hvad ser I forskelligt? (må være tom)",
    "dialog.conflict_professions": "Faggrupper, det drejer sig om (adskilt med komma)",
    "dialog.conflict_about": "Om: {ref}",
    "dialog.conflict_no_ref": "Ikke knyttet til et udkast eller udsagn",
    "dialog.status": "Status for »{title}«",
    "dialog.classify": "Hvad er udsagnet aftalt som?",
    "dialog.classify_none": "Ikke afklaret",
    "dialog.remove": "Fjern {kind} {id}",
    "dialog.remove_reason": "Begrundelse (vises for alle, må være tom)",
    "dialog.withdraw": "Træk udkast {id} tilbage? Det bliver stående som trukket tilbage.",
    "dialog.too_long": "{n} tegn: højst {limit}.",
    "dialog.empty": "Skriv venligst noget.",
    # facilitator
    "menu.title": "Facilitator",
    "menu.phase": "Fase: {phase}",
    "menu.phase_back": "◀ Forrige fase",
    "menu.phase_next": "Næste fase ▶",
    "menu.timer": "Nedtælling",
    "menu.timer_minutes": "{n} min",
    "menu.timer_custom": "Minutter",
    "menu.timer_label": "Tekst (valgfri)",
    "menu.timer_start": "Start nedtælling",
    "menu.timer_stop": "Stop nedtælling",
    "menu.round": "Afstemningsrunde",
    "menu.round_dots": "Prikker pr. person",
    "menu.round_blind": "Skjult (resultatet vises først, når runden lukkes)",
    "menu.round_per_draft": "Højst prikker på samme udkast",
    "menu.round_hold": "Hold fordelingen på faggrupper tilbage, til du viser den",
    "menu.reveal_round_split": "Vis fordelingen på faggrupper for runde {number}",
    "menu.tagging_blind": "Skjul mærkerne (tællingerne vises, når du viser dem)",
    "menu.tagging_open": "Vis mærkerne for alle",
    "menu.round_per_draft_range": "Fra 1 til {dots}: ikke flere end prikker pr. person",
    "menu.round_open": "Åbn runde",
    "menu.round_close": "Luk runden og vis resultatet",
    "menu.session": "Mødet",
    "menu.close_session": "Luk mødet (bagefter kun opfølgning)",
    "menu.confirm_close": (
        "Lukke mødet for alle? Bagefter kan kun opfølgningen ændres, når mødet er "
        "genåbnet: status på beslutninger og konflikter og ledelsens godkendelse."
    ),
    "menu.action": "Beslutning eller næste skridt",
    "menu.reopen": "Genåbn til opfølgning",
    "menu.confirm_reopen": (
        "Genåbn mødet til opfølgning? Kun status og bemærkninger på konflikter og "
        "næste skridt kan ændres."
    ),
    "actions.title": "Beslutninger og næste skridt",
    "actions.action": "Næste skridt",
    "actions.decision": "Beslutning",
    "actions.status.open": "ikke startet",
    "actions.status.doing": "i gang",
    "actions.status.done": "udført",
    "actions.status.dropped": "opgivet",
    "actions.forum.staff_meeting": "personalemødet",
    "actions.forum.med_committee": "MED-udvalget",
    "actions.forum.management_group": "ledergruppen",
    "actions.forum.level_above": "niveauet over",
    "actions.forum.other": "andet forum",
    "menu.export": "Eksportér referat eller data",
    "menu.minutes_tables_on": "Tag tabeller pr. faggruppe med i referatet",
    "menu.minutes_tables_off": "Udelad tabeller pr. faggruppe fra referatet",
    "export.md": "Referat (Markdown)",
    "export.html": "Referat til udskrift (HTML)",
    "export.json": "Alle data (JSON)",
    "export.csv": "Tabeller til regneark (CSV i en zip)",
    "export.xlsx": "Tabeller i ét regneark (Excel)",
    "export.saved": "Gemt: {path}",
    "export.failed": "Kunne ikke gemme eksporten: {reason}",
    "export.offline": "Ikke forbundet: prøv eksporten igen, når forbindelsen er tilbage.",
    "menu.code": "Mødekode: {code}",
    # resultat
    "reveal.title": "Runde {number}: resultatet",
    "reveal.voters": "{voters} stemte. Prikker pr. person: {dots}.",
    "reveal.by_profession": "Fordelt på faggrupper",
    "reveal.no_split": (
        "Ingen fordeling på faggrupper: for få i hver faggruppe har stemt eller mærket "
        "(mindst {k}), så ingen kunne genkendes."
    ),
    "reveal.other": "Øvrige faggrupper",
    "reveal.nobody": "Ingen stemte.",
    "reveal.held_facilitator": (
        "Holdt tilbage fra deltagerne: du ser den under Faggruppeforskelle og viser den "
        "for alle fra menuen (m), når I er klar."
    ),
    "reveal.held": (
        "Facilitatoren viser fordelingen på faggrupper, når I er klar til at tale om den."
    ),
    # beskeder
    "notice.votes_released": (
        "Din prik på udkast {id} er givet tilbage: udkastet blev ændret eller fjernet."
    ),
    "notice.refused": "Ikke udført: {message}",
    "notice.phase": "Facilitatoren er gået videre til: {phase}",
    "notice.closed": "Facilitatoren har lukket mødet. Det kan nu kun læses.",
    "notice.reopened": (
        "Facilitatoren har genåbnet mødet til opfølgning: status på beslutninger og "
        "konflikter kan nu følges op. Resten kan kun læses."
    ),
    # fejl, sagt til mennesker
    "error.unknown_session": "Intet møde har koden {code}. Tjek koden med facilitator.",
    "error.session_closed": "Mødet er lukket. Kun facilitatoren kan åbne det igen for at læse.",
    "error.bad_facilitator_key": "Facilitatornøglen er forkert.",
    "error.bad_resume_token": "Serveren kender dig ikke længere; deltag igen.",
    "error.unsupported_protocol": "Serveren taler en anden version af kerne.",
    "error.rate_limited": "For mange forsøg: venter et øjeblik.",
    "error.cannot_connect": "Kan ikke nå {url}. Spørg facilitator om den præcise --server-adresse.",
    # søgning efter serveren
    "search.looking": "Leder efter mødet {code} på det lokale netværk…",
    "search.hint": "Det tager et par sekunder.",
    "error.no_server": (
        "Ingen kerne-server på dette netværk kender koden {code}. Tjek koden, eller spørg "
        "facilitator om serverens adresse, og tilføj den: --server ws://ADRESSE:PORT"
    ),
    "servers.none": "Ingen kerne-server svarede på det lokale netværk.",
    "servers.title": "kerne-servere på det lokale netværk",
    # faggruppeforskelle
    "area.lens": "Faggruppeforskelle",
    "key.lens": "Faggruppeforskelle",
    "key.accept": "Notér som konflikt",
    "key.dismiss": "Læg til side",
    "key.reveal_split": "Vis fordeling for alle",
    "lens.suggestions": "Hvor faggrupperne ser forskelligt",
    "lens.none": (
        "Ingen fordeling når {threshold} % endnu. Forslag kommer her, når folk mærker og stemmer."
    ),
    "lens.side_effect": "{profession}: {share} % effekt ({count})",
    "lens.side_dots": "{profession}: {share} % af deres prikker ({count})",
    "lens.split_title": "Fordelt på faggrupper",
    "lens.equity": "Hvem deltager hvor meget",
    "lens.group": "Faggruppe",
    "lens.members": "Personer",
    "lens.statements": "Udsagn",
    "lens.drafts": "Udkast",
    "lens.dots": "Prikker",
    "lens.tags": "Mærker",
    "lens.conflict_title": "Faggrupperne ser det forskelligt: {item}",
    "lens.held": "Holdt tilbage fra deltagerne (vis fra menuen, m)",
    "lens.held_round": "Runde {number}: {groups}",
    "lens.blind": "Mærkerne er skjult: fordelingen på udsagn vises, når du viser mærkerne.",
    "conflicts.suggested": "fra faggruppeforskellene",
    # hjælp
    "help.title": "Taster",
    "help.global": "Overalt",
    "help.core": "Kerneopgave",
    "help.statements": "Udsagn",
    "help.conflicts": "Konflikter",
    "help.facilitator": "Kun facilitator",
    "help.follow_up_who": "facilitator, eller alle i opsamlingen",
    "help.intro": (
        "Alt kan gøres med tastaturet og med musen. Piletasterne flytter i en liste; "
        "Tab flytter mellem felterne."
    ),
    "help.close": "Tryk Escape for at lukke.",
    # hvem kommer ind, og hvem bliver (venteværelse og moderering)
    "key.admit_all": "Luk alle ventende ind",
    "waiting.title": "Du venter på at blive lukket ind",
    "waiting.text": (
        "Facilitatoren lukker deltagerne ind. Du ser mødet, så snart du er lukket ind."
    ),
    "waiting.leave": "Tryk q for at gå.",
    "people.muted": " (kan ikke skrive)",
    "people.waiting": "Venter på at komme ind ({n})",
    "people.waiting_one": "◌ {name}",
    "people.waiting_keys": "l: luk alle ind · m: luk ind eller afvis én",
    "menu.admission_on": "Lad nye deltagere vente, til du lukker dem ind",
    "menu.admission_off": "Lad nye deltagere komme ind med det samme",
    "menu.admit_all": "Luk alle {n} ventende ind",
    "menu.waiting": "Ventende ({n})",
    "menu.waiting_title": "Hvem venter",
    "menu.admit": "Luk ind",
    "menu.reject": "Afvis",
    "menu.confirm_reject": "Afvise {name}? Personen kommer ikke ind ved at prøve igen.",
    "menu.participant": "En deltager",
    "menu.mute": "Sæt på skrivepause (kan stadig stemme og mærke)",
    "menu.unmute": "Må skrive igen",
    "menu.remove_writings": "Fjern alt, hvad deltageren har skrevet",
    "menu.remove": "Fjern deltageren fra mødet",
    "menu.confirm_remove_writings": (
        "Fjerne alt, hvad {name} har skrevet (udsagn, udkast, konflikter og noter)? "
        "Det forsvinder fra alles skærm, men gemmes i mødets log."
    ),
    "menu.confirm_remove": (
        "Fjerne {name} fra mødet? Personens prikker og mærker tæller ikke længere med, "
        "og personen kan ikke komme ind igen."
    ),
    "banner.removed": "Facilitatoren har fjernet dig fra mødet. Tryk q for at lukke.",
    "banner.not_admitted": "Facilitatoren lukkede dig ikke ind. Tryk q for at lukke.",
    "notice.joined_late": (
        "Ny deltager efter første optælling: {name}. Tjek, at personen hører til mødet."
    ),
    "error.muted": "Facilitatoren har sat dig på skrivepause; du kan stadig stemme og mærke.",
    "error.removed": "Facilitatoren har fjernet dig fra mødet.",
    "error.not_admitted": "Facilitatoren lukkede dig ikke ind i mødet.",
    # the web page and the projector view (server/web/)
    "web.lang_other": "English",
    "web.lang_switch": "Switch to English",
    "web.loading": "Henter…",
    "web.code": "Mødekode",
    "web.code_hint": "fx QT4G-V5CP",
    "web.find": "Find mødet",
    "web.profession_other": "Anden faggruppe",
    "web.you_are": "Du er {name}, {profession}",
    "web.areas": "Områder",
    "web.give_dot": "Giv prik",
    "web.take_dot": "Tag prik tilbage",
    "web.dots_on": "{n} prikker",
    "web.tags_for": "Mærk udsagnet",
    "web.tag_output": "Ydelse",
    "web.tag_effect": "Effekt",
    "web.tag_clear": "Intet mærke",
    "web.send": "Send",
    "web.add_note": "Tilføj note",
    "web.sending": "Sender…",
    "web.kept": "Gemt: sendes, når forbindelsen er tilbage.",
    "web.replaced": (
        "Du deltager nu fra et andet vindue eller en anden enhed; denne side er stoppet."
    ),
    "web.voters": "{voters} af {total} har stemt",
    "web.results": "Runde {number}: resultatet",
    "web.scan": "Deltag: scan koden eller åbn",
    "web.qr_alt": "QR-kode til {url}",
    "web.projector_name": "Projektor",
    "web.col_output": "Ydelse",
    "web.col_effect": "Effekt",
    "web.col_open": "Ikke afgjort endnu",
    "web.no_statements": "Ingen udsagn endnu.",
    "web.dot_on": "1 prik",
    # the phone's own words for the newer kinds (no terminal keys on a touch screen)
    "web.area_actions": "Beslutninger",
    "web.actions_empty": "Ingen beslutninger eller næste skridt endnu.",
    "web.actions_later": "Alle kan tilføje beslutninger og næste skridt i opsamlingen.",
    "web.what": "Hvad",
    "web.who": "Hvem",
    "web.due": "Senest",
    "web.forum": "Tages op i",
    "web.by": "senest {date}",
    "web.take_one": "Tag en prik tilbage",
    "web.this_draft": "dette udkast",
    "web.rating_open": "{kind}: runde {number} er åben. {answered} har svaret.",
    "web.rating_open_blind": "{kind}: runde {number} er åben og skjult. {answered} har svaret.",
    "web.rating_clear": "Fjern mit svar",
    "web.kind.professions": "Mellem faggrupper",
    "web.kind.management_staff": "Mellem ledelse og medarbejdere",
    "web.kind.citizens_staff": "Mellem borgere eller pårørende og medarbejdere",
    "web.kind.citizens_staff.school": "Mellem elever eller forældre og medarbejdere",
    "web.kind.citizens_staff.daycare": "Mellem børn eller forældre og medarbejdere",
    "web.kind.citizens_staff.library": "Mellem brugere og medarbejdere",
    "web.kind.individual_community": "Mellem den enkelte og fællesskabet",
    "web.kind.resources": "Om ressourcer",
    "web.kind.other": "Andet",
    "web.conflict_professions": "Faggrupper, det drejer sig om (kan udelades)",
    "web.side_a": "På den ene side: {text}",
    "web.side_b": "På den anden side: {text}",
    "web.owner": "Følges op af {owner}",
    "web.taken_up": "tages op i {forum}",
    "web.above": "sendes videre til niveauet over",
    "web.instruction.statements": (
        "Skriv udsagn om jeres arbejde, og mærk dem: er det noget, vi gør (ydelse), eller "
        "noget, borgeren får ud af det (effekt)?"
    ),
    "web.instruction.drafts": (
        "Foreslå kerneopgaven i én sætning: hvilken værdi skaber vi for borgeren eller "
        "samfundet på længere sigt, sammen med de andre faggrupper?"
    ),
    "web.instruction.statements.school": (
        "Skriv udsagn om jeres arbejde, og mærk dem: er det noget, vi gør (ydelse), eller "
        "noget, eleverne får ud af det (effekt)?"
    ),
    "web.instruction.statements.daycare": (
        "Skriv udsagn om jeres arbejde, og mærk dem: er det noget, vi gør (ydelse), eller "
        "noget, børnene får ud af det (effekt)?"
    ),
    "web.instruction.drafts.school": (
        "Foreslå kerneopgaven i én sætning: hvilken værdi skaber vi for eleverne eller "
        "samfundet på længere sigt, sammen med de andre faggrupper?"
    ),
    "web.instruction.drafts.daycare": (
        "Foreslå kerneopgaven i én sætning: hvilken værdi skaber vi for børnene eller "
        "samfundet på længere sigt, sammen med de andre faggrupper?"
    ),
    "web.core.empty": "Ingen udkast endnu. Foreslå en formulering af kerneopgaven.",
    "web.statements.empty": "Ingen udsagn endnu. Skriv et om jeres arbejde.",
    "web.instruction.voting": (
        "Giv dine prikker til de udkast, du bedst kan stå inde for. Spørg også: kan alle "
        "faggrupper se deres eget bidrag i udkastet?"
    ),
    "web.instruction.conflicts": (
        "Sæt ord på det, I er uenige om, og på hvem der ser hvad. En konflikt eller et "
        "dilemma, der bliver skrevet ned, er et resultat."
    ),
    # formuleringshjælp (coach)
    "coach.title": "Tjek af formuleringen",
    "draft.blocks_effect": "Aftalt som effekt (byggesten):",
    "draft.blocks_output": "Aftalt som ydelse (det, vi leverer):",
    "coach.output": "Ydelsesord: {words}. Hvad får borgeren ud af det?",
    "coach.number": "Tal på ydelser: {words}. Ydelser kan tælles; hvad er værdien?",
    "coach.no_beneficiary": "Hvem er det for? Der står ikke borger, barn, elev eller samfund.",
    "coach.sentences": "Mere end én sætning: kan det siges i én?",
    "coach.too_long": "Over {max} ord: kan det siges kortere?",
    "coach.no_parent": "Kan man se kerneopgaven på niveauet over i den?",
    "coach.fine": "Ingen bemærkninger.",
    "coach.added": "Ord tilføjet til tjekket: {words}",
    "menu.coach": "Formuleringstjek",
    "menu.coach_output": "Tilføj ydelsesord (adskilt med komma)",
    "menu.coach_beneficiary": "Tilføj ord for dem, det er for (adskilt med komma)",
    # valg af kerneopgave
    "core.chosen": "✓ valgt {date}",
    "core.date": "{day}.{month}.{year}",
    "core.today": "i dag",
    "core.coach": "✎ {hints}",
    "coach.short.output": "ydelsesord ({words})",
    "coach.short.number": "tæller ydelser",
    "coach.short.no_beneficiary": "for hvem?",
    "coach.short.sentences": "flere sætninger",
    "coach.short.too_long": "lang",
    "coach.short.no_parent": "niveauet over?",
    "choose.title": "Vælg {id} som kerneopgave?",
    "choose.replaces": "Den afløser {previous}, der blev valgt {date}.",
    "choose.reason": "Hvorfor dette udkast? Skriv en kort begrundelse.",
    "choose.reason_hint": "fx 'Den eneste alle faggrupper kan leve med'",
    "choose.confirm": "Vælg den",
    "support.never_voted": "Der er ikke stemt om det.",
    "support.dots": "Runde {number}: {dots} af {total} prikker.",
    "support.best": "Det har flest prikker.",
    "support.not_best": "Et andet udkast fik flere prikker ({most}).",
    "support.by_group": "Prikker pr. faggruppe: {groups}.",
    "support.none_from": "Ingen prikker fra: {groups}.",
    "support.withheld": "For få i faggrupperne til at vise fordelingen.",
    "support.other": "øvrige faggrupper",
    "support.no_acceptance": "Der er ikke spurgt, om alle kan leve med det.",
    "support.accept_round": "Accept (runde {number}): {supports} af {n} bakker op.",
    "support.accept_all": "Alle faggrupper kan leve med det.",
    "support.accept_cannot": "Kan ikke leve med det: {groups}.",
    "support.accept_group": "{group} ({cannot} af {n})",
    "support.accept_all_hidden": "Alle {n}, der svarede, kan leve med det.",
    "support.accept_some_cannot": "{cannot} af {n} kan ikke leve med det.",
    "support.criteria_round": "Kriterier (runde {number}):",
    "support.criterion": "{criterion}: {answers}",
    "support.criterion_no": "Flertallet af {groups} siger nej.",
    "support.criteria_sum": "Kriterier: {answers}",
    "criterion.value": "Værdi for borger eller samfund, ikke ydelser",
    "criterion.long_term": "Langsigtet",
    "criterion.shared": "Ingen faggruppe kan løse den alene",
    "criterion.connects": "Hænger sammen med kerneopgaven over",
    "criterion.short": "Kort, én sætning",
    "criterion.everyday": "Kan genkendes i hverdagen",
    "judgement.yes": "ja",
    "judgement.partly": "delvis",
    "judgement.no": "nej",
    "acceptance.full": "Fuld opbakning",
    "acceptance.support": "Bakker op, med små forbehold",
    "acceptance.reservations": "Kan leve med det, med forbehold",
    "acceptance.doubts": "Store betænkeligheder, men stopper det ikke",
    "acceptance.cannot": "Kan ikke leve med det",
    # accept- og kriterierunder
    "rating.acceptance": "Accept",
    "rating.criteria": "Kriterier",
    "rating.open": "{kind}: runde {number} er åben. {answered} har svaret. Tryk a for at svare.",
    "rating.open_blind": (
        "{kind}: runde {number} er åben og skjult. {answered} har svaret. Tryk a for at svare."
    ),
    "rating.closed": "{kind}: runde {number} er lukket. {answered} svarede.",
    "rating.question_acceptance": "Kan du se dit fags bidrag i {id}, og kan du leve med det?",
    "rating.question_criteria": "{id}: {criterion}?",
    "rating.answered": "dit svar: {answer}",
    "rating.nothing": "Ingen runde med accept eller kriterier er åben.",
    "key.rate": "Svar",
    "menu.rating": "Accept og kriterier",
    "menu.rating_acceptance": "Spørg om accept (kan alle leve med det?)",
    "menu.rating_criteria": "Vurdér udkast efter kriterierne",
    "menu.rating_drafts": "Hvilke udkast? (id'er adskilt med komma; tomt: alle)",
    "menu.rating_blind": "Skjult (svarene vises først, når runden lukkes)",
    "menu.rating_close": "Luk runden og vis svarene",
    # the method on screen: refusals by code, plurals (one/other)
    "error.hello_required": "Klienten skal først melde sig ind i mødet. Start kerne igen.",
    "error.invalid": "Det kunne ikke forstås: noget mangler eller er skrevet forkert.",
    "error.unknown_type": (
        "Serveren kender ikke den handling. Måske er den en ældre udgave af kerne."
    ),
    "error.too_long": "Teksten er for lang. Gør den kortere, og prøv igen.",
    "error.not_found": "Det findes ikke i mødet (længere).",
    "error.forbidden": "Det må du ikke i dette møde.",
    "error.invalid_state": "Det kan ikke lade sig gøre lige nu, sådan som mødet står.",
    "error.no_open_round": "Der er ingen åben afstemningsrunde. Vent, til facilitatoren åbner en.",
    "error.vote_limit": (
        "Du kan ikke give flere prikker her: én prik pr. udkast, og ikke flere end runden giver."
    ),
    "error.cast_vote.invalid_state": (
        "Udkastet er trukket tilbage eller fjernet, så det kan ikke få prikker."
    ),
    "error.retract_vote.invalid_state": "Du har ingen prik på det udkast i denne runde.",
    "error.revise_draft.invalid_state": (
        "Udkastet kan ikke rettes: det er trukket tilbage eller fjernet, eller en skjult "
        "runde er i gang."
    ),
    "error.withdraw_draft.invalid_state": (
        "Udkastet kan ikke trækkes tilbage: det er allerede væk, eller en skjult runde er i gang."
    ),
    "error.propose_draft.invalid_state": (
        "Mødet kan ikke rumme flere udkast. Facilitatoren kan fjerne nogle."
    ),
    "error.add_statement.invalid_state": (
        "Mødet kan ikke rumme flere udsagn. Facilitatoren kan fjerne nogle."
    ),
    "error.record_conflict.invalid_state": (
        "Mødet kan ikke rumme flere konflikter. Facilitatoren kan fjerne nogle."
    ),
    "error.tag_statement.invalid_state": "Udsagnet er fjernet, så det kan ikke mærkes.",
    "error.update_conflict.invalid_state": (
        "Konflikten er fjernet, eller den har fået så mange noter, som den kan have."
    ),
    "error.open_round.invalid_state": "Der er allerede en åben runde. Luk den først.",
    "error.stop_timer.invalid_state": "Der kører ingen nedtælling.",
    "error.finalize_draft.invalid_state": "Det udkast er allerede valgt.",
    "error.remove_item.invalid_state": "Det er allerede fjernet.",
    "error.reveal_split.invalid_state": (
        "Fordelingen kan ikke vises: den er vist allerede, eller mærkerne er skjult."
    ),
    "error.close_session.invalid_state": (
        "Luk den åbne runde, og vis mærkerne, hvis de er skjult, før du lukker mødet."
    ),
    "error.classify_statement.invalid_state": "Udsagnet er fjernet.",
    "core.votes.one": "{n} prik",
    "core.votes.other": "{n} prikker",
    "count.dots.one": "{n} prik",
    "count.dots.other": "{n} prikker",
    "count.tags.one": "{n} mærke",
    "count.tags.other": "{n} mærker",
    "count.voted": "{voters} af {eligible} har stemt",
    # dialogs: the button says what Enter does
    "action.close_round": "Luk runden",
    "action.close_session": "Afslut mødet",
    "action.withdraw": "Træk tilbage",
    "action.propose": "Foreslå udkastet",
    "action.revise": "Gem rettelsen",
    "action.add_statement": "Tilføj udsagnet",
    "action.note": "Tilføj noten",
    "action.remove": "Fjern",
    "action.record_conflict": "Notér konflikten",
    "action.reopen": "Genåbn til opfølgning",
    "action.reject": "Afvis",
    "action.remove_writings": "Fjern det skrevne",
    "action.remove_participant": "Fjern deltageren",
    "menu.confirm_round": (
        "Lukke runden og vise resultatet for alle? Ingen kan give prikker bagefter."
    ),
    # moments nobody may miss (a notice and the bell on every screen)
    "moment.round_open": (
        "Runde {number} er åben, og du har {dots}. Gå til et udkast under Kerneopgave (tast "
        "1), og giv en prik med mellemrum."
    ),
    "moment.round_open_blind": (
        "Runde {number} er åben og skjult, og du har {dots}. Gå til et udkast under "
        "Kerneopgave (tast 1), og giv en prik med mellemrum. Ingen ser resultatet, før runden"
        " lukkes."
    ),
    "moment.round_open_watch": (
        "Runde {number} er åben. Du giver ikke selv prikker, men kan følge med under "
        "Kerneopgave (tast 1)."
    ),
    "moment.round_closed": (
        "Runde {number} er lukket, og {voters} stemte. Resultatet står på skærmen."
    ),
    "moment.timer_out": "Tiden er gået. Gør det færdigt, du er i gang med, og se op.",
    "moment.timer_out_label": (
        "Tiden er gået: {label}. Gør det færdigt, du er i gang med, og se op."
    ),
    # phase instructions (defaults from the method; the facilitator may rewrite them)
    "instruction.checkin": (
        "Fortæl kort om en gang, hvor du gjorde en forskel for en borger. Hvad blev bedre for"
        " borgeren?"
    ),
    "instruction.statements": (
        "Skriv udsagn om jeres arbejde (n), og mærk dem: er det noget, vi gør (y: ydelse), "
        "eller noget, borgeren får ud af det (e: effekt)?"
    ),
    "instruction.drafts": (
        "Foreslå kerneopgaven i én sætning (n): hvilken værdi skaber vi for borgeren eller "
        "samfundet på længere sigt, sammen med de andre faggrupper?"
    ),
    # The same three in the words of a sector whose people are not »borgere«.
    "instruction.checkin.school": (
        "Fortæl kort om en gang, hvor du gjorde en forskel for en elev. Hvad blev bedre for eleven?"
    ),
    "instruction.checkin.daycare": (
        "Fortæl kort om en gang, hvor du gjorde en forskel for et barn. Hvad blev bedre for barnet?"
    ),
    "instruction.checkin.library": (
        "Fortæl kort om en gang, hvor du gjorde en forskel for en bruger af biblioteket. Hvad"
        " blev bedre for brugeren?"
    ),
    "instruction.statements.school": (
        "Skriv udsagn om jeres arbejde (n), og mærk dem: er det noget, vi gør (y: ydelse), "
        "eller noget, eleverne får ud af det (e: effekt)?"
    ),
    "instruction.statements.daycare": (
        "Skriv udsagn om jeres arbejde (n), og mærk dem: er det noget, vi gør (y: ydelse), "
        "eller noget, børnene får ud af det (e: effekt)?"
    ),
    "instruction.drafts.school": (
        "Foreslå kerneopgaven i én sætning (n): hvilken værdi skaber vi for eleverne eller "
        "samfundet på længere sigt, sammen med de andre faggrupper?"
    ),
    "instruction.drafts.daycare": (
        "Foreslå kerneopgaven i én sætning (n): hvilken værdi skaber vi for børnene eller "
        "samfundet på længere sigt, sammen med de andre faggrupper?"
    ),
    "instruction.voting": (
        "Giv dine prikker til de udkast, du bedst kan stå inde for (mellemrum). Spørg også: "
        "kan alle faggrupper se deres eget bidrag i udkastet?"
    ),
    "instruction.conflicts": (
        "Sæt ord på det, I er uenige om, og på hvem der ser hvad (c). En konflikt eller et "
        "dilemma, der bliver skrevet ned, er et resultat."
    ),
    "instruction.wrapup": (
        "Hvad har vi valgt, hvad gør vi nu, hvem gør det, og hvornår ser vi på det igen?"
    ),
    "menu.instruction": "Ret instruktionen for fasen",
    "dialog.instruction": "Instruktion for fasen {phase} (står øverst hos alle)",
    "dialog.instruction_hint": "Tom tekst: standardteksten kommer tilbage",
    "action.instruction": "Vis for alle",
    "key.instruction": "Instruktion",
    "moment.phase_instruction": "Ny fase: {phase}. {instruction}",
    "moment.instruction": "Ny instruktion fra facilitator: {instruction}",
    "moment.tags_hidden": (
        "Mærkerne er skjult nu: mærk, som du selv ser det. Tællingerne vises, når "
        "facilitator viser dem."
    ),
    "moment.tags_shown": "Facilitatoren har vist mærkerne: nu kan I se, hvordan I har mærket.",
    # sectors: what ydelse and effekt mean, with a pair from the session's own kind of work
    "define.output": (
        "Ydelse: det, vi gør eller leverer: besøg, timer, samtaler, åbningstid. Det kan "
        "tælles, men siger ikke, om borgeren fik gavn af det."
    ),
    "define.effect": (
        "Effekt: det, borgeren eller samfundet får ud af det på længere sigt: hvad borgeren "
        "kan, bliver eller beholder."
    ),
    "define.output.school": (
        "Ydelse: det, vi gør eller leverer: timer, forløb, samtaler, lektiecafé. Det kan "
        "tælles, men siger ikke, om eleven fik gavn af det."
    ),
    "define.effect.school": (
        "Effekt: det, eleven eller samfundet får ud af det på længere sigt: hvad eleven "
        "kan, bliver eller tør."
    ),
    "define.output.daycare": (
        "Ydelse: det, vi gør eller leverer: åbningstid, aktiviteter, forældresamtaler. Det "
        "kan tælles, men siger ikke, om barnet fik gavn af det."
    ),
    "define.effect.daycare": (
        "Effekt: det, barnet eller samfundet får ud af det på længere sigt: hvad barnet "
        "kan, bliver eller tør."
    ),
    "define.output.library": (
        "Ydelse: det, vi gør eller leverer: åbningstid, udlån, arrangementer. Det kan "
        "tælles, men siger ikke, om brugeren fik gavn af det."
    ),
    "define.effect.library": (
        "Effekt: det, brugeren eller lokalsamfundet får ud af det på længere sigt: hvad "
        "brugeren kan, bliver eller deltager i."
    ),
    "define.example": "Fx ydelse: »{output}«. Effekt: »{effect}«.",
    "key.definitions": "Ydelse/effekt?",
    "sector.general.output": "Vi holder et møde med hver borger hvert kvartal",
    "sector.general.effect": "Borgeren klarer mere selv og har det bedre",
    "sector.care.output": "Fru Jensen får hjælp til bad to gange om ugen",
    "sector.care.effect": "Fru Jensen kan selv komme i bad igen og bestemmer over sin dag",
    "sector.school.output": "Klassen har 10 dansktimer om ugen",
    "sector.school.effect": "Eleverne kan læse og forstå en tekst, de selv har valgt",
    "sector.daycare.output": "Børnehaven har åbent fra 6.30 til 17",
    "sector.daycare.effect": "Børnene leger trygt med hinanden og tør sige til og fra",
    "sector.jobcentre.output": "Vi holder en samtale med hver ledig hver tredje måned",
    "sector.jobcentre.effect": "Flere ledige får et job eller en uddannelse, der holder",
    "sector.library.output": "Biblioteket har åbent 60 timer om ugen",
    "sector.library.effect": "Borgerne mødes om bøger og kultur i deres lokalområde",
    "sector.technical.output": "Vi behandler en byggesag på seks uger",
    "sector.technical.effect": "Borgerne bor trygt i en by med rent vand og sikre veje",
    "keyname.space": "mellemrum",
    "keyname.delete": "slet",
    "keyname.escape": "Escape",
    # help: the method in a few screens, then the keys
    "help.method_title": "Metoden",
    "help.shifts_title": "Tre skift",
    "help.shifts": (
        "Kerneopgaven er den værdi, vi skaber for borgeren og for samfundet på længere sigt. "
        "Tre skift hører med:\n"
        "\n"
        "1. Fra ydelse til effekt: vi måler arbejdet på, hvad borgeren får ud af det, ikke "
        "kun på, hvad vi leverer.\n"
        "\n"
        "2. En ny relation til borgeren: værdi skabes bedst sammen med borgeren og de "
        "pårørende, ikke for dem.\n"
        "\n"
        "3. Blødere grænser mellem faggrupper: få opgaver løses af én faggruppe alene, og "
        "ingen faggruppe bestemmer, hvad god kvalitet er for de andre."
    ),
    "help.levels_title": "Niveauer",
    "help.levels": (
        "Kerneopgaver findes på flere niveauer: kommune, forvaltning/center, institution og "
        "enhed. Jeres kerneopgave skal hænge sammen med kerneopgaven på niveauet over; den "
        "står øverst under Kerneopgave (tast 1), hvis facilitatoren har skrevet den.\n"
        "\n"
        "Formuleringen er et middel til samtalen, ikke målet. Den er valgt på en dato, og I "
        "vender tilbage til den."
    ),
    "help.conflicts_title": "Konflikter og dilemmaer",
    "help.conflicts_text": (
        "Når I bliver konkrete, bliver uenighederne synlige: faggrupper har forskellige "
        "normer for kvalitet, og borgere og pårørende kan ønske noget andet end det, I "
        "fagligt finder klogt.\n"
        "\n"
        "Det er ikke et nederlag. Skriv konflikter og dilemmaer ned (tast c), og hvem der ser"
        " hvad. De er et resultat af mødet, som I arbejder videre med."
    ),
    "help.page": "Side {page} af {pages}. → og ← blader, Escape lukker.",
    # the server's start-up text, and the terminal's own prompts
    "startup.session": "kerne-møde ",
    "startup.code": "  mødekode:         ",
    "startup.key": "  facilitatornøgle: ",
    "startup.key_hidden": (
        "  facilitatornøgle: vises kun, når den laves (kun et hash af den gemmes); mistet? "
        "kerne-server key {code}"
    ),
    "startup.participants_announced": "  deltagerne skriver:",
    "startup.or_network": "  eller, hvis det ikke finder mødet, linjen for deres netværk:",
    "startup.participants_network": "  deltagerne skriver linjen for deres netværk:",
    "startup.no_address": (
        "  ingen netværksadresse fundet: forbind denne computer til lokalets netværk, og "
        "start serveren igen"
    ),
    "startup.you": "  du, som er facilitator, skriver:",
    "startup.you_key": "  du, som er facilitator, skriver (din nøgle i stedet for KEY):",
    "startup.others.one": "Serverer også {n} andet åbent møde (kerne-server sessions viser det).",
    "startup.others.other": "Serverer også {n} andre åbne møder (kerne-server sessions viser dem).",
    "startup.shard": "Proces {n} af {count} (port {port}, databasefil {file}):",
    "startup.shards": (
        "Serveren kører i {count} processer, én pr. kerne; hvert møde hører til én af dem."
    ),
    "startup.stop": (
        "Ctrl+C stopper serveren. Møderne gemmes, og når serveren startes igen, kører de videre."
    ),
    "startup.loopback": "på denne computer alene ({interface}):",
    "startup.interface": "på {interface}:",
    "startup.web": "    eller i en telefons browser: {url}",
    "startup.projector": "  til projektoren, åbn i en browser: {url}",
    "quit.prompt": "Tryk {shortcut} for at afslutte kerne.",
    "quit.title": "Vil du afslutte?",
    # opfølgning i terminalen: dilemmaer, beslutninger, referatets tekster (issue 17)
    "key.edit_conflict": "Ret konflikten (overskrift, tekst, slags, sider)",
    "key.follow_conflict": "Opfølgning: ansvarlig, forum, dato, niveauet over",
    "key.follow_action": "Følg op på en beslutning eller et næste skridt",
    "actions.hint": "o: følg op",
    "conflicts.kind.professions": "Mellem faggrupper",
    "conflicts.kind.management_staff": "Mellem ledelse og medarbejdere",
    "conflicts.kind.citizens_staff": "Mellem borgere/pårørende og medarbejdere",
    # A school, a day care and a library meet pupils, children and users, not citizens.
    "conflicts.kind.citizens_staff.school": "Mellem elever/forældre og medarbejdere",
    "conflicts.kind.citizens_staff.daycare": "Mellem børn/forældre og medarbejdere",
    "conflicts.kind.citizens_staff.library": "Mellem brugere og medarbejdere",
    "conflicts.kind.individual_community": "Mellem den enkelte og fællesskabet",
    "conflicts.kind.resources": "Om ressourcer",
    "conflicts.kind.other": "Andet dilemma",
    "conflicts.side_a": "På den ene side: {text}",
    "conflicts.side_b": "På den anden side: {text}",
    "conflicts.due": "senest {date}",
    "conflicts.above": "til niveauet over",
    "dialog.conflict_edit": "Ret konflikten (den tidligere ordlyd gemmes)",
    "dialog.conflict_kind": "Hvilken slags",
    "dialog.form_description": "Hvad handler det om",
    "dialog.form_professions": "Faggrupper (komma)",
    "dialog.side_a": "På den ene side",
    "dialog.side_b": "På den anden side",
    "dialog.follow": "Opfølgning på »{title}«",
    "dialog.owner": "Ansvarlig",
    "dialog.who": "Hvem",
    "dialog.what": "Hvad",
    "dialog.forum": "Tages op i",
    "dialog.no_forum": "(intet forum valgt)",
    "dialog.due": "Senest (dato)",
    "dialog.date_hint": "fx 30.11.2026",
    "dialog.above": "Sendes videre til niveauet over",
    "dialog.bad_date": "»{typed}« er ikke en dato, der findes. Skriv fx 30.11.2026.",
    "dialog.status_field": "Status",
    "dialog.note_field": "Bemærkning",
    "dialog.endorse": "Ledelsens godkendelse af referatet",
    "dialog.endorser": "Godkendt af",
    "dialog.endorser_hint": "navn og titel, fx Lone Berg, centerchef",
    "dialog.endorsed_on": "Dato",
    "dialog.everyday_hint": "fx Vi starter hver vagt med beboerens egne ønsker",
    "dialog.everyday_hint.school": "fx Vi begynder dagen med at spørge eleverne, hvad de vil lære",
    "dialog.everyday_hint.daycare": "fx Vi tager imod hvert barn ved navn om morgenen",
    "dialog.everyday_hint.jobcentre": "fx Vi spørger den ledige, hvad et godt job er for hende",
    "dialog.everyday_hint.library": "fx Vi spørger brugerne, hvad de savner i biblioteket",
    "dialog.contribution_hint": "fx Vores erfaringer går videre til centrets ledergruppe",
    "action.save": "Gem",
    "action.add_action": "Tilføj",
    "action.endorse": "Godkend",
    "actions.dropped": "{n} opgivet og taget af listen",
    "menu.follow_action": "Følg op på en beslutning eller et næste skridt",
    "menu.everyday": "Hvad det betyder i hverdagen",
    "menu.contribution": "Sådan bidrager vi til niveauet over",
    "menu.endorse": "Ledelsens godkendelse",
}
