// The projector view: an observer that shows the room what everyone's own screen shows,
// in big type, with the QR code and the address to join by.

import { disputed, lastRound, openRound } from "./fold.js";
import { Link, shownCode } from "./link.js";
import { dots, instructionText, loadWords, t, timerText, translate } from "./words.js";

const $ = (id) => document.getElementById(id);

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children.filter((c) => c !== null && c !== ""));
  return node;
}

let link = null;

function render() {
  const view = link.view;
  const state = link.state === "replaced" ? "stopped" : link.state;
  $("link").textContent = t(`link.${state}`);
  if (link.failure !== null) $("message").textContent = link.failure.message;
  else $("message").textContent = link.waiting && link.view === null ? t("waiting.title") : "";
  if (view === null) return;
  const snap = view.snap;
  $("title").textContent = snap.session.title;
  document.title = `${snap.session.title} · kerne`;
  $("phase").textContent = `${t("header.phase")}: ${t(`phase.${snap.session.phase}`)}`;
  $("instruction").textContent = instructionText(snap.session);
  $("timer").textContent = timerText(snap.timer);
  renderRound(snap);
  renderStatements(snap);
}

function renderRound(snap) {
  const round = openRound(snap) ?? lastRound(snap);
  const texts = new Map(snap.drafts.map((d) => [d.id, d]));
  if (round === null) {
    $("round").textContent = t("core.no_round");
    $("results").replaceChildren();
    return;
  }
  const voting = snap.participants.filter((p) => p.votes).length;
  $("round").textContent = round.open
    ? `${t("menu.round")} ${round.number}: ${t("web.voters", { voters: round.voters, total: voting })}`
    : `${t("web.results", { number: round.number })} · ${t("reveal.voters", { voters: round.voters, dots: round.dots })}`;
  const tally = round.tally ?? {};
  const ranked = Object.entries(tally).sort((a, b) => b[1] - a[1]);
  $("results").replaceChildren(
    ...ranked.map(([id, n]) => {
      const draft = texts.get(id);
      return el("li", {}, el("span", { class: "count" }, dots(n)), " ",
        draft?.text ?? t("core.removed"), draft?.final ? ` ${t("core.final")}` : "");
    }),
  );
}

function column(s) {
  if (s.agreed !== null) return s.agreed;
  const { output = 0, effect = 0 } = s.tally;
  if (output > effect) return "output";
  if (effect > output) return "effect";
  return "open";
}

function renderStatements(snap) {
  // While tagging is blind the tallies are an older figure: nothing is sorted by them.
  const blind = snap.session.blind_tagging === true;
  const live = snap.statements.filter((s) => !s.removed);
  const strength = (s) => Math.max(s.tally.output ?? 0, s.tally.effect ?? 0);
  for (const name of ["effect", "output", "open"]) {
    const here = live.filter((s) => (blind && s.agreed === null ? "open" : column(s)) === name).sort((a, b) => strength(b) - strength(a));
    $(name).replaceChildren(
      ...here.map((s) => {
        const meta = [blind ? t("statements.hidden") : t("statements.split", s.tally)];
        const split = !blind && s.agreed === null && disputed(s);
        if (s.agreed !== null) meta.push(t("statements.agreed", { tag: t(`statements.${s.agreed}`) }));
        else if (split) meta.push(t("statements.disputed"));
        return el("li", { class: split ? "disputed" : "" },
          s.text, el("span", { class: "meta" }, meta.join(" · ")));
      }),
    );
  }
}

async function where(code) {
  const answer = await fetch(`/qr/${encodeURIComponent(code)}.txt`);
  if (!answer.ok) return;
  const url = await answer.text();
  // A long address breaks before its code (/j/CODE), never inside it.
  const at = url.lastIndexOf("/j/");
  $("address").replaceChildren(...(at < 0 ? [url]
    : [url.slice(0, at), el("span", { class: "nowrap" }, url.slice(at))]));
  $("qr").src = `/qr/${encodeURIComponent(code)}.svg`;
  $("qr").alt = t("web.qr_alt", { url });
}

async function main() {
  await loadWords();
  translate();
  const found = location.pathname.match(/^\/screen\/([0-9A-Za-z-]{1,16})$/);
  if (found === null) return;
  const code = shownCode(found[1]);
  $("code").textContent = code;
  where(code);
  link = new Link(code, {
    change: render,
    info: () => link.join(t("web.projector_name"), null),
    refused: () => {},
    notice: () => {},
  }, { observer: true });
  window.kerneLink = link;
  link.start();
  setInterval(() => {
    if (link.view) $("timer").textContent = timerText(link.view.snap.timer);
  }, 1000);
}

main();
