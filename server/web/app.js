// The phone page: join with a name and a profession, then the current phase's area.
// Every piece of user text reaches the page through textContent (Element.append of a
// string makes a text node), never as HTML.

import { actionCommand, renderActions, shownDate } from "./actions.js";
import { $, el } from "./dom.js";
import { disputed, lastRound, openRound } from "./fold.js";
import { Link, normalCode, shownCode } from "./link.js";
import { questions, ratingLine, results } from "./rating.js";
import { dots, inSector, instructionText, known, loadWords, switchLanguage, t, timerText, translate, worded } from "./words.js";

const AREAS = ["drafts", "statements", "conflicts", "actions"];
const PHASE_AREA = { checkin: "drafts", statements: "statements", drafts: "drafts",
  voting: "drafts", conflicts: "conflicts", wrapup: "actions" };
// A conflict's kinds, in the terminal's order (server/protocol.py ConflictKind).
const KINDS = ["professions", "management_staff", "citizens_staff", "individual_community", "resources", "other"];

let link = null;
let info = null;
let chosen = null; // the area picked by hand; null follows the phase
let phase = null;
let noteFor = null; // the conflict the note form writes to
let closed = false;
let reopened = null; // null until the first view: a page opened after it says no news

function say(text) {
  $("message").textContent = text;
}

// ---- typed text is kept in the browser until the server has it -------------------------

function keepTyping() {
  for (const field of document.querySelectorAll("[data-keep]")) {
    const kept = link.saved.get(`text.${field.dataset.keep}`);
    if (kept !== null && field.value === "") field.value = kept;
    field.addEventListener("input", () => link.saved.set(`text.${field.dataset.keep}`, field.value || null));
  }
}

function clearField(field) {
  field.value = "";
  link.saved.set(`text.${field.dataset.keep}`, null);
}

/** A command carrying text from some fields: the fields empty now, and refill if refused. */
function sendText(command, fields) {
  const kept = Object.fromEntries(fields.map((f) => [f.id, f.value]));
  link.command(command, { fields: kept });
  for (const field of fields) clearField(field);
  if (link.state !== "online") say(t("web.kept"));
}

function refused(error, entry) {
  for (const [id, text] of Object.entries(entry.fields ?? {})) {
    const field = $(id);
    if (field !== null && field.value === "") {
      field.value = text;
      link.saved.set(`text.${field.dataset.keep}`, text);
    }
  }
  say(errorText(error));
}

// ---- rendering ---------------------------------------------------------------------------

function render() {
  const focused = document.activeElement?.dataset?.focus ?? null;
  renderHeader();
  const view = link.view;
  const stop = { replaced: "web.replaced", 4003: "error.removed", 4004: "error.not_admitted" };
  const why = link.state === "replaced" ? "replaced" : link.stopped;
  $("banner").hidden = why === null;
  $("banner").textContent = why === null ? "" : t(stop[why]);
  $("waiting").hidden = view !== null || !link.waiting;
  $("join").hidden = view !== null || link.waiting || (info === null && link.failure === null);
  $("session").hidden = view === null;
  $("loading").hidden = view !== null || !$("join").hidden || link.waiting; // until the welcome
  if (view === null) renderJoin();
  else renderSession(view);
  if (focused !== null) document.querySelector(`[data-focus="${CSS.escape(focused)}"]`)?.focus();
}

function renderHeader() {
  const snap = link.view?.snap ?? null;
  const title = snap?.session.title ?? info?.title ?? "kerne";
  $("title").textContent = title;
  document.title = `${title} · kerne`;
  const follow = snap?.follow?.reopened ? ` · ${t("header.reopened")}` : "";
  $("phase").textContent = snap
    ? `${t("header.phase")}: ${t(`phase.${snap.session.phase}`)}${follow}` : "";
  $("instruction").textContent = snap ? instructionText(snap.session, true) : "";
  $("instruction").hidden = snap === null;
  $("timer").textContent = snap ? timerText(snap.timer) : "";
  const state = link.state === "replaced" ? "stopped" : link.state;
  $("link").textContent = t(`link.${state}`);
}

function renderJoin() {
  if (info !== null) {
    $("join-session").textContent = t("join.session", { title: info.title });
    $("join-task").textContent = info.parent_task ? t("core.parent", { task: info.parent_task }) : "";
    const list = $("profession-list");
    if (list.dataset.for !== info.code) {
      list.dataset.for = info.code;
      list.replaceChildren(
        ...info.professions.map((name, i) =>
          el("label", { class: "choice", for: `prof-${i}` },
            el("input", { type: "radio", name: "profession", id: `prof-${i}`, value: name }), name),
        ),
      );
    }
  }
  const failure = link.failure;
  $("join-error").textContent = failure === null ? "" : errorText(failure);
  $("join-submit").disabled = link.pendingJoin !== null && failure === null;
}

