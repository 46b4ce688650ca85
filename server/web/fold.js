// The client's copy of a session, folded from public events exactly as the terminal
// client does: a line-by-line mirror of server/fold.py (fold, note_ack, personalize) and
// kerne_tui/state.py (welcomed, folded, acked), docs/protocol.md section 9. Pure: every
// function returns new objects and touches neither the page nor the network.

const upsert = (items, item) => {
  const at = items.findIndex((x) => x.id === item.id);
  if (at < 0) return [...items, item];
  return [...items.slice(0, at), item, ...items.slice(at + 1)];
};

const ownDraft = (draft, mine, me) =>
  draft.author === null && mine.my_items.includes(draft.id) ? { ...draft, author: me } : draft;

const ownStatement = (statement, mine, me) => {
  const tag = Object.hasOwn(mine.my_tags, statement.id) ? mine.my_tags[statement.id] : null;
  let author = statement.author;
  if (author === null && mine.my_items.includes(statement.id)) author = me;
  return { ...statement, my_tag: tag, author };
};

const withRound = (snap, round) =>
  round === null || round === undefined ? snap : { ...snap, rounds: upsert(snap.rounds, round) };

// Flags the wire sends only when true (session.admit, participant.removed/muted): absent
// when false, so the copy is byte for byte what a fresh welcome holds.
function flag(object, name, on) {
  const copy = { ...object };
  if (on) copy[name] = true;
  else delete copy[name];
  return copy;
}

const withParticipant = (snap, id, name, on) => ({
  ...snap,
  participants: snap.participants.map((x) => (x.id === id ? flag(x, name, on) : x)),
});

const released = (mine, draftId) =>
  mine.my_votes.includes(draftId)
    ? { ...mine, my_votes: mine.my_votes.filter((v) => v !== draftId) }
    : mine;

// A removed conflict or dilemma keeps only who it concerns, its refs, status and origin.
const blankConflict = (x) => ({
  id: x.id, title: null, description: null, professions: x.professions, refs: x.refs,
  status: x.status, notes: [], removed: true, suggestion: x.suggestion ?? null, kind: null,
  side_a: "", side_b: "", owner: "", forum: null, due: null, above: false, edits: 0,
});

// Lists and maps the snapshot leaves out while empty (actions, choices, ratings,
// coach_words, session.instructions): set only when they hold something.
function kept(object, name, value) {
  const copy = { ...object };
  const empty = Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
  if (empty) delete copy[name];
  else copy[name] = value;
  return copy;
}

function removal(snap, mine, kind, id) {
  if (kind === "draft") {
    const drafts = snap.drafts.map((x) =>
      x.id === id ? { ...x, removed: true, text: null, final: false } : x,
    );
    return [{ ...snap, drafts }, released(mine, id)];
  }
  if (kind === "statement") {
    const statements = snap.statements.map((x) =>
      x.id === id ? { ...x, removed: true, text: null } : x,
    );
    return [{ ...snap, statements }, mine];
  }
  const conflicts = snap.conflicts.map((x) => (x.id === id ? blankConflict(x) : x));
  return [{ ...snap, conflicts }, mine];
}

