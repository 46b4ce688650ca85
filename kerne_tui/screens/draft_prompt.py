"""Writing a draft of the core task, with the formulation coach's hints under the text
as it is typed: hints, never a block (the group may well keep its wording)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input, Label

from kerne_tui.locale import Strings
from kerne_tui.screens.text_prompt import TextPrompt
from server import coach


def hint_lines(t: Strings, hints: list[coach.Hint]) -> Text:
    """The coach's hints in full words, one per line ("" when it has none)."""
    lines = [
        t(f"coach.{hint.code}", words=", ".join(hint.words), max=coach.MAX_WORDS) for hint in hints
    ]
    return Text("\n".join(f"✎ {line}" for line in lines), style="italic")


class DraftPrompt(TextPrompt):
    """A TextPrompt whose `#coach` line reads the draft while it is written."""

    def __init__(
        self,
        t: Strings,
        title: Text | str,
        *,
        limit: int,
        parent_task: str | None,
        lists: coach.Coaching = coach.DEFAULT,
        hint: str = "",
        value: str = "",
        action: str = "",
    ) -> None:
        super().__init__(t, title, limit=limit, hint=hint, value=value, action=action)
        self.parent_task = parent_task
        self.lists = lists

    def on_mount(self) -> None:
        super().on_mount()
        box = self.query_one(".dialog")
        box.mount(Label(self._hints(self.value), id="coach"), after=self.query_one("#text"))

    def _hints(self, text: str) -> Text:
        return hint_lines(self.t, coach.coach(text, self.parent_task, self.lists))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        found = self.query("#coach")
        if found:
            found.first(Label).update(self._hints(event.value))
