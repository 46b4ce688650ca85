"""The join screen: the session's title, your name, your profession (picked or typed)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from kerne_tui.locale import Strings
from kerne_tui.text import safe
from server import protocol as p


@dataclass(frozen=True)
class Profile:
    """Who this person is in the room; remembered for the next session."""

    name: str
    profession: str


class JoinScreen(Screen[Profile]):
    """Dismisses with the name and profession once both are given."""

    def __init__(
        self,
        t: Strings,
        code: str,
        info: p.SessionInfo | None,
        *,
        name: str = "",
        profession: str = "",
    ) -> None:
        super().__init__()
        self.t = t
        self.code = code
        self.info = info
        self.name_value = name
        self.profession_value = profession

    @property
    def professions(self) -> list[str]:
        return [safe(x) for x in self.info.professions] if self.info else []

    def compose(self) -> ComposeResult:
        t = self.t
        with Center(), Vertical(id="join"):
            yield Label(t("join.title"), classes="dialog-title")
            if self.info is not None:
                yield Label(Text(t("join.session", title=safe(self.info.title))), id="session")
            yield Label(Text(t("join.code", code=self.code)), classes="dim")
            yield Label(t("join.name"))
            yield Input(
                value=self.name_value,
                placeholder=t("join.name_placeholder"),
                max_length=p.LIMITS["name"],
                id="name",
            )
            yield Label(t("join.profession"))
            yield Input(
                value=self.profession_value,
                placeholder=t("join.profession_placeholder"),
                max_length=p.LIMITS["profession"],
                suggester=SuggestFromList(self.professions, case_sensitive=False),
                id="profession",
            )
            if self.professions:
                yield Label(t("join.pick"), classes="dim")
                yield OptionList(*[Option(Text(x)) for x in self.professions], id="pick")
            yield Label(Text(""), id="problem", classes="problem")
            yield Button(t("join.submit"), variant="primary", id="submit")
        yield Footer()

    def on_mount(self) -> None:
        target = "#profession" if self.name_value else "#name"
        self.query_one(target, Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        field = self.query_one("#profession", Input)
        field.value = self.professions[event.option_index]
        self.set_focus(self.query_one("#submit", Button))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "name" and event.value.strip():
            # At once: a quick typist's next keys are the profession, not more name.
            self.set_focus(self.query_one("#profession", Input))
            return
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        profession = self.query_one("#profession", Input).value.strip()
        problem = self.query_one("#problem", Label)
        if not name:
            problem.update(Text(self.t("join.need_name")))
            self.query_one("#name", Input).focus()
            return
        if not profession:
            problem.update(Text(self.t("join.need_profession")))
            self.query_one("#profession", Input).focus()
            return
        self.dismiss(Profile(name, profession))
