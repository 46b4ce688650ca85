"""Record a conflict or dilemma, or change one: title, what it is about, its kind, its
two sides, the professions (optional), and the linked item."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Select

from kerne_tui.guidance import in_sector
from kerne_tui.locale import Strings
from kerne_tui.screens.dialog import Dialog
from server import protocol as p


@dataclass(frozen=True)
class ConflictStart:
    """What a new conflict starts from: the item it is about and, when the profession lens
    suggested it, the professions, a title, the evidence and the suggestion's id; or, when
    a conflict is changed, its words as they are."""

    ref: p.Ref | None = None
    ref_text: str = ""
    professions: tuple[str, ...] | None = None  # None: the person's own profession
    title: str = ""
    description: str = ""
    suggestion: str | None = None
    kind: p.ConflictKind = "professions"
    side_a: str = ""
    side_b: str = ""


@dataclass(frozen=True)
class ConflictDraft:
    """What the form returns: the fields of `record_dilemma`, and the linked item."""

    title: str
    description: str
    professions: list[str]
    refs: list[p.Ref]
    kind: p.ConflictKind = "professions"
    side_a: str = ""
    side_b: str = ""


def field(label: str, widget: Input | Select[p.ConflictKind]) -> Horizontal:
    """One line of a form: what to write, then where."""
    return Horizontal(Label(label), widget, classes="field")


class ConflictForm(Dialog[ConflictDraft]):
    def __init__(
        self,
        t: Strings,
        start: ConflictStart,
        *,
        known: list[str],
        suggested: list[str],
        sector: str,
        editing: bool = False,
    ) -> None:
        super().__init__()
        self.t = t
        self.start = start
        self.known = known
        self.suggested = suggested
        self.sector = sector  # the kinds in its words: a school has pupils, not citizens
        self.editing = editing

    def compose(self) -> ComposeResult:
        t, start = self.t, self.start
        kinds = [(in_sector(t, f"conflicts.kind.{k}", self.sector), k) for k in p.CONFLICT_KINDS]
        with Vertical(classes="dialog wide form"):
            title = t("dialog.conflict_edit" if self.editing else "dialog.conflict")
            yield Label(title, classes="dialog-title")
            yield field(
                t("dialog.conflict_title"),
                Input(start.title, max_length=p.LIMITS["title"], id="title", compact=True),
            )
            yield field(
                t("dialog.form_description"),
                Input(
                    start.description,
                    max_length=p.LIMITS["description"],
                    id="description",
                    compact=True,
                ),
            )
            yield field(
                t("dialog.conflict_kind"),
                Select(kinds, value=start.kind, allow_blank=False, id="kind", compact=True),
            )
            yield field(
                t("dialog.side_a"),
                Input(start.side_a, max_length=p.LIMITS["side"], id="side_a", compact=True),
            )
            yield field(
                t("dialog.side_b"),
                Input(start.side_b, max_length=p.LIMITS["side"], id="side_b", compact=True),
            )
            yield field(
                t("dialog.form_professions"),
                Input(
                    value=", ".join(self.suggested),
                    suggester=SuggestFromList(self.known, case_sensitive=False),
                    id="professions",
                    compact=True,
                ),
            )
            ref = start.ref
            if ref is not None:
                about = t("dialog.conflict_about", ref=f"{ref.id} {start.ref_text}")
                yield Checkbox(Text(about[:100]), value=True, id="link", compact=True)
            yield Label(Text(""), id="problem", classes="problem")
            with Horizontal(classes="buttons"):
                action = t("action.save" if self.editing else "action.record_conflict")
                yield Button(action, variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    def submit(self) -> None:
        title = self.query_one("#title", Input).value.strip()
        raw = self.query_one("#professions", Input).value
        professions = [x.strip() for x in raw.split(",") if x.strip()]
        if not title:
            self.problem(self.t("dialog.empty"))
            self.query_one("#title", Input).focus()
            return
        refs: list[p.Ref] = []
        ref = self.start.ref
        if ref is not None and self.query_one("#link", Checkbox).value:
            refs = [ref]
        if (refs or self.start.suggestion) and not professions:
            # Kept with its item or its lens suggestion, it is a conflict between professions.
            self.problem(self.t("join.need_profession"))
            self.query_one("#professions", Input).focus()
            return
        chosen = self.query_one("#kind", Select).value
        kind: p.ConflictKind = next((k for k in p.CONFLICT_KINDS if k == chosen), "other")
        self.dismiss(
            ConflictDraft(
                title,
                self.query_one("#description", Input).value.strip(),
                professions,
                refs,
                kind,
                self.query_one("#side_a", Input).value.strip(),
                self.query_one("#side_b", Input).value.strip(),
            )
        )
