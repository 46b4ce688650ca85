"""Help in a few pages: the method first (the shifts, the levels, why conflicts are
results), then every key, grouped by where it works, made from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from kerne_tui.locale import Strings

FACILITATOR_ACTIONS = frozenset(
    {
        "finalize",
        "remove",
        "classify",
        "menu",
        "round",
        "timer",
        "phase",
        "phase_next",
        "phase_back",
        "admit_all",
        "instruction",
    }
)
# Decisions, next steps and who follows a conflict up: the facilitator at any time,
# everyone in the wrap-up (and after the close, once reopened) -- the server's rule.
FOLLOW_UP_ACTIONS = frozenset({"add_action", "follow_action", "follow"})


def key_table(t: Strings, sections: list[tuple[str, list[BindingType]]]) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for title, bindings in sections:
        table.add_row(Text(t(title), style="bold underline"), "")
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            keys = " / ".join(_key(t, k) for k in binding.key.split(","))
            action = binding.action.split("(")[0]
            description = t(binding.description)
            if action in FACILITATOR_ACTIONS:
                description += f"  ({t('help.facilitator').lower()})"
            elif action in FOLLOW_UP_ACTIONS:
                description += f"  ({t('help.follow_up_who')})"
            table.add_row(keys, description)
        table.add_row("", "")
    return table


def _key(t: Strings, key: str) -> str:
    """A key as people call it, in their language (mellemrum, slet)."""
    return {
        "space": t("keyname.space"),
        "delete": t("keyname.delete"),
        "question_mark": "?",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
    }.get(key, key)


# The method's pages, before the keys: (title, text).
METHOD_PAGES = (
    ("help.shifts_title", "help.shifts"),
    ("help.levels_title", "help.levels"),
    ("help.conflicts_title", "help.conflicts_text"),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", show=False),
        Binding("right,pagedown,enter,space", "page(1)", show=False),
        Binding("left,pageup", "page(-1)", show=False),
    ]

    def __init__(
        self, t: Strings, sections: list[tuple[str, list[BindingType]]], page: int = 0
    ) -> None:
        super().__init__()
        self.t = t
        self.sections = sections
        self.page = page
        self.pages = len(METHOD_PAGES) + 1  # the keys are the last page

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Static(Text(""), classes="dialog-title", id="help-title")
            yield Static(Text(""), id="help-intro")
            yield Static(Text(""), id="help-body")
            yield Static(Text(""), id="help-page")

    def on_mount(self) -> None:
        self.show_page()

    def show_page(self) -> None:
        t = self.t
        intro = self.query_one("#help-intro", Static)
        if self.page < len(METHOD_PAGES):
            title, text = METHOD_PAGES[self.page]
            heading = f"{t('help.method_title')} · {t(title)}"
            body: Text | Table = Text(t(text))
            intro.display = False
        else:
            heading, body = t("help.title"), key_table(t, self.sections)
            intro.update(Text(t("help.intro")))
            intro.display = True
        self.query_one("#help-title", Static).update(Text(heading, style="bold"))
        self.query_one("#help-body", Static).update(body)
        footer = "\n" + t("help.page", page=self.page + 1, pages=self.pages)
        self.query_one("#help-page", Static).update(Text(footer, style="dim"))

    def action_page(self, step: int) -> None:
        self.page = max(0, min(self.pages - 1, self.page + step))
        self.show_page()

    def action_close(self) -> None:
        self.dismiss(None)