function errorText(error) {
  const known = ["unknown_session", "session_closed", "bad_resume_token", "unsupported_protocol",
    "rate_limited", "muted", "removed", "not_admitted"];
  if (known.includes(error.code)) return t(`error.${error.code}`, { code: shownCode(link.code) });
  return t("notice.refused", { message: error.message });
}

function renderSession(view) {
  const snap = view.snap;
  if (snap.session.phase !== phase) {
    if (phase !== null) say(t("notice.phase", { phase: t(`phase.${snap.session.phase}`) }));
    phase = snap.session.phase;
    chosen = null;
  }
  if (snap.session.closed && !closed) say(t("notice.closed"));
  closed = snap.session.closed;
  const open = snap.follow?.reopened ?? false;
  if (open && reopened === false) say(t("notice.reopened"));
  reopened = open;
  const area = chosen ?? PHASE_AREA[phase] ?? "drafts";
  for (const name of AREAS) {
    $(`area-${name}`).hidden = name !== area;
    $(`tab-${name}`).setAttribute("aria-pressed", String(name === area));
  }
  const me = view.me;
  $("me").textContent = t("web.you_are", { name: me.name, profession: me.profession ?? "" });
  const writes = me.role !== "observer" && !snap.session.closed;
  for (const form of ["draft-form", "statement-form", "conflict-form"]) $(form).hidden = !writes;
  $("note-form").hidden = !writes || noteFor === null;
  renderDrafts(view);
  renderStatements(view);
  renderConflicts(view);
  renderActions(view);
}

function renderDrafts(view) {
  const snap = view.snap;
  const task = snap.session.parent_task;
  $("parent").textContent = task ? t("core.parent", { task }) : "";
  const round = openRound(snap);
  const votes = view.me.role !== "observer" && view.me.votes && !snap.session.closed;
  const left = round === null ? 0 : round.dots - snap.my_votes.length;
  const stack = round?.per_draft ?? 1; // dots one person may put on one draft
  const last = lastRound(snap);
  let line = t("core.no_round");
  // "14 af 22 har stemt": who may vote, counted as the terminal does (kerne_tui/state.py).
  const eligible = snap.participants.filter((x) => x.role !== "observer" && x.votes).length;
  const voted = round === null ? "" : t("count.voted", { voters: round.voters, eligible });
  if (round !== null && votes) {
    line = t(round.blind ? "core.round_open_blind" : "core.round_open",
      { number: round.number, dots: round.dots, left, voters: voted });
  } else if (round !== null) {
    line = t("core.round_observer", { number: round.number, voters: voted });
  } else if (last !== null) {
    line = t("core.round_closed", { number: last.number, voters: last.voters });
  }
  // How many of one's dots may go on one draft, beside the dots, once it is more than one.
  if (round !== null && votes && stack > 1) line += ` ${t("menu.round_per_draft")}: ${stack}.`;
  $("round").textContent = line;
  $("split").textContent = round === null && last !== null ? splitLine(snap, last) : "";
  $("split").hidden = $("split").textContent === "";
  $("rating").textContent = ratingLine(snap);
  $("rating").hidden = $("rating").textContent === "";
  const tally = round?.tally ?? (round === null ? last?.tally : null) ?? null;
  $("drafts").replaceChildren(
    ...(snap.drafts.length === 0 ? [el("li", { class: "empty" }, t("web.core.empty"))] : []),
    ...snap.drafts.map((draft) => {
      const mine = snap.my_votes.filter((v) => v === draft.id).length; // stacked dots count each
      const dot = mine > 0;
      // A version number says something only once a draft has been revised.
      const meta = draft.version > 1 ? [t("core.version", { version: draft.version })] : [];
      if (draft.final) meta.push(t("core.final"));
      if (draft.withdrawn) meta.push(t("core.withdrawn"));
      if (draft.author === view.me.id) meta.push(t("core.yours"));
      if (tally !== null) meta.push(dots(tally[draft.id] ?? 0));
      if (dot) meta.push(mine === 1 ? t("core.my_vote") : t("core.my_votes", { n: mine }));
      const item = el("li", { class: `item${dot ? " voted" : ""}${draft.final ? " final" : ""}` },
        el("p", { class: "text", id: `text-${draft.id}` }, draft.text ?? t("core.removed")),
        el("p", { class: "meta" }, meta.join(" · ")),
        ...results(snap, draft.id).map((said) => el("p", { class: "meta" }, said)));
      if (round !== null && votes && !draft.removed && !draft.withdrawn && stack > 1) {
        item.append(...stackedDots(draft, mine, stack, left));
      } else if (round !== null && votes && !draft.removed && !draft.withdrawn) {
        const button = el("button", { type: "button", class: dot ? "dot taken" : "dot",
          "aria-pressed": String(dot), "aria-describedby": `text-${draft.id}`,
          "data-focus": `dot-${draft.id}`, disabled: !dot && left <= 0 },
        dot ? t("web.take_dot") : t("web.give_dot"));
        button.addEventListener("click", () =>
          link.command({ type: dot ? "retract_vote" : "cast_vote", draft_id: draft.id }));
        item.append(button);
      }
      if (votes) item.append(...questions(view, draft, (command) => link.command(command)));
      return item;
    }),
  );
}

