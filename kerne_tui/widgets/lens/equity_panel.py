"""Who writes, votes and tags how much, by profession group (and by person in named
sessions). Every figure comes from the server, which already applied the k-rule."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from kerne_tui.locale import Strings
from kerne_tui.state import View
from kerne_tui.text import group_name, plain
from kerne_tui.widgets.steady import same_objects
from server import protocol as p


class EquityPanel(Static):
    """Who writes, votes and tags how much: per profession group, and per person only in
    named sessions; a silent group shows as zeros, which is the point."""

    view: reactive[View | None] = reactive(None, always_update=True, repaint=False)
    """The session as this person sees it (bound to the area's)."""

    lens: reactive[p.Lens | None] = reactive(None, always_update=True, repaint=False)
    """The facilitator's lens (bound to the area's)."""

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t
        self._drawn_from: tuple[object, ...] = ()

    def watch_view(self) -> None:
        self.redraw()

    def watch_lens(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        view, lens, t = self.view, self.lens, self.t
        if view is None or lens is None:
            return
        # The table is laid out afresh on each update: only when what it reads is new.
        sources = (lens, view.snapshot.participants, view.snapshot.session)
        if same_objects(self._drawn_from, sources):
            return
        self._drawn_from = sources
        equity = lens.equity
        table = Table(title=t("lens.equity"), title_justify="left", expand=False)
        for column in (
            "lens.group",
            "lens.members",
            "lens.statements",
            "lens.drafts",
            "lens.dots",
            "lens.tags",
        ):
            table.add_column(t(column), justify="left" if column == "lens.group" else "right")
        if not equity.by_profession:
            k = view.snapshot.session.settings.k_anonymity
            self.update(Text(t("reveal.no_split", k=k), style="italic"))
            return
        for group, row in equity.by_profession.items():
            table.add_row(
                Text(group_name(t, group)),
                *(str(row.get(c, 0)) for c in ("members", "statements", "drafts", "dots", "tags")),
            )
        if equity.by_person:
            names = {x.id: x.name for x in view.snapshot.participants}
            for pid, row in equity.by_person.items():
                table.add_row(
                    plain(names.get(pid, pid), style="dim"),
                    "",
                    *(str(row.get(c, 0)) for c in ("statements", "drafts", "dots", "tags")),
                )
        self.update(table)