/** One public event onto a snapshot and own fields; a kind not known changes nothing. */
export function fold(snap, event, mine, me) {
  const d = event.data;
  switch (event.kind) {
    case "participant_joined":
      snap = { ...snap, participants: upsert(snap.participants, d.participant) };
      break;
    case "draft_proposed":
      snap = { ...snap, drafts: upsert(snap.drafts, ownDraft(d.draft, mine, me)) };
      break;
    case "draft_revised":
    case "draft_withdrawn":
      snap = withRound({ ...snap, drafts: upsert(snap.drafts, ownDraft(d.draft, mine, me)) }, d.round);
      mine = released(mine, d.draft.id);
      break;
    case "draft_finalized": {
      let drafts = upsert(snap.drafts, ownDraft(d.draft, mine, me));
      const previous = d.previous ?? null;
      if (previous !== null) drafts = upsert(drafts, ownDraft(previous, mine, me));
      const choice = { draft_id: d.draft.id, at: event.at };
      if (previous !== null) choice.previous = previous.id;
      if ((d.reason ?? null) !== null) choice.reason = d.reason;
      snap = { ...snap, drafts, choices: [...(snap.choices ?? []), choice] };
      break;
    }
    case "vote_cast":
    case "vote_retracted":
      snap = withRound(snap, d.round);
      break;
    case "round_opened":
    case "round_closed":
      snap = withRound(snap, d.round);
      mine = { ...mine, my_votes: [] };
      break;
    case "statement_added":
    case "statement_tagged":
    case "statement_classified":
    case "split_revealed":
      snap = { ...snap, statements: upsert(snap.statements, ownStatement(d.statement, mine, me)) };
      break;
    case "conflict_recorded":
    case "conflict_updated":
      snap = { ...snap, conflicts: upsert(snap.conflicts, d.conflict) };
      break;
    case "phase_changed":
      snap = { ...snap, session: { ...snap.session, phase: d.phase } };
      break;
    case "timer_started":
      snap = { ...snap, timer: d.timer };
      break;
    case "timer_stopped":
      snap = { ...snap, timer: null };
      break;
    case "item_removed":
      [snap, mine] = removal(snap, mine, d.kind, d.id);
      snap = withRound(snap, d.round);
      break;
    case "session_closed":
      snap = { ...snap, session: { ...snap.session, closed: true } };
      break;
    case "admission_changed":
      snap = { ...snap, session: flag(snap.session, "admit", d.admit) };
      break;
    case "participant_removed": {
      snap = withParticipant(snap, d.participant_id, "removed", true);
      let statements = snap.statements.map((x) =>
        Object.hasOwn(d.tallies, x.id) ? { ...x, tally: { ...d.tallies[x.id] } } : x,
      );
      if (d.participant_id === me) {
        mine = { ...mine, my_votes: [], my_tags: {} };
        statements = statements.map((x) => ({ ...x, my_tag: null }));
      }
      snap = withRound({ ...snap, statements }, d.round);
      break;
    }
    case "participant_muted":
      snap = withParticipant(snap, d.participant_id, "muted", d.muted);
      break;
    case "writings_removed":
      for (const id of d.drafts) [snap, mine] = removal(snap, mine, "draft", id);
      for (const id of d.statements) [snap, mine] = removal(snap, mine, "statement", id);
      for (const id of d.conflicts) [snap, mine] = removal(snap, mine, "conflict", id);
      for (const conflict of d.conflicts_noted) snap = { ...snap, conflicts: upsert(snap.conflicts, conflict) };
      snap = withRound(snap, d.round);
      break;
    case "action_added":
    case "action_updated":
      snap = { ...snap, actions: upsert(snap.actions ?? [], d.action) };
      break;
    case "dilemma_recorded":
    case "dilemma_edited":
    case "conflict_followed":
      snap = { ...snap, conflicts: upsert(snap.conflicts, d.conflict) };
      break;
    case "summary_set":
    case "endorsed":
    case "session_reopened":
      snap = { ...snap, follow: d.follow };
      break;
    case "series_carried":
      snap = {
        ...snap,
        follow: d.follow,
        drafts: [...snap.drafts, ...d.drafts],
        statements: [...snap.statements, ...d.statements],
        conflicts: [...snap.conflicts, ...d.conflicts],
      };
      snap = kept(snap, "actions", [...(snap.actions ?? []), ...d.actions]);
      break;
    case "parent_task_changed":
      snap = { ...snap, session: { ...snap.session, parent_task: d.parent_task } };
      break;
    case "rating_opened":
    case "rating_closed": {
      snap = { ...snap, ratings: upsert(snap.ratings ?? [], d.rating) };
      // Own answers belong to the open round only (as my_votes do).
      const { my_answers: _gone, ...rest } = mine;
      mine = d.rating.open ? { ...rest, my_answers: {} } : rest;
      break;
    }
    case "rating_answered":
      snap = { ...snap, ratings: upsert(snap.ratings ?? [], d.rating) };
      break;
    case "round_split_revealed":
      snap = withRound(snap, d.round);
      break;
    case "tagging_set": {
      const statements = snap.statements.map((x) =>
        Object.hasOwn(d.tallies, x.id) ? { ...x, tally: { ...d.tallies[x.id] } } : x,
      );
      snap = { ...snap, session: flag(snap.session, "blind_tagging", d.blind), statements };
      break;
    }
    case "statement_tagged_blind":
      break; // says only that someone tagged: one's own tag comes with the ack
    case "minutes_tables_set":
      snap = { ...snap, session: { ...snap.session, settings: { ...snap.session.settings, minutes_tables: d.include } } };
      break;
    case "coach_words_added": {
      const known = { ...(snap.coach_words ?? {}) };
      known[d.kind] = [...(known[d.kind] ?? []), ...d.words];
      snap = { ...snap, coach_words: known };
      break;
    }
    case "instruction_set": {
      const instructions = { ...(snap.session.instructions ?? {}) };
      delete instructions[d.phase];
      if (d.text) instructions[d.phase] = d.text;
      snap = { ...snap, session: kept(snap.session, "instructions", instructions) };
      break;
    }
    default:
      break;
  }
  return [{ ...snap, my_votes: [...mine.my_votes] }, mine];
}