/** A round that lets one person stack dots: give one more, or take one back. */
function stackedDots(draft, mine, stack, left) {
  const give = el("button", { type: "button", class: "dot", "aria-describedby": `text-${draft.id}`,
    "data-focus": `dot-${draft.id}`, disabled: mine >= stack || left <= 0 }, t("web.give_dot"));
  const take = el("button", { type: "button", class: "dot taken", "aria-describedby": `text-${draft.id}`,
    "data-focus": `take-${draft.id}`, disabled: mine === 0 }, t("web.take_one"));
  give.addEventListener("click", () => link.command({ type: "cast_vote", draft_id: draft.id }));
  take.addEventListener("click", () => link.command({ type: "retract_vote", draft_id: draft.id }));
  return [give, take];
}

/** A closed round's dots per profession, as the server fixed them at the close (the page
 * never forms groups): held back until the facilitator shows them, or too few to show. */
function splitLine(snap, closed) {
  const split = closed.by_profession;
  if (split === null || split === undefined) return closed.hold_split ? t("reveal.held") : "";
  const groups = Object.entries(split);
  if (groups.length === 0) {
    const k = snap.session.settings.k_anonymity ?? 3;
    return closed.voters > 0 ? t("reveal.no_split", { k }) : "";
  }
  const parts = groups.map(([group, dots]) =>
    `${group || t("reveal.other")}: ${Object.entries(dots).map(([d, n]) => `${d} ${n}`).join(", ")}`);
  return `${t("reveal.by_profession")}: ${parts.join("; ")}`;
}

// Ydelse and effekt explained with the sector's pair, while the person is learning to
// tell them apart (kerne_tui's statement area: a voter with fewer than three tags).
const LEARNING_TAGS = 3;

function renderDefinitions(view, votes) {
  const given = view.snap.session.sector ?? "general";
  const sector = known(`sector.${given}.output`) ? given : "general";
  const pair = { output: t(`sector.${sector}.output`), effect: t(`sector.${sector}.effect`) };
  // The new statement's hint gives the same pair as examples, as the terminal's prompt.
  $("statement-text").placeholder = t("dialog.statement_hint", pair);
  const learning = votes && Object.keys(view.mine.my_tags).length < LEARNING_TAGS;
  $("definitions").hidden = !learning;
  if (!learning) return;
  $("define-output").textContent = worded("define.output", sector);
  $("define-effect").textContent = worded("define.effect", sector);
  $("define-example").textContent = t("define.example", pair);
}

function renderStatements(view) {
  const snap = view.snap;
  const votes = view.me.role !== "observer" && view.me.votes && !snap.session.closed;
  renderDefinitions(view, votes);
  $("statements").replaceChildren(
    ...(snap.statements.length === 0 ? [el("li", { class: "empty" }, t("web.statements.empty"))] : []),
    ...snap.statements.map((s) => {
      // While tagging is blind the tally is an older figure: "hidden", as the terminal says.
      const blind = snap.session.blind_tagging === true;
      const meta = [blind ? t("statements.hidden") : t("statements.split", s.tally)];
      if (s.agreed !== null) meta.push(t("statements.agreed", { tag: t(`statements.${s.agreed}`) }));
      else if (!blind && disputed(s)) meta.push(t("statements.disputed"));
      if (!s.removed && votes) {
        meta.push(s.my_tag === null ? t("statements.untagged")
          : t("statements.mine", { tag: t(`statements.${s.my_tag}`) }));
      }
      const item = el("li", { class: "item" },
        el("p", { class: "text", id: `text-${s.id}` }, s.text ?? t("statements.removed")),
        el("p", { class: "meta" }, meta.join(" · ")));
      if (!s.removed && votes) {
        const group = el("div", { class: "tags", role: "group", "aria-label": t("web.tags_for"),
          "aria-describedby": `text-${s.id}` });
        for (const [tag, key] of [["output", "web.tag_output"], ["effect", "web.tag_effect"], [null, "web.tag_clear"]]) {
          const on = s.my_tag === tag;
          const button = el("button", { type: "button", "aria-pressed": String(on),
            "data-focus": `tag-${s.id}-${tag}`, class: on ? "tag on" : "tag" },
          `${on ? "✓ " : ""}${t(key)}`);
          button.addEventListener("click", () =>
            link.command({ type: "tag_statement", statement_id: s.id, tag }));
          group.append(button);
        }
        item.append(group);
      }
      return item;
    }),
  );
}

