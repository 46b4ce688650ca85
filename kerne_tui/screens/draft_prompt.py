"""Writing a draft of the core task, with the formulation coach's hints under the text
as it is typed (hints, never a block: the group may well keep its wording), and the
statements the room agreed on at hand as building blocks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Input, Label

from kerne_tui.locale import Strings
from kerne_tui.screens.text_prompt import TextPrompt
from kerne_tui.text import safe
from server import coach
from server import protocol as p

# A short list beside the input, not a second screen: the newest agreed ones are kept.
MAX_BLOCKS = 6
BLOCK_CHARS = 90


@dataclass(frozen=True)
class Blocks:
    """The statements agreed as effect (what the draft is built from) and as output
    (what we deliver: to be told apart from the value, so marked as such)."""

    effects: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()


def agreed_blocks(statements: Sequence[p.StatementView]) -> Blocks:
    """The agreed statements still standing, in the order they were written."""

    def agreed(tag: p.Tag) -> tuple[str, ...]:
        texts = [s.text for s in statements if s.agreed == tag and not s.removed and s.text]
        return tuple(texts[-MAX_BLOCKS:])

    return Blocks(agreed("effect"), agreed("output"))


def block_lines(t: Strings, blocks: Blocks) -> Text | None:
    """The building blocks as plain text (people's words are never markup); None when
    the room agreed on nothing yet, so the prompt says nothing about it."""
    if not blocks.effects and not blocks.outputs:
        return None

    def line(text: str) -> str:
        one = safe(text)
        return one if len(one) <= BLOCK_CHARS else one[: BLOCK_CHARS - 1] + "…"

    lines: list[str] = []
    if blocks.effects:
        lines.append(t("draft.blocks_effect"))
        lines += [f"  • {line(x)}" for x in blocks.effects]
    if blocks.outputs:
        lines.append(t("draft.blocks_output"))
        lines += [f"  • {line(x)}" for x in blocks.outputs]
    return Text("\n".join(lines), style="dim")


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
        blocks: Blocks = Blocks(),
    ) -> None:
        super().__init__(t, title, limit=limit, hint=hint, value=value, action=action)
        self.parent_task = parent_task
        self.lists = lists
        self.blocks = blocks

    def on_mount(self) -> None:
        super().on_mount()
        box = self.query_one(".dialog")
        coach_line = Label(self._hints(self.value), id="coach")
        box.mount(coach_line, after=self.query_one("#text"))
        shown = block_lines(self.t, self.blocks)
        if shown is not None:
            box.mount(Label(shown, id="blocks"), after=coach_line)

    def _hints(self, text: str) -> Text:
        return hint_lines(self.t, coach.coach(text, self.parent_task, self.lists))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        found = self.query("#coach")
        if found:
            found.first(Label).update(self._hints(event.value))
