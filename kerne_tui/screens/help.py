"""Every key, grouped by where it works, made from the bindings themselves."""

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
    }
)


def key_table(t: Strings, sections: list[tuple[str, list[BindingType]]]) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for title, bindings in sections:
        table.add_row(Text(t(title), style="bold underline"), "")
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            keys = " / ".join(_key(k) for k in binding.key.split(","))
            action = binding.action.split("(")[0]
            description = t(binding.description)
            if action in FACILITATOR_ACTIONS:
                description += f"  ({t('help.facilitator').lower()})"
            table.add_row(keys, description)
        table.add_row("", "")
    return table


def _key(key: str) -> str:
    return {
        "space": "Space",
        "delete": "Delete",
        "question_mark": "?",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
    }.get(key, key)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", show=False)
    ]

    def __init__(self, t: Strings, sections: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__()
        self.t = t
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Static(Text(self.t("help.title"), style="bold"), classes="dialog-title")
            yield Static(Text(self.t("help.intro")))
            yield Static(key_table(self.t, self.sections))
            yield Static(Text(self.t("help.close"), style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
