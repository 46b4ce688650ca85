"""Record a conflict: title, what it is about, the professions, the linked item."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label

from kerne_tui.locale import Strings
from kerne_tui.screens.dialog import Dialog
from server import protocol as p


@dataclass(frozen=True)
class ConflictStart:
    """What a new conflict starts from: the item it is about and, when the profession lens
    suggested it, the professions, a title, the evidence and the suggestion's id."""

    ref: p.Ref | None = None
    ref_text: str = ""
    professions: tuple[str, ...] | None = None  # None: the person's own profession
    title: str = ""
    description: str = ""
    suggestion: str | None = None


@dataclass(frozen=True)
class ConflictDraft:
    """What the form returns: the fields of `record_conflict`."""

    title: str
    description: str
    professions: list[str]
    refs: list[p.Ref]


class ConflictForm(Dialog[ConflictDraft]):
    def __init__(
        self, t: Strings, start: ConflictStart, *, known: list[str], suggested: list[str]
    ) -> None:
        super().__init__()
        self.t = t
        self.start = start
        self.known = known
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog wide"):
            yield Label(t("dialog.conflict"), classes="dialog-title")
            yield Label(t("dialog.conflict_title"))
            yield Input(self.start.title, max_length=p.LIMITS["title"], id="title")
            yield Label(t("dialog.conflict_description"))
            yield Input(
                self.start.description, max_length=p.LIMITS["description"], id="description"
            )
            yield Label(t("dialog.conflict_professions"))
            yield Input(
                value=", ".join(self.suggested),
                suggester=SuggestFromList(self.known, case_sensitive=False),
                id="professions",
            )
            ref = self.start.ref
            if ref is not None:
                about = t("dialog.conflict_about", ref=f"{ref.id} {self.start.ref_text}")
                yield Checkbox(Text(about[:100]), value=True, id="link")
            yield Label(Text(""), id="problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button(t("action.record_conflict"), variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    def submit(self) -> None:
        title = self.query_one("#title", Input).value.strip()
        raw = self.query_one("#professions", Input).value
        professions = [x.strip() for x in raw.split(",") if x.strip()]
        if not title:
            self.problem(self.t("dialog.empty"))
            self.query_one("#title", Input).focus()
            return
        if not professions:
            self.problem(self.t("join.need_profession"))
            self.query_one("#professions", Input).focus()
            return
        refs: list[p.Ref] = []
        ref = self.start.ref
        if ref is not None and self.query_one("#link", Checkbox).value:
            refs = [ref]
        description = self.query_one("#description", Input).value.strip()
        self.dismiss(ConflictDraft(title, description, professions, refs))