/** The session's professions to tick, as the join form lists them; built once per list. */
function renderConflictProfessions(view) {
  const list = $("conflict-professions");
  const names = view.snap.session.professions;
  if (list.dataset.for === names.join("\n")) return;
  list.dataset.for = names.join("\n");
  list.replaceChildren(...names.map((name, i) => el("label", { class: "choice", for: `cprof-${i}` },
    el("input", { type: "checkbox", id: `cprof-${i}`, value: name }), name)));
  ownProfession(view.me.profession ?? "");
}

/** A new conflict begins with one's own profession ticked (or typed), as the terminal's. */
function ownProfession(own) {
  let listed = false;
  for (const box of $("conflict-professions").querySelectorAll("input")) {
    box.checked = box.value === own;
    listed ||= box.checked;
  }
  if (!listed && $("conflict-other").value === "") $("conflict-other").value = own;
}

function renderConflicts(view) {
  const snap = view.snap;
  const sector = snap.session.sector;
  renderConflictProfessions(view);
  // The kinds in the sector's words: a school has pupils and parents, not citizens.
  for (const option of $("conflict-kind").options) {
    const key = inSector(`web.kind.${option.value}`, sector);
    if (option.dataset.t !== key) [option.dataset.t, option.textContent] = [key, t(key)];
  }
  const writes = view.me.role !== "observer" && !snap.session.closed;
  $("conflicts").replaceChildren(
    ...(snap.conflicts.length === 0 ? [el("li", { class: "empty" }, t("conflicts.empty"))] : []),
    ...snap.conflicts.map((c) => {
      if (c.removed) return el("li", { class: "item" }, el("p", { class: "meta" }, t("conflicts.removed")));
      const about = [c.kind ? worded(`web.kind.${c.kind}`, sector) : "", t(`conflicts.status.${c.status}`),
        c.professions.length ? t("conflicts.professions", { names: c.professions.join(", ") }) : ""];
      // Who follows it up, where, by when, and whether it goes on to the level above.
      const follow = [c.owner ? t("web.owner", { owner: c.owner }) : "",
        c.forum ? t("web.taken_up", { forum: t(`actions.forum.${c.forum}`) }) : "",
        c.due ? t("web.by", { date: shownDate(c.due) }) : "", c.above ? t("web.above") : ""].filter((x) => x);
      const item = el("li", { class: "item" },
        el("h3", { id: `text-${c.id}` }, c.title),
        el("p", { class: "meta" }, about.filter((x) => x).join(" · ")),
        c.description ? el("p", { class: "text" }, c.description) : null,
        c.side_a ? el("p", { class: "text side" }, t("web.side_a", { text: c.side_a })) : null,
        c.side_b ? el("p", { class: "text side" }, t("web.side_b", { text: c.side_b })) : null,
        follow.length ? el("p", { class: "meta" }, follow.join(" · ")) : null,
        ...c.notes.map((note) => el("p", { class: "note" }, t("conflicts.note", { text: note }))));
      if (writes) {
        const button = el("button", { type: "button", "aria-describedby": `text-${c.id}`,
          "data-focus": `note-${c.id}` }, t("web.add_note"));
        button.addEventListener("click", () => {
          noteFor = c.id;
          $("note-label").textContent = t("dialog.note", { title: c.title });
          $("note-form").hidden = false;
          $("note-text").focus();
        });
        item.append(button);
      }
      return item;
    }),
  );
}

// ---- wiring --------------------------------------------------------------------------------

