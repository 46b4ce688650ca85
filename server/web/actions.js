// Decisions and next steps: what, who, by when, where and how far. Anyone may add one in
// the wrap-up (and after a reopening for follow-up), the facilitator at any time: the
// server's rule (server/followup.py `may_follow_up`), mirrored so the form shows only when
// it would be taken.

import { $, el } from "./dom.js";
import { t } from "./words.js";

export function mayAddAction(view) {
  const { session, follow } = view.snap;
  const reopened = follow?.reopened ?? false;
  if (view.me.role === "observer" || (session.closed && !reopened)) return false;
  return view.me.role === "facilitator" || session.phase === "wrapup" || reopened;
}

/** A protocol day (2026-12-15) as the terminal and the minutes' tables show it: 15.12.2026. */
export function shownDate(iso) {
  const [year, month, day] = iso.split("-");
  return `${day}.${month}.${year}`;
}

export function renderActions(view) {
  const actions = view.snap.actions ?? [];
  const may = mayAddAction(view);
  $("action-form").hidden = !may;
  $("actions-later").hidden = may || view.me.role === "observer" || view.snap.session.closed;
  $("actions").replaceChildren(
    ...(actions.length === 0 ? [el("li", { class: "empty" }, t("web.actions_empty"))] : []),
    ...actions.map((a) => {
      const facts = [a.who, a.due ? t("web.by", { date: shownDate(a.due) }) : "",
        a.forum ? t(`actions.forum.${a.forum}`) : "",
        // A decision is made, not started: its status is said once it is followed up.
        a.kind === "decision" && a.status === "open" ? "" : t(`actions.status.${a.status}`)];
      return el("li", { class: "item" },
        el("p", { class: "text" }, el("strong", {}, `${t(`actions.${a.kind}`)}: `), a.what),
        el("p", { class: "meta" }, facts.filter((x) => x).join(" · ")),
        ...a.notes.map((note) => el("p", { class: "note" }, t("conflicts.note", { text: note }))));
    }),
  );
}

/** The command the form holds (empty fields left out, as the terminal sends them). */
export function actionCommand() {
  const command = { type: "add_action", what: $("action-what").value, kind: $("action-kind").value };
  const who = $("action-who").value.trim();
  if (who) command.who = who;
  if ($("action-due").value) command.due = $("action-due").value;
  if ($("action-forum").value) command.forum = $("action-forum").value;
  return command;
}
