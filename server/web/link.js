// The connection: protocol v1 over one WebSocket on the page's own host and port, as a
// third-party client of docs/protocol.md. It joins (with a join_id, so a lost welcome
// never makes a second participant), keeps the resume token in localStorage (a locked
// phone or a reload comes back as the same person), re-sends unanswered commands with
// their ids after a reconnect (exactly once, 5.1), and folds events with fold.js.

import { acked, folded, welcomed } from "./fold.js";

/** A join code as the server reads it: no white space or hyphens, upper case. */
export const normalCode = (code) => code.replace(/[\s-]/g, "").toUpperCase();
export const shownCode = (code) => {
  const c = normalCode(code);
  return c.length === 8 ? `${c.slice(0, 4)}-${c.slice(4)}` : c;
};

/** 128 random bits, URL-safe base64 (22 characters): a join_id or a command id. */
export function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** One browser's saved facts for one session; a browser without storage keeps them in memory. */
export class Saved {
  constructor(code) {
    this.prefix = `kerne.${normalCode(code)}.`;
    this.memory = new Map();
  }
  get(key) {
    try {
      return localStorage.getItem(this.prefix + key);
    } catch {
      return this.memory.get(key) ?? null;
    }
  }
  set(key, value) {
    try {
      if (value === null) localStorage.removeItem(this.prefix + key);
      else localStorage.setItem(this.prefix + key, value);
    } catch {
      if (value === null) this.memory.delete(key);
      else this.memory.set(key, value);
    }
  }
  json(key, fallback) {
    try {
      return JSON.parse(this.get(key)) ?? fallback;
    } catch {
      return fallback;
    }
  }
}

// A room is on one local network: a server back after a restart is found within seconds.
const MAX_DELAY = 4000;

export class Link {
  /** `on` has: change() after any change, info(session_info), refused(error, command),
   * notice(notice). `observer` joins as an observer (the projector). */
  constructor(code, on, { observer = false } = {}) {
    this.code = normalCode(code);
    this.on = on;
    this.observer = observer;
    this.saved = new Saved(this.code);
    this.view = null;
    this.state = "connecting"; // connecting | online | reconnecting | replaced | stopped
    this.stopped = null; // why the server ended this seat: 4003 removed, 4004 not admitted
    this.waiting = false; // in the facilitator's lobby (docs/protocol.md 15.1)
    this.ws = null;
    this.attempt = 0;
    this.welcomed = false;
    this.failure = null; // the last refusal of a hello or lookup, for the join form
    this.outbox = this.saved.json("outbox", []); // [{id, command, fields?}]
    this.retry = null;
  }

  get token() {
    return this.saved.get("token");
  }
  get pendingJoin() {
    return this.saved.json("join", null);
  }