/** Own fields after an ack of one of our commands (only for an ack newer than our seq).
 * `perDraft` is the open round's dots per draft: an acked dot beyond it is counted already. */
export function noteAck(mine, command, itemId, perDraft = 1) {
  switch (command.type) {
    case "propose_draft":
    case "add_statement":
    case "record_conflict":
    case "record_dilemma":
      if (itemId !== null && !mine.my_items.includes(itemId)) {
        return { ...mine, my_items: [...mine.my_items, itemId] };
      }
      return mine;
    case "cast_vote":
      if (mine.my_votes.filter((v) => v === command.draft_id).length < perDraft) {
        return { ...mine, my_votes: [...mine.my_votes, command.draft_id] };
      }
      return mine;
    case "retract_vote": {
      // One dot back, the first on it: the order stays the server's (fold.py `_less_one`).
      const at = mine.my_votes.indexOf(command.draft_id);
      if (at < 0) return { ...mine, my_votes: [...mine.my_votes] };
      return { ...mine, my_votes: [...mine.my_votes.slice(0, at), ...mine.my_votes.slice(at + 1)] };
    }
    case "rate": {
      const given = { ...(mine.my_answers ?? {}) };
      const key = `${command.draft_id}/${command.question}`;
      if (command.answer === null) delete given[key];
      else given[key] = command.answer;
      return { ...mine, my_answers: given };
    }
    case "tag_statement": {
      const tags = { ...mine.my_tags };
      if (command.tag === null) delete tags[command.statement_id];
      else tags[command.statement_id] = command.tag;
      return { ...mine, my_tags: tags };
    }
    default:
      return mine;
  }
}

export function personalize(snap, mine, me) {
  return {
    ...snap,
    my_votes: [...mine.my_votes],
    drafts: snap.drafts.map((x) => ownDraft(x, mine, me)),
    statements: snap.statements.map((x) => ownStatement(x, mine, me)),
  };
}

// The view: what one client knows (kerne_tui/state.py's View, as a plain object).

function settled(view) {
  if (view.settle === null || view.seq < view.settle[0]) return view;
  const mine = view.settle[1];
  return { ...view, mine, snap: personalize(view.snap, mine, view.me.id), settle: null };
}

/** The view after a welcome: a fresh snapshot, or (on a resume) the old one kept. */
export function welcomed(current, welcome) {
  if (welcome.state !== null) {
    return { me: welcome.participant, snap: welcome.state, mine: welcome.mine, seq: welcome.seq, settle: null };
  }
  return settled({ ...current, me: welcome.participant, settle: [welcome.seq, welcome.mine] });
}

/** The view after one event; one already folded (seq not newer) is ignored. */
export function folded(view, event) {
  if (event.seq <= view.seq) return view;
  const [snap, mine] = fold(view.snap, event, view.mine, view.me.id);
  return settled({ ...view, snap, mine, seq: event.seq });
}

/** The view after an ack: our own fields change now, unless the event is already folded. */
export function acked(view, command, ack) {
  if (ack.seq <= view.seq) return view;
  const mine = noteAck(view.mine, command, ack.item_id, openRound(view.snap)?.per_draft ?? 1);
  if (mine === view.mine) return view;
  return { ...view, mine, snap: personalize(view.snap, mine, view.me.id) };
}

export const openRound = (snap) => {
  const last = snap.rounds[snap.rounds.length - 1];
  return last && last.open ? last : null;
};
export const lastRound = (snap) => snap.rounds[snap.rounds.length - 1] ?? null;

/** People disagree when at least 3 tagged and the smaller side has a third or more
 * (server/views.py `disputed`: one rule for every screen and the minutes). */
export function disputed(statement) {
  const output = statement.tally.output ?? 0;
  const effect = statement.tally.effect ?? 0;
  const total = output + effect;
  return total >= 3 && Math.min(output, effect) * 3 >= total;
}
