"""The statements area: statements about the work, tagged output or effect by everyone,
and how the professions split on the highlighted one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.widgets import OptionList, Static

from kerne_tui.guidance import contrast, definitions
from kerne_tui.intent import PENDING, Intent, ask
from kerne_tui.locale import Strings, prefer_key
from kerne_tui.screens.choice import Choice
from kerne_tui.screens.conflict_form import ConflictStart
from kerne_tui.screens.text_prompt import TextPrompt
from kerne_tui.state import View
from kerne_tui.text import safe
from kerne_tui.widgets.item_area import ItemArea
from kerne_tui.widgets.statements.split_panel import SplitPanel
from kerne_tui.widgets.statements.statement_list import StatementList
from server import protocol as p


def as_tag(name: str) -> p.Tag | None:
    """A key's or a choice's tag; anything else (`''`, `none`) means no tag."""
    match name:
        case "output" | "effect":
            return name
        case _:
            return None


def output_keys(lang: str) -> tuple[str, str]:
    """(shown, hidden): y for ydelse on a Danish screen, o elsewhere; both keys work."""
    return ("y", "o") if lang == "da" else ("o", "y")


class StatementArea(ItemArea):
    """Adding and tagging statements; the facilitator classifies and reveals splits."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "add", "key.add_statement"),
        Binding("o", "tag('output')", "key.tag_output"),
        Binding("y", "tag('output')", "key.tag_output", show=False),  # ydelse, in Danish
        Binding("e", "tag('effect')", "key.tag_effect"),
        Binding("u", "tag('')", "key.tag_clear"),
        Binding("g", "classify", "key.classify"),
        Binding("v", "reveal_split", "key.reveal_split"),
        Binding("delete,x", "remove", "key.remove"),
        Binding("d", "definitions", "key.definitions"),
    ]
    # Shown above the list until one has tagged this many statements (then one key away).
    LEARNING_TAGS = 3
    SENDS: ClassVar[dict[str, type[p.Command]]] = {
        "add": p.AddStatement,
        "tag": p.TagStatement,
        "classify": p.ClassifyStatement,
        "reveal_split": p.RevealSplit,
        "remove": p.RemoveItem,
    }

    lens: reactive[p.Lens | None] = reactive(None, always_update=True, repaint=False)
    """The facilitator's lens, whose splits are live (bound to the screen's)."""

    @dataclass
    class StatementAdded(Intent):
        text: str

        @property
        def command(self) -> p.AddStatement:
            return p.AddStatement(PENDING, self.text)

    @dataclass
    class StatementTagged(Intent):
        """One's own tag on a statement; None takes it back."""

        statement_id: str
        tag: p.Tag | None

        @property
        def command(self) -> p.TagStatement:
            return p.TagStatement(PENDING, self.statement_id, self.tag)

    @dataclass
    class StatementClassified(Intent):
        """The class the room agreed on; None: not agreed (any more)."""

        statement_id: str
        tag: p.Tag | None

        @property
        def command(self) -> p.ClassifyStatement:
            return p.ClassifyStatement(PENDING, self.statement_id, self.tag)

    @dataclass
    class SplitRevealed(Intent):
        statement_id: str

        @property
        def command(self) -> p.RevealSplit:
            return p.RevealSplit(PENDING, self.statement_id)

    @classmethod
    def help_bindings(cls, lang: str) -> list[BindingType]:
        """The keys for the help (?): one key for output in each language, not both."""
        _, hidden = output_keys(lang)
        return [b for b in cls.BINDINGS if not (isinstance(b, Binding) and b.key == hidden)]

    def __init__(self, t: Strings) -> None:
        super().__init__(t)
        shown, hidden = output_keys(t.lang)
        prefer_key(self, shown=shown, hidden=hidden)
        self.definitions_wanted: bool | None = None  # None: shown while still learning

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(Text(""), id="definitions")
        yield Static(Text(t("statements.empty")), id="statements-empty", classes="empty")
        yield StatementList(t, id="statement-list").data_bind(StatementArea.view)
        yield SplitPanel(t, id="split").data_bind(StatementArea.view, StatementArea.lens)

    def watch_view(self, view: View | None) -> None:
        if view is not None:
            self.query_one("#statements-empty").display = not view.snapshot.statements
            self.show_definitions(view)

    def show_definitions(self, view: View) -> None:
        """Ydelse and effekt explained, with the sector's pair: there while the person is
        learning to tell them apart, and whenever asked for with d."""
        panel = self.query_one("#definitions", Static)
        wanted = self.definitions_wanted
        if wanted is None:
            wanted = view.may_vote and len(view.mine.my_tags) < self.LEARNING_TAGS
        if wanted:
            text = Text(definitions(self.t, view))
            if str(panel.content) != text.plain:
                panel.update(text)
        panel.display = wanted

    def action_definitions(self) -> None:
        panel = self.query_one("#definitions", Static)
        self.definitions_wanted = not panel.display
        if self.view is not None:
            self.show_definitions(self.view)

    @on(OptionList.OptionHighlighted, "#statement-list")
    def follow_highlight(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one(SplitPanel).statement_id = event.option.id

    def conflict_start(self) -> ConflictStart:
        statement = self._highlighted()
        if statement is None or statement.removed:
            return ConflictStart()
        return ConflictStart(p.Ref("statement", statement.id), safe(statement.text))

    def allows(self, view: View, action: str) -> bool:
        return view.may_vote if action == "tag" else True

    def action_add(self) -> None:
        t = self.t
        output, effect = contrast(t, self.view) if self.view else ("", "")
        prompt = TextPrompt(
            t,
            t("dialog.statement"),
            limit=p.LIMITS["statement"],
            hint=t("dialog.statement_hint", output=output, effect=effect),
            action=t("action.add_statement"),
        )
        ask(self, prompt, self.StatementAdded)

    def action_tag(self, tag: str) -> None:
        statement_id = self._id_or_bell()
        if statement_id is not None:
            self.post_message(self.StatementTagged(statement_id, as_tag(tag)))

    def action_classify(self) -> None:
        statement_id = self._id_or_bell()
        if statement_id is None:
            return
        t = self.t
        choices = [
            ("output", t("statements.output")),
            ("effect", t("statements.effect")),
            ("none", t("dialog.classify_none")),
        ]
        ask(
            self,
            Choice(t("dialog.classify"), choices),
            lambda agreed: self.StatementClassified(statement_id, as_tag(agreed)),
        )

    def action_reveal_split(self) -> None:
        statement_id = self._id_or_bell()
        if statement_id is not None:
            self.post_message(self.SplitRevealed(statement_id))

    def action_remove(self) -> None:
        statement_id = self._id_or_bell()
        if statement_id is not None:
            self.ask_removal("statement", statement_id)

    def _highlighted(self) -> p.StatementView | None:
        statement_id = self.query_one(StatementList).selected_id
        return self.view.statement(statement_id) if self.view and statement_id else None

    def _id_or_bell(self) -> str | None:
        statement_id = self.query_one(StatementList).selected_id
        if statement_id is None:
            self.app.bell()
        return statement_id
