// Acceptance and criteria rounds on the phone: the open round's questions about a draft
// as radio groups, and a closed round's answers in the terminal's words (server/support.py
// `describe_acceptance`, `describe_criteria`). Figures per profession are the server's,
// fixed under the k-rule at the close: read here, never recounted.

import { el } from "./dom.js";
import { t } from "./words.js";

// server/protocol.py `rating_questions` and `rating_answers`, best answer first.
const CRITERIA = ["value", "long_term", "shared", "connects", "short", "everyday"];
const QUESTIONS = { acceptance: ["live"], criteria: CRITERIA };
const ANSWERS = {
  acceptance: ["full", "support", "reservations", "doubts", "cannot"],
  criteria: ["yes", "partly", "no"],
};
const WORDS = { acceptance: "acceptance", criteria: "judgement" };

const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
const filled = (object) => object !== undefined && object !== null && Object.keys(object).length > 0;
const group = (name) => name || t("support.other");

export const openRating = (snap) => {
  const last = (snap.ratings ?? []).at(-1);
  return last?.open ? last : null;
};

/** "Accept: runde 2 er åben. 3 har svaret." (the terminal's line, without its key). */
export function ratingLine(snap) {
  const rating = (snap.ratings ?? []).at(-1);
  if (rating === undefined) return "";
  const fields = { kind: t(`rating.${rating.kind}`), number: rating.number, answered: rating.answered };
  if (!rating.open) return t("rating.closed", fields);
  return t(rating.blind ? "web.rating_open_blind" : "web.rating_open", fields);
}

/** One radio group per question the open round asks about `draft`; a chosen answer can
 * be changed by picking another and cleared with its own button. */
export function questions(view, draft, send) {
  const rating = openRating(view.snap);
  if (rating === null || !rating.draft_ids.includes(draft.id)) return [];
  const given = view.mine.my_answers ?? {};
  return QUESTIONS[rating.kind].map((question) => {
    const name = `rate-${draft.id}-${question}`;
    const answer = given[`${draft.id}/${question}`] ?? null;
    const legend = rating.kind === "acceptance"
      ? t("rating.question_acceptance", { id: t("web.this_draft") })
      : t(`criterion.${question}`);
    const choices = el("div", { class: `choices ${rating.kind}` });
    for (const option of ANSWERS[rating.kind]) {
      const input = el("input", { type: "radio", name, id: `${name}-${option}`,
        "data-focus": `${name}-${option}`, checked: answer === option });
      input.addEventListener("change", () =>
        send({ type: "rate", draft_id: draft.id, question, answer: option }));
      choices.append(el("label", { class: "choice", for: input.id }, input,
        t(`${WORDS[rating.kind]}.${option}`)));
    }
    const box = el("fieldset", { class: "rate" }, el("legend", {}, legend), choices);
    if (answer !== null) {
      const clear = el("button", { type: "button", class: "clear", "data-focus": `${name}-clear`,
        "aria-label": `${t("web.rating_clear")}: ${legend}` }, t("web.rating_clear"));
      clear.addEventListener("click", () => {
        send({ type: "rate", draft_id: draft.id, question, answer: null });
        // The button goes with the answer: the keyboard stays in the same question.
        document.getElementById(`${name}-${ANSWERS[rating.kind][0]}`)?.focus();
      });
      box.append(clear);
    }
    return box;
  });
}

function lastClosed(ratings, kind, draftId) {
  return ratings.findLast((r) => r.kind === kind && !r.open && r.draft_ids.includes(draftId)) ?? null;
}

/** Everyone can live with it, or which professions cannot (server/support.py `verdict`). */
function verdict(total, groups) {
  const n = sum(total);
  if (!filled(groups)) {
    const cannot = total.cannot ?? 0;
    return t(cannot ? "support.accept_some_cannot" : "support.accept_all_hidden", { cannot, n });
  }
  const cannot = Object.keys(groups).filter((name) => groups[name].cannot);
  if (cannot.length === 0) return t("support.accept_all");
  const named = cannot.map((name) => t("support.accept_group",
    { group: group(name), cannot: groups[name].cannot, n: sum(groups[name]) }));
  return t("support.accept_cannot", { groups: named.join(", ") });
}

/** A draft's answers in the last closed rounds about it, one line per fact. */
export function results(snap, draftId) {
  const ratings = snap.ratings ?? [];
  const lines = [];
  const accepted = lastClosed(ratings, "acceptance", draftId);
  const total = accepted?.tally?.[draftId]?.live;
  if (filled(total)) {
    const groups = accepted.by_profession?.[draftId]?.live ?? {};
    const supports = (total.full ?? 0) + (total.support ?? 0);
    lines.push(t("support.accept_round", { number: accepted.number, n: sum(total), supports }));
    lines.push(verdict(total, groups));
    if (!filled(groups)) lines.push(t("support.withheld"));
  }
  const judged = lastClosed(ratings, "criteria", draftId);
  const totals = judged?.tally?.[draftId];
  if (filled(totals)) {
    const figures = judged.by_profession?.[draftId] ?? {};
    lines.push(t("support.criteria_round", { number: judged.number }));
    for (const criterion of CRITERIA) {
      const counts = totals[criterion];
      if (!filled(counts)) continue;
      const said = ANSWERS.criteria.filter((j) => counts[j])
        .map((j) => `${counts[j]} ${t(`judgement.${j}`)}`).join(", ");
      let line = t("support.criterion", { criterion: t(`criterion.${criterion}`), answers: said });
      const doubting = Object.entries(figures[criterion] ?? {})
        .filter(([, answers]) => (answers.no ?? 0) * 2 > sum(answers)).map(([name]) => group(name));
      if (doubting.length > 0) line += ` ${t("support.criterion_no", { groups: doubting.join(", ") })}`;
      lines.push(line);
    }
  }
  return lines;
}
