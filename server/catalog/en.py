"""English strings for the screens (terminal and web)."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    # the app and its header
    "app.title": "kerne: the core task",
    "header.phase": "Phase",
    "header.observer": "observer",
    "header.facilitator": "facilitator",
    "header.closed": "closed: read only",
    "header.reopened": "open for follow-up",
    "level.unit": "Unit",
    "level.institution": "Institution",
    "level.centre": "Administration/centre",
    "level.municipality": "Municipality",
    "link.online": "● connected",
    "link.connecting": "◌ connecting…",
    "link.reconnecting": "○ reconnecting…",
    "link.stopped": "✕ disconnected",
    "banner.reconnecting": (
        "Connection lost. Trying again in {delay} s (attempt {attempt}). "
        "Your changes are kept and sent when we are back."
    ),
    "banner.replaced": (
        "You joined this session again in another window or on another machine; this one "
        "has stopped. Press q to close it."
    ),
    "banner.stopped": "Disconnected: {reason}",
    "timer.left": "⏱ {label} {time}",
    "timer.done": "⏱ {label} time is up",
    # phases
    "phase.checkin": "Check-in",
    "phase.statements": "Statements",
    "phase.drafts": "Drafts",
    "phase.voting": "Voting",
    "phase.conflicts": "Conflicts",
    "phase.wrapup": "Wrap-up",
    # areas
    "area.core": "Core task",
    "area.statements": "Statements",
    "area.conflicts": "Conflicts",
    "area.participants": "Participants",
    # bindings
    "key.core": "Core task",
    "key.statements": "Statements",
    "key.conflicts": "Conflicts",
    "key.help": "Help",
    "key.quit": "Quit",
    "key.conflict": "Record conflict",
    "key.menu": "Facilitator",
    "key.phase_next": "Next phase",
    "key.phase_back": "Previous phase",
    "key.propose": "New draft",
    "key.revise": "Revise",
    "key.withdraw": "Withdraw",
    "key.vote": "Vote/unvote",
    "key.finalize": "Choose draft",
    "key.remove": "Remove",
    "key.add_statement": "New statement",
    "key.add_action": "Decision/next step",
    "key.tag_output": "Output",
    "key.tag_effect": "Effect",
    "key.tag_clear": "Clear tag",
    "key.classify": "Agreed class",
    "key.status": "Status",
    "key.note": "Add note",
    "key.new_conflict": "New conflict",
    "key.round": "Round",
    "key.timer": "Timer",
    "key.phase": "Phase",
    "key.close": "Close",
    "key.screenshot": "Screenshot (an SVG file)",
    # core task area
    "core.parent": "The level above: {task}",
    "core.empty": "No drafts yet. Press n to propose a formulation of the core task.",
    "core.final": "★ FINAL",
    "core.version": "v{version}",
    "core.withdrawn": "withdrawn",
    "core.removed": "removed by the facilitator",
    "core.by": "by {name}",
    "core.yours": "your draft",
    "core.my_vote": "● your dot",
    "core.my_votes": "● {n} of your dots",
    "core.round_open": (
        "Round {number} is open. Dots per person: {dots}; you have {left} left. {voters}."
    ),
    "core.round_open_blind": (
        "Round {number} is open and BLIND. Dots per person: {dots}; you have {left} left. "
        "{voters}. Results are shown when the round closes."
    ),
    "core.round_observer": "Round {number} is open. {voters}.",
    "core.round_closed": "Round {number} is closed. {voters} voted.",
    "core.no_round": "No voting round is open.",
    # statements area
    "statements.empty": "No statements yet. Press n to add one about your work.",
    "statements.output": "output",
    "statements.effect": "effect",
    "statements.split": "output {output} · effect {effect}",
    "statements.mine": "you tagged it: {tag}",
    "statements.untagged": "you have not tagged it",
    "statements.disputed": "⚡ seen differently",
    "statements.hidden": "tags: hidden until the facilitator shows them",
    "statements.agreed": "✔ agreed: {tag}",
    "statements.removed": "removed by the facilitator",
    # conflicts area
    "conflicts.empty": (
        "No conflicts recorded. When professions see something differently, press c: "
        "naming it is a result, not a failure."
    ),
    "conflicts.status.open": "open",
    "conflicts.status.discussed": "discussed",
    "conflicts.status.parked": "parked",
    "conflicts.status.resolved": "resolved",
    "conflicts.professions": "Professions: {names}",
    "conflicts.refs": "About: {refs}",
    "conflicts.note": "Note: {text}",
    "conflicts.removed": "removed by the facilitator",
    "ref.draft": "draft {id}",
    "ref.statement": "statement {id}",
    # participants panel
    "people.online": "● {name}",
    "people.offline": "○ {name}",
    "people.me": "{name} (you)",
    "people.observers": "Observers",
    "people.no_profession": "No profession given",
    "people.count": "{online} of {total} online",
    # join screen
    "join.title": "Join the session",
    "join.session": "Session: {title}",
    "join.code": "Code {code}",
    "join.name": "Your name",
    "join.name_placeholder": "e.g. Anne",
    "join.profession": "Your profession",
    "join.profession_placeholder": "pick from the list or type your own",
    "join.pick": "Professions in this session",
    "join.submit": "Join",
    "join.need_name": "Please write your name.",
    "join.need_profession": "Please pick or write your profession.",
    "join.looking": "Looking up {code}…",
    # dialogs
    "dialog.ok": "OK",
    "dialog.cancel": "Cancel",
    "dialog.propose": "Propose a formulation of the core task",
    "dialog.revise": "Revise draft {id}",
    "dialog.statement": "A statement about our work",
    "dialog.statement_hint": "e.g. “{output}” or “{effect}”",
    "dialog.draft_hint": "Who do we create value for, and what value? (max 500 characters)",
    "dialog.note": "A note on '{title}'",
    "dialog.conflict": "Record a conflict",
    "dialog.conflict_title": "Title",
    "dialog.conflict_description": "What do you see differently? (may be empty)",
    "dialog.conflict_professions": "Professions involved (comma-separated)",
    "dialog.conflict_about": "About: {ref}",
    "dialog.conflict_no_ref": "Not linked to a draft or statement",
    "dialog.status": "Status of '{title}'",
    "dialog.classify": "Agreed class of the statement",
    "dialog.classify_none": "Not agreed",
    "dialog.remove": "Remove {kind} {id}",
    "dialog.remove_reason": "Reason (shown to everyone, may be empty)",
    "dialog.withdraw": "Withdraw draft {id}? It stays listed as withdrawn.",
    "dialog.too_long": "{n} characters: at most {limit}.",
    "dialog.empty": "Please write something.",
    # facilitator menu
    "menu.title": "Facilitator",
    "menu.phase": "Phase: {phase}",
    "menu.phase_back": "◀ Previous phase",
    "menu.phase_next": "Next phase ▶",
    "menu.timer": "Timer",
    "menu.timer_minutes": "{n} min",
    "menu.timer_custom": "Minutes",
    "menu.timer_label": "Label (optional)",
    "menu.timer_start": "Start timer",
    "menu.timer_stop": "Stop timer",
    "menu.round": "Voting round",
    "menu.round_dots": "Dots per person",
    "menu.round_blind": "Blind (results hidden until the round closes)",
    "menu.round_hold": "Hold back the split by profession until you show it",
    "menu.reveal_round_split": "Show the split by profession of round {number}",
    "menu.tagging_blind": "Hide the tags (the counts show when you show them)",
    "menu.tagging_open": "Show the tags to everyone",
    "menu.round_per_draft": "Most dots on one draft",
    "menu.round_per_draft_range": "From 1 to {dots}: no more than the dots per person",
    "menu.round_open": "Open round",
    "menu.round_close": "Close round and reveal",
    "menu.session": "Session",
    "menu.close_session": "Close the session (only follow-up afterwards)",
    "menu.confirm_close": (
        "Close the session for everyone? Afterwards only the follow-up can change, once "
        "the session is reopened: the status of decisions and conflicts, and the endorsement."
    ),
    "menu.action": "Decision or next step",
    "menu.reopen": "Reopen for follow-up",
    "menu.confirm_reopen": (
        "Reopen the meeting for follow-up? Only statuses and remarks on conflicts and "
        "next steps can change."
    ),
    "actions.title": "Decisions and next steps",
    "actions.action": "Next step",
    "actions.decision": "Decision",
    "actions.status.open": "not started",
    "actions.status.doing": "under way",
    "actions.status.done": "done",
    "actions.status.dropped": "dropped",
    "actions.forum.staff_meeting": "staff meeting",
    "actions.forum.med_committee": "MED committee",
    "actions.forum.management_group": "management group",
    "actions.forum.level_above": "the level above",
    "actions.forum.other": "another forum",
    "menu.export": "Export minutes or data",
    "menu.minutes_tables_on": "Put the tables per profession in the minutes",
    "menu.minutes_tables_off": "Leave the tables per profession out of the minutes",
    "export.md": "Minutes (Markdown)",
    "export.html": "Minutes to print (HTML)",
    "export.json": "All data (JSON)",
    "export.csv": "Tables for a spreadsheet (CSV in a zip)",
    "export.xlsx": "Tables in one spreadsheet (Excel)",
    "export.saved": "Saved: {path}",
    "export.failed": "Could not save the export: {reason}",
    "export.offline": "Not connected: try the export again when the connection is back.",
    "menu.code": "Join code: {code}",
    # reveal
    "reveal.title": "Round {number}: the result",
    "reveal.voters": "{voters} voted. Dots per person: {dots}.",
    "reveal.by_profession": "By profession",
    "reveal.no_split": (
        "No split by profession: too few in each profession voted or tagged (at least {k}), "
        "so nobody could be recognised."
    ),
    "reveal.other": "Other professions",
    "reveal.nobody": "Nobody voted.",
    "reveal.held_facilitator": (
        "Held back from participants: you see it in the Lens and show it to everyone "
        "from the menu (m) when you are ready."
    ),
    "reveal.held": (
        "The facilitator shows the split by profession when you are ready to talk about it."
    ),
    # notices
    "notice.votes_released": (
        "Your dot on draft {id} was given back: the draft was changed or removed."
    ),
    "notice.refused": "Not done: {message}",
    "notice.phase": "The facilitator moved on to: {phase}",
    "notice.closed": "The facilitator closed the session. It is read only now.",
    "notice.reopened": (
        "The facilitator reopened the session for follow-up: the status of decisions and "
        "conflicts can be followed up now. Everything else is read only."
    ),
    # errors for people
    "error.unknown_session": "No session has the code {code}. Check it with the facilitator.",
    "error.session_closed": "That session is closed; only the facilitator can open it to read.",
    "error.bad_facilitator_key": "That facilitator key is not right.",
    "error.bad_resume_token": "The server does not know you any more; join again.",
    "error.unsupported_protocol": "The server speaks another version of kerne.",
    "error.rate_limited": "Too many tries: waiting a moment.",
    "error.cannot_connect": (
        "Cannot reach {url}. Ask the facilitator for the exact --server address."
    ),
    # looking for the server
    "search.looking": "Looking for session {code} on the local network…",
    "search.hint": "This takes a couple of seconds.",
    "error.no_server": (
        "No kerne server on this network knows the code {code}. Check the code, or ask the "
        "facilitator for the server address and add it: --server ws://ADDRESS:PORT"
    ),
    "servers.none": "No kerne server answered on the local network.",
    "servers.title": "kerne servers on the local network",
    # the profession lens
    "area.lens": "Lens",
    "key.lens": "Lens",
    "key.accept": "Record as conflict",
    "key.dismiss": "Set aside",
    "key.reveal_split": "Show split to all",
    "lens.suggestions": "Where professions see it differently",
    "lens.none": (
        "No split passes {threshold} % yet. Suggestions appear here as people tag and vote."
    ),
    "lens.side_effect": "{profession}: {share} % effect ({count})",
    "lens.side_dots": "{profession}: {share} % of their dots ({count})",
    "lens.split_title": "By profession",
    "lens.equity": "Who takes part how much",
    "lens.group": "Profession",
    "lens.members": "People",
    "lens.statements": "Statements",
    "lens.drafts": "Drafts",
    "lens.dots": "Dots",
    "lens.tags": "Tags",
    "lens.conflict_title": "Professions see it differently: {item}",
    "lens.held": "Held back from participants (show it from the menu, m)",
    "lens.held_round": "Round {number}: {groups}",
    "lens.blind": "Tags are hidden: the split per statement shows when you show the tags.",
    "conflicts.suggested": "from the profession lens",
    # help
    "help.title": "Keys",
    "help.global": "Everywhere",
    "help.core": "Core task",
    "help.statements": "Statements",
    "help.conflicts": "Conflicts",
    "help.facilitator": "Facilitator only",
    "help.follow_up_who": "facilitator, or anyone in the wrap-up",
    "help.intro": (
        "Everything works with the keyboard, and with the mouse. Arrow keys move in a list; "
        "Tab moves between the panels."
    ),
    "help.close": "Press Escape to close.",
    # who comes in, and who stays (the lobby and moderation)
    "key.admit_all": "Admit everyone waiting",
    "waiting.title": "You are waiting to be let in",
    "waiting.text": (
        "The facilitator lets participants in. You will see the session as soon as you are."
    ),
    "waiting.leave": "Press q to leave.",
    "people.muted": " (muted)",
    "people.waiting": "Waiting to come in ({n})",
    "people.waiting_one": "◌ {name}",
    "people.waiting_keys": "l: let everyone in · m: admit or turn away one",
    "menu.admission_on": "Let newcomers wait until you admit them",
    "menu.admission_off": "Let newcomers in at once",
    "menu.admit_all": "Admit everyone waiting ({n})",
    "menu.waiting": "Waiting ({n})",
    "menu.waiting_title": "Who is waiting",
    "menu.admit": "Admit",
    "menu.reject": "Turn away",
    "menu.confirm_reject": "Turn {name} away? Trying again will not let them in.",
    "menu.participant": "A participant",
    "menu.mute": "Mute (they can still vote and tag)",
    "menu.unmute": "Unmute",
    "menu.remove_writings": "Remove everything they wrote",
    "menu.remove": "Remove them from the session",
    "menu.confirm_remove_writings": (
        "Remove everything {name} wrote (statements, drafts, conflicts and notes)? "
        "It leaves every screen but stays in the session's log."
    ),
    "menu.confirm_remove": (
        "Remove {name} from the session? Their dots and tags no longer count, "
        "and they cannot come back in."
    ),
    "banner.removed": "The facilitator removed you from the session. Press q to close.",
    "banner.not_admitted": "The facilitator did not let you in. Press q to close.",
    "notice.joined_late": (
        "Joined after the first figures: {name}. Check that they belong in this session."
    ),
    "error.muted": "The facilitator has muted you; you can still vote and tag.",
    "error.removed": "The facilitator removed you from this session.",
    "error.not_admitted": "The facilitator did not let you into the session.",
    # the web page and the projector view (server/web/)
    "web.lang_other": "Dansk",
    "web.lang_switch": "Skift til dansk",
    "web.loading": "Loading…",
    "web.code": "Meeting code",
    "web.code_hint": "e.g. QT4G-V5CP",
    "web.find": "Find the meeting",
    "web.profession_other": "Another profession",
    "web.you_are": "You are {name}, {profession}",
    "web.areas": "Areas",
    "web.give_dot": "Give a dot",
    "web.take_dot": "Take the dot back",
    "web.dots_on": "{n} dots",
    "web.tags_for": "Tag the statement",
    "web.tag_output": "Output",
    "web.tag_effect": "Effect",
    "web.tag_clear": "No tag",
    "web.send": "Send",
    "web.add_note": "Add note",
    "web.sending": "Sending…",
    "web.kept": "Kept: it is sent when the connection is back.",
    "web.replaced": "You have joined from another window or device; this page has stopped.",
    "web.voters": "{voters} of {total} have voted",
    "web.results": "Round {number}: the result",
    "web.scan": "Join: scan the code or open",
    "web.qr_alt": "QR code for {url}",
    "web.projector_name": "Projector",
    "web.col_output": "Output",
    "web.col_effect": "Effect",
    "web.col_open": "Not settled yet",
    "web.no_statements": "No statements yet.",
    "web.dot_on": "1 dot",
    # the phone's own words for the newer kinds (no terminal keys on a touch screen)
    "web.area_actions": "Decisions",
    "web.actions_empty": "No decisions or next steps yet.",
    "web.actions_later": "Everyone can add decisions and next steps in the wrap-up.",
    "web.what": "What",
    "web.who": "Who",
    "web.due": "By when",
    "web.forum": "Taken up in",
    "web.by": "by {date}",
    "web.take_one": "Take one dot back",
    "web.this_draft": "this draft",
    "web.rating_open": "{kind}: round {number} is open. {answered} answered.",
    "web.rating_open_blind": "{kind}: round {number} is open and hidden. {answered} answered.",
    "web.rating_clear": "Clear my answer",
    "web.kind.professions": "Between professions",
    "web.kind.management_staff": "Between management and staff",
    "web.kind.citizens_staff": "Between citizens or relatives and staff",
    "web.kind.citizens_staff.school": "Between pupils or parents and staff",
    "web.kind.citizens_staff.daycare": "Between children or parents and staff",
    "web.kind.citizens_staff.library": "Between library users and staff",
    "web.kind.individual_community": "Between the individual and the community",
    "web.kind.resources": "About resources",
    "web.kind.other": "Other",
    "web.conflict_professions": "Professions involved (may be left out)",
    "web.side_a": "On one hand: {text}",
    "web.side_b": "On the other hand: {text}",
    "web.owner": "Followed up by {owner}",
    "web.taken_up": "taken up in {forum}",
    "web.above": "goes on to the level above",
    "web.instruction.statements": (
        "Write statements about your work and tag them: is it something we do (output), or "
        "something the citizen gets from it (effect)?"
    ),
    "web.instruction.drafts": (
        "Propose the core task in one sentence: what lasting value do we create for the "
        "citizen or society, together with the other professions?"
    ),
    "web.instruction.statements.school": (
        "Write statements about your work and tag them: is it something we do (output), or "
        "something the pupils get from it (effect)?"
    ),
    "web.instruction.statements.daycare": (
        "Write statements about your work and tag them: is it something we do (output), or "
        "something the children get from it (effect)?"
    ),
    "web.instruction.drafts.school": (
        "Propose the core task in one sentence: what lasting value do we create for the "
        "pupils or society, together with the other professions?"
    ),
    "web.instruction.drafts.daycare": (
        "Propose the core task in one sentence: what lasting value do we create for the "
        "children or society, together with the other professions?"
    ),
    "web.core.empty": "No drafts yet. Propose a wording of the core task.",
    "web.statements.empty": "No statements yet. Write one about your work.",
    "web.instruction.voting": (
        "Give your dots to the drafts you can best stand behind. Ask too: can every "
        "profession see its own part in the draft?"
    ),
    "web.instruction.conflicts": (
        "Put into words what you disagree on, and who sees what. A conflict or dilemma "
        "written down is a result."
    ),
    # formulation coach
    "coach.title": "Formulation check",
    "draft.blocks_effect": "Agreed as effect (building blocks):",
    "draft.blocks_output": "Agreed as output (what we deliver):",
    "coach.output": "Output words: {words}. What does the citizen gain from it?",
    "coach.number": "Counted services: {words}. Services can be counted; what is the value?",
    "coach.no_beneficiary": "Who is it for? No citizen, child, pupil or society is named.",
    "coach.sentences": "More than one sentence: can it be said in one?",
    "coach.too_long": "Over {max} words: can it be said shorter?",
    "coach.no_parent": "Can the core task on the level above be recognised in it?",
    "coach.fine": "Nothing to remark.",
    "coach.added": "Words added to the check: {words}",
    "menu.coach": "Formulation check",
    "menu.coach_output": "Add output words (separated by commas)",
    "menu.coach_beneficiary": "Add words for whom it is for (separated by commas)",
    # choosing the core task
    "core.chosen": "✓ chosen {date}",
    "core.date": "{year}-{month}-{day}",
    "core.today": "today",
    "core.coach": "✎ {hints}",
    "coach.short.output": "output words ({words})",
    "coach.short.number": "counts services",
    "coach.short.no_beneficiary": "for whom?",
    "coach.short.sentences": "several sentences",
    "coach.short.too_long": "long",
    "coach.short.no_parent": "level above?",
    "choose.title": "Choose {id} as the core task?",
    "choose.replaces": "It replaces {previous}, chosen {date}.",
    "choose.reason": "Why this draft? Give a short reason.",
    "choose.reason_hint": "e.g. 'The only one every profession can live with'",
    "choose.confirm": "Choose it",
    "support.never_voted": "It has not been voted on.",
    "support.dots": "Round {number}: {dots} of {total} dots.",
    "support.best": "It has the most dots.",
    "support.not_best": "Another draft got more dots ({most}).",
    "support.by_group": "Dots per profession: {groups}.",
    "support.none_from": "No dots from: {groups}.",
    "support.withheld": "Too few per profession to show the split.",
    "support.other": "other professions",
    "support.no_acceptance": "Nobody has been asked whether they can live with it.",
    "support.accept_round": "Acceptance (round {number}): {supports} of {n} support it.",
    "support.accept_all": "Every profession can live with it.",
    "support.accept_cannot": "Cannot live with it: {groups}.",
    "support.accept_group": "{group} ({cannot} of {n})",
    "support.accept_all_hidden": "All {n} who answered can live with it.",
    "support.accept_some_cannot": "{cannot} of {n} cannot live with it.",
    "support.criteria_round": "Criteria (round {number}):",
    "support.criterion": "{criterion}: {answers}",
    "support.criterion_no": "Most of {groups} say no.",
    "support.criteria_sum": "Criteria: {answers}",
    "criterion.value": "Value for citizens or society, not services",
    "criterion.long_term": "Long-term",
    "criterion.shared": "No profession can achieve it alone",
    "criterion.connects": "Connects to the core task above",
    "criterion.short": "Short, one sentence",
    "criterion.everyday": "Recognisable in everyday work",
    "judgement.yes": "yes",
    "judgement.partly": "partly",
    "judgement.no": "no",
    "acceptance.full": "Full support",
    "acceptance.support": "Support, with minor reservations",
    "acceptance.reservations": "Can live with it, with reservations",
    "acceptance.doubts": "Serious doubts, but will not block it",
    "acceptance.cannot": "Cannot live with it",
    # acceptance and criteria rounds
    "rating.acceptance": "Acceptance",
    "rating.criteria": "Criteria",
    "rating.open": "{kind}: round {number} is open. {answered} answered. Press a to answer.",
    "rating.open_blind": (
        "{kind}: round {number} is open and hidden. {answered} answered. Press a to answer."
    ),
    "rating.closed": "{kind}: round {number} is closed. {answered} answered.",
    "rating.question_acceptance": "Can you see your profession's part in {id}, and live with it?",
    "rating.question_criteria": "{id}: {criterion}?",
    "rating.answered": "your answer: {answer}",
    "rating.nothing": "No acceptance or criteria round is open.",
    "key.rate": "Answer",
    "menu.rating": "Acceptance and criteria",
    "menu.rating_acceptance": "Ask for acceptance (can everyone live with it?)",
    "menu.rating_criteria": "Rate drafts against the criteria",
    "menu.rating_drafts": "Which drafts? (ids separated by commas; empty: all)",
    "menu.rating_blind": "Hidden (answers shown only when the round closes)",
    "menu.rating_close": "Close the round and show the answers",
    # the method on screen: refusals by code, plurals (one/other)
    "error.hello_required": "The client must join the session first. Start kerne again.",
    "error.invalid": "That could not be understood: something is missing or malformed.",
    "error.unknown_type": "The server does not know that action. It may be an older kerne.",
    "error.too_long": "The text is too long. Shorten it and try again.",
    "error.not_found": "That does not exist in this session (any more).",
    "error.forbidden": "You may not do that in this session.",
    "error.invalid_state": "That cannot be done right now, as the session stands.",
    "error.no_open_round": "No voting round is open. Wait for the facilitator to open one.",
    "error.vote_limit": (
        "You cannot give more dots here: one dot per draft, and no more than the round allows."
    ),
    "error.cast_vote.invalid_state": "The draft is withdrawn or removed, so it takes no dots.",
    "error.retract_vote.invalid_state": "You have no dot on that draft in this round.",
    "error.revise_draft.invalid_state": (
        "The draft cannot be changed: it is withdrawn or removed, or a blind round is on."
    ),
    "error.withdraw_draft.invalid_state": (
        "The draft cannot be withdrawn: it is gone already, or a blind round is on."
    ),
    "error.propose_draft.invalid_state": (
        "The session holds no more drafts. The facilitator may remove some."
    ),
    "error.add_statement.invalid_state": (
        "The session holds no more statements. The facilitator may remove some."
    ),
    "error.record_conflict.invalid_state": (
        "The session holds no more conflicts. The facilitator may remove some."
    ),
    "error.tag_statement.invalid_state": "The statement was removed, so it cannot be tagged.",
    "error.update_conflict.invalid_state": (
        "The conflict was removed, or it has as many notes as it can take."
    ),
    "error.open_round.invalid_state": "A round is open already. Close it first.",
    "error.stop_timer.invalid_state": "No timer is running.",
    "error.finalize_draft.invalid_state": "That draft is chosen already.",
    "error.remove_item.invalid_state": "That is removed already.",
    "error.reveal_split.invalid_state": (
        "The split cannot be shown: it is shown already, or the tags are hidden."
    ),
    "error.close_session.invalid_state": (
        "Close the open round, and show the tags if they are hidden, before you close the session."
    ),
    "error.classify_statement.invalid_state": "The statement was removed.",
    "core.votes.one": "{n} dot",
    "core.votes.other": "{n} dots",
    "count.dots.one": "{n} dot",
    "count.dots.other": "{n} dots",
    "count.tags.one": "{n} tag",
    "count.tags.other": "{n} tags",
    "count.voted": "{voters} of {eligible} have voted",
    # dialogs: the button says what Enter does
    "action.close_round": "Close the round",
    "action.close_session": "End the session",
    "action.withdraw": "Withdraw",
    "action.propose": "Propose the draft",
    "action.revise": "Save the change",
    "action.add_statement": "Add the statement",
    "action.note": "Add the note",
    "action.remove": "Remove",
    "action.record_conflict": "Record the conflict",
    "action.reopen": "Reopen for follow-up",
    "action.reject": "Turn away",
    "action.remove_writings": "Remove what they wrote",
    "action.remove_participant": "Remove them",
    "menu.confirm_round": (
        "Close the round and show everyone the result? Nobody can give dots afterwards."
    ),
    # moments nobody may miss (a notice and the bell on every screen)
    "moment.round_open": (
        "Round {number} is open, and you have {dots}. Go to a draft under Core task (key 1) "
        "and give a dot with space."
    ),
    "moment.round_open_blind": (
        "Round {number} is open and blind, and you have {dots}. Go to a draft under Core task"
        " (key 1) and give a dot with space. Nobody sees the result before the round closes."
    ),
    "moment.round_open_watch": (
        "Round {number} is open. You give no dots yourself, but can follow it under Core task"
        " (key 1)."
    ),
    "moment.round_closed": (
        "Round {number} is closed, and {voters} voted. The result is on the screen."
    ),
    "moment.timer_out": "Time is up. Finish what you are doing and look up.",
    "moment.timer_out_label": "Time is up: {label}. Finish what you are doing and look up.",
    # phase instructions (defaults from the method; the facilitator may rewrite them)
    "instruction.checkin": (
        "Tell briefly about a time you made a difference for a citizen. What got better for them?"
    ),
    "instruction.statements": (
        "Write statements about your work (n) and tag them: is it something we do (o: "
        "output), or something the citizen gets from it (e: effect)?"
    ),
    "instruction.drafts": (
        "Propose the core task in one sentence (n): what lasting value do we create for the "
        "citizen or society, together with the other professions?"
    ),
    # The same three in the words of a sector whose people are not "citizens".
    "instruction.checkin.school": (
        "Tell briefly about a time you made a difference for a pupil. What got better for them?"
    ),
    "instruction.checkin.daycare": (
        "Tell briefly about a time you made a difference for a child. What got better for them?"
    ),
    "instruction.checkin.library": (
        "Tell briefly about a time you made a difference for a library user. What got better "
        "for them?"
    ),
    "instruction.statements.school": (
        "Write statements about your work (n) and tag them: is it something we do (o: "
        "output), or something the pupils get from it (e: effect)?"
    ),
    "instruction.statements.daycare": (
        "Write statements about your work (n) and tag them: is it something we do (o: "
        "output), or something the children get from it (e: effect)?"
    ),
    "instruction.drafts.school": (
        "Propose the core task in one sentence (n): what lasting value do we create for the "
        "pupils or society, together with the other professions?"
    ),
    "instruction.drafts.daycare": (
        "Propose the core task in one sentence (n): what lasting value do we create for the "
        "children or society, together with the other professions?"
    ),
    "instruction.voting": (
        "Give your dots to the drafts you can best stand behind (space). Ask too: can every "
        "profession see its own part in the draft?"
    ),
    "instruction.conflicts": (
        "Put into words what you disagree on, and who sees what (c). A conflict or dilemma "
        "written down is a result."
    ),
    "instruction.wrapup": (
        "What did we choose, what do we do now, who does it, and when do we come back to it?"
    ),
    "menu.instruction": "Change the phase's instruction",
    "dialog.instruction": "Instruction for the phase {phase} (shown at the top for everyone)",
    "dialog.instruction_hint": "Empty: the default text comes back",
    "action.instruction": "Show to everyone",
    "key.instruction": "Instruction",
    "moment.phase_instruction": "New phase: {phase}. {instruction}",
    "moment.instruction": "New instruction from the facilitator: {instruction}",
    "moment.tags_hidden": (
        "Tags are hidden now: tag as you yourself see it. The counts show when the "
        "facilitator shows them."
    ),
    "moment.tags_shown": "The facilitator has shown the tags: now you can see how you tagged.",
    # sectors: what ydelse and effekt mean, with a pair from the session's own kind of work
    "define.output": (
        "Output: what we do or deliver: visits, lessons, meetings, opening hours. It can be "
        "counted, but says nothing of whether the citizen gained from it."
    ),
    "define.effect": (
        "Effect: what the citizen or society gains from it in the longer run: what the "
        "citizen can do, becomes or keeps."
    ),
    "define.output.school": (
        "Output: what we do or deliver: lessons, courses, talks, homework café. It can be "
        "counted, but says nothing of whether the pupil gained from it."
    ),
    "define.effect.school": (
        "Effect: what the pupil or society gains in the longer run: what the pupil can "
        "do, becomes or dares."
    ),
    "define.output.daycare": (
        "Output: what we do or deliver: opening hours, activities, talks with parents. It "
        "can be counted, but says nothing of whether the child gained from it."
    ),
    "define.effect.daycare": (
        "Effect: what the child or society gains in the longer run: what the child can "
        "do, becomes or dares."
    ),
    "define.output.library": (
        "Output: what we do or deliver: opening hours, loans, events. It can be counted, "
        "but says nothing of whether the user gained from it."
    ),
    "define.effect.library": (
        "Effect: what the user or the local community gains in the longer run: what the "
        "user can do, becomes or takes part in."
    ),
    "define.example": "For example, output: “{output}”. Effect: “{effect}”.",
    "key.definitions": "Output/effect?",
    "sector.general.output": "We hold a meeting with each citizen every quarter",
    "sector.general.effect": "The citizen manages more on their own and is better off",
    "sector.care.output": "Mrs Jensen gets help with a bath twice a week",
    "sector.care.effect": "Mrs Jensen can bathe on her own again and decides over her day",
    "sector.school.output": "The class has 10 Danish lessons a week",
    "sector.school.effect": "The pupils can read and understand a text they chose themselves",
    "sector.daycare.output": "The kindergarten is open from 6.30 to 17",
    "sector.daycare.effect": "The children play safely together and dare to say yes and no",
    "sector.jobcentre.output": (
        "We hold an interview with each unemployed person every three months"
    ),
    "sector.jobcentre.effect": "More unemployed people get a job or an education that lasts",
    "sector.library.output": "The library is open 60 hours a week",
    "sector.library.effect": "People meet over books and culture where they live",
    "sector.technical.output": "We handle a building application in six weeks",
    "sector.technical.effect": "People live safely in a town with clean water and safe roads",
    "keyname.space": "space",
    "keyname.delete": "delete",
    "keyname.escape": "Escape",
    # help: the method in a few screens, then the keys
    "help.method_title": "The method",
    "help.shifts_title": "Three shifts",
    "help.shifts": (
        "The core task is the value we create for the citizen and for society in the longer "
        "run. Three shifts go with it:\n"
        "\n"
        "1. From output to effect: we judge the work by what the citizen gets from it, not "
        "only by what we deliver.\n"
        "\n"
        "2. A new relation to the citizen: value is best created with the citizen and their "
        "relatives, not for them.\n"
        "\n"
        "3. Softer boundaries between professions: few tasks are solved by one profession "
        "alone, and no profession decides what good quality is for the others."
    ),
    "help.levels_title": "Levels",
    "help.levels": (
        "Core tasks exist on several levels: municipality, administration/centre, institution"
        " and unit. Your core task must connect to the core task on the level above; it is "
        "shown at the top under Core task (key 1) when the facilitator has written it.\n"
        "\n"
        "The wording is a means to the conversation, not its goal. It is chosen on a date, "
        "and you come back to it."
    ),
    "help.conflicts_title": "Conflicts and dilemmas",
    "help.conflicts_text": (
        "When you get concrete, disagreements show: professions hold different norms of "
        "quality, and citizens and relatives may want something other than what you find "
        "wise.\n"
        "\n"
        "That is not a failure. Write conflicts and dilemmas down (key c), and who sees what."
        " They are a result of the meeting that you work on afterwards."
    ),
    "help.page": "Page {page} of {pages}. → and ← turn the page, Escape closes.",
    # the server's start-up text, and the terminal's own prompts
    "startup.session": "kerne session ",
    "startup.code": "  join code:        ",
    "startup.key": "  facilitator key:  ",
    "startup.key_hidden": (
        "  facilitator key:  shown only when made (only its hash is kept); lost it? kerne-"
        "server key {code}"
    ),
    "startup.participants_announced": "  participants type:",
    "startup.or_network": "  or, if that does not find the session, the line for their network:",
    "startup.participants_network": "  participants type the line for their network:",
    "startup.no_address": (
        "  no network address found: join this laptop to the room's network, then start the "
        "server again"
    ),
    "startup.you": "  you, the facilitator, type:",
    "startup.you_key": "  you, the facilitator, type (your key in place of KEY):",
    "startup.others.one": "Also serving {n} other open session (kerne-server sessions lists them).",
    "startup.others.other": (
        "Also serving {n} other open sessions (kerne-server sessions lists them)."
    ),
    "startup.shard": "Process {n} of {count} (port {port}, database file {file}):",
    "startup.shards": (
        "The server runs in {count} processes, one per core; each session belongs to one."
    ),
    "startup.stop": (
        "Ctrl+C stops the server; the sessions are kept, and starting it again serves them."
    ),
    "startup.loopback": "on this machine only ({interface}):",
    "startup.interface": "on {interface}:",
    "startup.web": "    or in a phone's browser: {url}",
    "startup.projector": "  for the projector, open in a browser: {url}",
    "quit.prompt": "Press {shortcut} to quit kerne.",
    "quit.title": "Do you want to quit?",
    # follow-through in the terminal: dilemmas, decisions, texts for the minutes (issue 17)
    "key.edit_conflict": "Edit the conflict (title, text, kind, sides)",
    "key.follow_conflict": "Follow-up: owner, forum, date, level above",
    "key.follow_action": "Follow up a decision or next step",
    "actions.hint": "o: follow up",
    "conflicts.kind.professions": "Between professions",
    "conflicts.kind.management_staff": "Between management and staff",
    "conflicts.kind.citizens_staff": "Between citizens/relatives and staff",
    "conflicts.kind.citizens_staff.school": "Between pupils/parents and staff",
    "conflicts.kind.citizens_staff.daycare": "Between children/parents and staff",
    "conflicts.kind.citizens_staff.library": "Between library users and staff",
    "conflicts.kind.individual_community": "Between the individual and the community",
    "conflicts.kind.resources": "About resources",
    "conflicts.kind.other": "Another dilemma",
    "conflicts.side_a": "On one hand: {text}",
    "conflicts.side_b": "On the other hand: {text}",
    "conflicts.due": "by {date}",
    "conflicts.above": "to the level above",
    "dialog.conflict_edit": "Edit the conflict (the earlier wording is kept)",
    "dialog.conflict_kind": "What kind",
    "dialog.form_description": "What it is about",
    "dialog.form_professions": "Professions (commas)",
    "dialog.side_a": "On one hand",
    "dialog.side_b": "On the other hand",
    "dialog.follow": "Follow-up of '{title}'",
    "dialog.owner": "Owner",
    "dialog.who": "Who",
    "dialog.what": "What",
    "dialog.forum": "Taken up in",
    "dialog.no_forum": "(no forum chosen)",
    "dialog.due": "By (date)",
    "dialog.date_hint": "e.g. 30.11.2026",
    "dialog.above": "Goes on to the level above",
    "dialog.bad_date": "'{typed}' is not a date that exists. Write e.g. 30.11.2026.",
    "dialog.status_field": "Status",
    "dialog.note_field": "Note",
    "dialog.endorse": "Management's endorsement of the minutes",
    "dialog.endorser": "Endorsed by",
    "dialog.endorser_hint": "name and title, e.g. Lone Berg, head of centre",
    "dialog.endorsed_on": "Date",
    "dialog.everyday_hint": "e.g. We begin every shift with the resident's own wishes",
    "dialog.everyday_hint.school": (
        "e.g. We start each day asking the pupils what they want to learn"
    ),
    "dialog.everyday_hint.daycare": "e.g. We welcome each child by name in the morning",
    "dialog.everyday_hint.jobcentre": "e.g. We ask the job seeker what a good job is for her",
    "dialog.everyday_hint.library": "e.g. We ask the users what they miss in the library",
    "dialog.contribution_hint": "e.g. Our experience goes on to the centre's management group",
    "action.save": "Save",
    "action.add_action": "Add",
    "action.endorse": "Endorse",
    "actions.dropped": "{n} dropped and taken off the list",
    "menu.follow_action": "Follow up a decision or next step",
    "menu.everyday": "What it means in everyday work",
    "menu.contribution": "How we contribute to the level above",
    "menu.endorse": "Management's endorsement",
}