function wire() {
  $("lang").addEventListener("click", async () => {
    await switchLanguage();
    translate();
    if (noteFor !== null && link?.view) {
      const c = link.view.snap.conflicts.find((x) => x.id === noteFor);
      if (c) $("note-label").textContent = t("dialog.note", { title: c.title ?? "" });
    }
    if (link !== null) render();
  });
  $("find").addEventListener("submit", (e) => {
    e.preventDefault();
    const code = normalCode($("code").value);
    if (code === "") return;
    history.replaceState(null, "", `/j/${shownCode(code)}`);
    $("find").hidden = true;
    begin(code);
  });
  $("profession-other").addEventListener("input", () => {
    for (const radio of document.querySelectorAll('input[name="profession"]')) radio.checked = false;
  });
  $("profession-list").addEventListener("change", () => {
    const other = $("profession-other");
    if (other.value !== "") clearField(other);
  });
  $("join").addEventListener("submit", (e) => {
    e.preventDefault();
    const name = $("name").value.trim();
    const picked = document.querySelector('input[name="profession"]:checked');
    const profession = $("profession-other").value.trim() || (picked ? picked.value : "");
    if (name === "") return void ($("join-error").textContent = t("join.need_name"));
    if (profession === "") return void ($("join-error").textContent = t("join.need_profession"));
    try {
      localStorage.setItem("kerne.name", name);
    } catch {
      // remembered only for this page then
    }
    link.join(name, profession);
    render();
  });
  for (const button of document.querySelectorAll("[data-area]")) {
    button.addEventListener("click", () => {
      chosen = button.dataset.area;
      render();
    });
  }
  $("draft-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const field = $("draft-text");
    if (field.value.trim() === "") return say(t("dialog.empty"));
    sendText({ type: "propose_draft", text: field.value }, [field]);
  });
  $("statement-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const field = $("statement-text");
    if (field.value.trim() === "") return say(t("dialog.empty"));
    sendText({ type: "add_statement", text: field.value }, [field]);
  });
  $("note-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const field = $("note-text");
    if (field.value.trim() === "" || noteFor === null) return say(t("dialog.empty"));
    sendText({ type: "update_conflict", conflict_id: noteFor, note: field.value }, [field]);
  });
  $("action-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const what = $("action-what");
    if (what.value.trim() === "") return say(t("dialog.empty"));
    sendText(actionCommand(), [what, $("action-who")]);
    $("action-due").value = "";
    $("action-forum").value = "";
  });
  // Any kind, two sides, professions optional: record_dilemma, as the terminal sends a
  // conflict not tied to an item (every server that serves this page knows it).
  $("conflict-kind").append(...KINDS.map((kind) => el("option", { value: kind, "data-t": `web.kind.${kind}` })));
  $("conflict-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const fields = ["conflict-title", "conflict-description", "side-a", "side-b", "conflict-other"].map($);
    const [title, description, sideA, sideB, other] = fields;
    if (title.value.trim() === "") return say(t("dialog.empty"));
    const ticked = [...$("conflict-professions").querySelectorAll(":checked")].map((x) => x.value);
    const typed = other.value.split(",").map((x) => x.trim()).filter((x) => x !== "");
    sendText({ type: "record_dilemma", title: title.value, kind: $("conflict-kind").value,
      description: description.value, side_a: sideA.value, side_b: sideB.value,
      professions: [...new Set([...ticked, ...typed])] }, fields);
    $("conflict-kind").value = KINDS[0];
    ownProfession(link.view.me.profession ?? "");
  });
  $("message").addEventListener("click", () => say(""));
  setInterval(() => {
    if (link?.view) $("timer").textContent = timerText(link.view.snap.timer);
  }, 1000);
}

function begin(code) {
  link = new Link(code, {
    change: render,
    info: (found) => {
      info = found;
    },
    refused,
    notice: (notice) => {
      if (notice.code === "votes_released") say(t("notice.votes_released", { id: notice.draft_id }));
    },
  });
  window.kerneLink = link; // for the browser tests: the folded view, read as data
  // A locked phone's socket is usually dead when it wakes: try at once, not after the wait.
  document.addEventListener("visibilitychange", () => document.hidden || link.wake());
  window.addEventListener("online", () => link.wake());
  keepTyping();
  try {
    const name = localStorage.getItem("kerne.name");
    if (name !== null && $("name").value === "") $("name").value = name;
  } catch {
    // nothing remembered
  }
  link.start();
}

async function main() {
  await loadWords();
  wire();
  translate();
  const found = location.pathname.match(/^\/j\/([0-9A-Za-z-]{1,16})$/);
  if (found === null) {
    $("loading").hidden = true;
    $("find").hidden = false;
    return;
  }
  begin(found[1]);
}

main();
