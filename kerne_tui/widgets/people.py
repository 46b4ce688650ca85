"""Who is here, grouped by profession, with who is online (a symbol, not only colour);
for the facilitator also who waits to be let in. Someone removed is no longer listed, and
someone muted is marked so. The facilitator's actions on them are in the menu (m)."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive

from kerne_tui.locale import Strings
from kerne_tui.state import View
from kerne_tui.text import safe
from kerne_tui.widgets.steady import SteadyStatic
from server import protocol as p


class ParticipantsPanel(SteadyStatic):
    """A read-only list; it is rebuilt on every join and presence change."""

    view: reactive[View | None] = reactive(None, always_update=True, repaint=False)
    """The session as this person sees it (bound to the screen's)."""

    online: reactive[frozenset[str]] = reactive(frozenset(), repaint=False)
    """Ids of the participants connected right now (bound to the screen's)."""

    waiting: reactive[tuple[p.WaitingView, ...]] = reactive((), repaint=False)
    """Facilitators only: who waits to be admitted (bound to the screen's)."""

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def watch_view(self) -> None:
        self.redraw()

    def watch_online(self) -> None:
        self.redraw()

    def watch_waiting(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        view, online, t = self.view, self.online, self.t
        if view is None:
            return
        groups: dict[str, list[tuple[str, str]]] = {}
        spelling: dict[str, str] = {}
        observers: list[tuple[str, str]] = []
        present = [who for who in view.snapshot.participants if not who.removed]
        for who in present:
            entry = (who.id, safe(who.name))
            if who.muted:
                entry = (who.id, safe(who.name) + t("people.muted"))
            if who.role == "observer":
                observers.append(entry)
                continue
            label = safe(who.profession) or t("people.no_profession")
            key = label.casefold()
            spelling.setdefault(key, label)
            groups.setdefault(key, []).append(entry)
        text = Text()
        total = len(present)
        here = sum(1 for who in present if who.id in online)
        text.append(t("people.count", online=here, total=total) + "\n", style="dim")
        if view.is_facilitator and (self.waiting or view.snapshot.session.admit):
            text.append("\n" + t("people.waiting", n=len(self.waiting)) + "\n", style="bold")
            for newcomer in self.waiting:
                shown = safe(newcomer.name)
                if newcomer.profession:
                    shown += f" ({safe(newcomer.profession)})"
                text.append("  " + t("people.waiting_one", name=shown) + "\n")
            if self.waiting:
                text.append(t("people.waiting_keys") + "\n", style="dim")
        sections = [(spelling[k], groups[k]) for k in sorted(groups)]
        if observers:
            sections.append((t("people.observers"), observers))
        for label, members in sections:
            text.append(f"\n{label} ({len(members)})\n", style="bold")
            for pid, name in members:
                shown = t("people.me", name=name) if pid == view.me.id else name
                key = "people.online" if pid in online else "people.offline"
                text.append("  " + t(key, name=shown) + "\n", style="" if pid in online else "dim")
        self.update_text(text)
