// The words: the same catalog as the terminal and the minutes (server/catalog, served
// one language at a time as /catalog/LANG.json, so a phone loads only the words it
// shows). The browser's language picks, a saved choice overrides it.

const catalog = { da: null, en: null };
let lang = "da";

async function load(which) {
  if (catalog[which] === null) catalog[which] = await (await fetch(`/catalog/${which}.json`)).json();
}

export async function loadWords() {
  let saved = null;
  try {
    saved = localStorage.getItem("kerne.lang");
  } catch {
    saved = null;
  }
  const wanted = saved ?? (navigator.languages ?? [navigator.language]).find((l) => /^(da|en)/i.test(l));
  lang = wanted && wanted.toLowerCase().startsWith("en") ? "en" : "da";
  await load(lang);
  document.documentElement.lang = lang;
}

export const language = () => lang;

export async function switchLanguage() {
  const other = lang === "da" ? "en" : "da";
  await load(other);
  lang = other;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem("kerne.lang", lang);
  } catch {
    // a browser without storage keeps the choice until the page is left
  }
}

/** A word with its {placeholders} filled; the key itself when the catalog lacks it. */
export function t(key, values = {}) {
  const text = catalog[lang]?.[key] ?? catalog.en?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** Fill every element marked data-t (text) or data-t-placeholder / data-t-label. */
export function translate(root = document) {
  for (const el of root.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  for (const el of root.querySelectorAll("[data-t-placeholder]")) el.placeholder = t(el.dataset.tPlaceholder);
  for (const el of root.querySelectorAll("[data-t-label]")) el.setAttribute("aria-label", t(el.dataset.tLabel));
}

/** The current phase's instruction: the facilitator's own, else the method's default
 * (kerne_tui/guidance.py `instruction_text`: every screen reads it the same way). A touch
 * screen asks for the default without the terminal's keys ("(n)", "(mellemrum)"). */
export function instructionText(session, keyFree = false) {
  const own = session.instructions?.[session.phase];
  if (own) return own;
  // In the sector's words where they differ (a school speaks of pupils), as the terminal.
  const general = [...(keyFree ? [`web.instruction.${session.phase}`] : []), `instruction.${session.phase}`];
  return t(general.map((key) => inSector(key, session.sector)).find(known) ?? general[general.length - 1]);
}

/** `key` in the words of the session's sector where the catalog has them, as the terminal. */
export const worded = (key, sector) => t(inSector(key, sector));

/** `key`, or its variant in the sector's words where the catalog has one. */
export const inSector = (key, sector) => (sector && known(`${key}.${sector}`) ? `${key}.${sector}` : key);

/** Whether the catalog has `key` in the language shown (a newer server's sector may not). */
export const known = (key) => Object.hasOwn(catalog[lang] ?? {}, key);

/** A timer's remaining time as m:ss, or null once it ran out. */
export function remaining(timer, now = Date.now()) {
  const left = Math.ceil((Date.parse(timer.ends_at) - now) / 1000);
  if (left <= 0) return null;
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
}

export function timerText(timer) {
  if (timer === null) return "";
  const label = timer.label ?? "";
  const left = remaining(timer);
  return left === null ? t("timer.done", { label }) : t("timer.left", { label, time: left });
}

/** "1 prik", "3 prikker": a count of dots in the language's own plural. */
export const dots = (n) => (n === 1 ? t("web.dot_on") : t("web.dots_on", { n }));