  start() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const ws = new WebSocket(`${scheme}://${location.host}/`);
    this.ws = ws;
    this.welcomed = false;
    ws.onopen = () => this.opened();
    ws.onmessage = (m) => this.received(JSON.parse(m.data));
    ws.onclose = (e) => this.closed(ws, e.code);
  }

  opened() {
    this.attempt = 0;
    const token = this.token;
    const join = this.pendingJoin;
    if (token !== null) {
      this.send({ type: "hello", id: randomId(), protocol: 1, code: this.code,
        resume_token: token, last_seq: this.view === null ? 0 : this.view.seq });
    } else if (join !== null) {
      this.sendHello(join);
    } else {
      this.send({ type: "lookup", id: randomId(), protocol: 1, code: this.code });
    }
  }

  /** Join as a new participant (or observer); said again after a drop with the same join_id. */
  join(name, profession) {
    const join = { name, profession, join_id: randomId() };
    this.saved.set("join", JSON.stringify(join));
    this.failure = null;
    if (this.ws !== null && this.ws.readyState === WebSocket.OPEN) this.sendHello(join);
  }

  sendHello(join) {
    const hello = { type: "hello", id: randomId(), protocol: 1, code: this.code,
      name: join.name, join_id: join.join_id };
    if (this.observer) hello.role = "observer";
    else hello.profession = join.profession;
    this.send(hello);
  }

  /** Send a command now if we can, and keep it until it is answered (even across reloads). */
  command(command, extra = {}) {
    const entry = { id: randomId(), command, ...extra };
    this.outbox = [...this.outbox, entry];
    this.keepOutbox();
    if (this.welcomed) this.send({ ...command, id: entry.id });
    this.on.change();
    return entry.id;
  }

  keepOutbox() {
    this.saved.set("outbox", this.outbox.length ? JSON.stringify(this.outbox) : null);
  }

  send(message) {
    if (this.ws !== null && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  answered(id) {
    const entry = this.outbox.find((e) => e.id === id);
    if (entry !== undefined) {
      this.outbox = this.outbox.filter((e) => e.id !== id);
      this.keepOutbox();
    }
    return entry;
  }

  received(message) {
    switch (message.type) {
      case "session_info":
        this.on.info(message);
        break;
      case "waiting":
        this.waiting = true; // the same hello gets its welcome once admitted
        break;
      case "welcome":
        this.saved.set("token", message.resume_token);
        this.saved.set("join", null);
        this.view = welcomed(this.view, message);
        this.welcomed = true;
        this.waiting = false;
        this.state = "online";
        this.failure = null;
        for (const entry of this.outbox) this.send({ ...entry.command, id: entry.id });
        break;
      case "event":
        this.event(message);
        break;
      case "events":
        for (const event of message.events) this.event(event);
        break;
      case "ack": {
        const entry = this.answered(message.id);
        if (entry !== undefined && this.view !== null) this.view = acked(this.view, entry.command, message);
        break;
      }
      case "error":
        this.refused(message);
        break;
      case "notice":
        this.on.notice(message);
        break;
      default:
        break; // presence, lens, and whatever a newer server adds
    }
    this.on.change();
  }

  event(event) {
    if (this.view === null) return;
    if (event.seq > this.view.seq + 1) {
      this.ws.close(); // a gap: resume from the last seq we have
      return;
    }
    this.view = folded(this.view, event);
  }

  refused(error) {
    if (error.code === "rate_limited") {
      const wait = Math.max(250, (error.retry_after ?? 1) * 1000);
      setTimeout(() => (this.welcomed ? this.resend(error.id) : this.opened()), wait);
      return;
    }
    if (!this.welcomed && error.code === "unknown_session" && Number.isInteger(error.port)
        && !location.search.includes("moved")) {
      // A server run in shards: the session is on another of its ports. The same page
      // there (join or projector), once: a page sent on never follows a second pointer.
      const page = location.pathname.startsWith("/screen/") ? "screen" : "j";
      location.assign(`${location.protocol}//${location.hostname}:${error.port}` +
        `/${page}/${encodeURIComponent(this.code)}?moved`);
      return;
    }
    if (!this.welcomed) {
      this.saved.set("join", null);
      this.waiting = false;
      this.failure = error;
      if (error.code === "bad_resume_token") {
        this.saved.set("token", null); // forgotten by the server: join afresh, so ask
        this.opened(); // what the code opens (a lookup) for the join form
      }
      return;
    }
    const entry = this.answered(error.id);
    if (entry !== undefined) this.on.refused(error, entry);
  }

  resend(id) {
    const entry = this.outbox.find((e) => e.id === id);
    if (entry !== undefined) this.send({ ...entry.command, id: entry.id });
  }

  closed(ws, code) {
    if (ws !== this.ws) return;
    this.welcomed = false;
    if (code === 4000) {
      this.state = "replaced"; // another window took this seat: do not fight over it
      this.on.change();
      return;
    }
    if (code === 4003 || code === 4004) {
      this.state = "stopped"; // removed, or not let in: coming back would be refused
      this.stopped = code;
      this.saved.set("token", null);
      this.saved.set("join", null);
      this.on.change();
      return;
    }
    this.state = "reconnecting";
    this.on.change();
    const delay = Math.min(MAX_DELAY, 250 * 2 ** this.attempt) * (0.75 + Math.random() / 2);
    this.attempt += 1;
    this.retry = setTimeout(() => this.start(), delay);
  }

  /** Reconnect now rather than after the back-off: the phone was unlocked, the network
   * came back. Nothing happens while connected or after being replaced. */
  wake() {
    if (this.state !== "reconnecting" || this.ws.readyState === WebSocket.CONNECTING) return;
    clearTimeout(this.retry);
    this.start();
  }
}
