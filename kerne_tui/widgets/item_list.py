"""What the session's lists share: one option per item, and on each change only what
changed drawn again, with the highlight kept on the same item."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kerne_tui.locale import Strings
from kerne_tui.state import View
from kerne_tui.widgets.prompt_swap import swap_prompts
from kerne_tui.widgets.steady import reads_the_same, same_objects

Inputs = TypeVar("Inputs")


class ItemList(OptionList):
    """Subclasses say what they are drawn from (`sources`) and how each item reads
    (`items`); the keys that act on the items belong to the area around the list."""

    view: reactive[View | None] = reactive(None, always_update=True, repaint=False)
    """The session as this person sees it (bound to the area's)."""

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t
        self._drawn_from: tuple[object, ...] = ()
        # Each item's prompt with what it was made from: an unchanged item is not
        # rendered again (with 500 drafts, rendering them all costs a frame).
        self._prompts: dict[str, tuple[object, Text]] = {}

    @property
    def selected_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def sources(self, view: View) -> tuple[object, ...]:
        """Everything the items are made from, as the fold hands it over."""
        raise NotImplementedError

    def items(self, view: View) -> Iterable[tuple[str, Text]]:
        """Each item's id and how it reads."""
        raise NotImplementedError

    def prompt_of(self, item_id: str, inputs: Inputs, render: Callable[[Inputs], Text]) -> Text:
        """The item's prompt: the one drawn before if `inputs` (everything it is made
        of, compared by value) are the same, else `render(inputs)`."""
        kept = self._prompts.get(item_id)
        if kept is not None and kept[0] == inputs:
            return kept[1]
        prompt = render(inputs)
        self._prompts[item_id] = (inputs, prompt)
        return prompt

    def watch_view(self) -> None:
        self.show()

    def show(self) -> None:
        """Draw the view, but only when a source is another object than at the last draw.

        The fold replaces only the collections an event touched, so an unchanged one is
        the very same object.
        """
        view = self.view
        if view is None:
            return
        sources = self.sources(view)
        if same_objects(self._drawn_from, sources):
            return
        self._drawn_from = sources
        self.draw(list(self.items(view)))

    def draw(self, items: Sequence[tuple[str, Text]]) -> None:
        """Change only what differs from what is drawn: the prompts that changed, the
        items added at the end; anything else (an item gone, a new order) redraws all."""
        drawn = self.options
        if len(items) < len(drawn) or any(
            option.id != item_id for option, (item_id, _) in zip(drawn, items, strict=False)
        ):
            self.redraw(items)
            return
        changed = [
            (index, prompt)
            for index, (option, (_, prompt)) in enumerate(zip(drawn, items, strict=False))
            if not _same_prompt(option.prompt, prompt)
        ]
        swap_prompts(self, changed)
        added = items[len(drawn) :]
        if added:
            self.add_options(Option(prompt, id=item_id) for item_id, prompt in added)
            if self.highlighted is None:
                self.highlighted = 0
                self.refresh_bindings()
        self._keep_prompts_of_drawn()

    def redraw(self, items: Iterable[tuple[str, Text]]) -> None:
        """Replace every option, keeping the highlighted item where it was."""
        keep = self.selected_id
        options = [Option(prompt, id=item_id) for item_id, prompt in items]
        self.set_options(options)
        if options:
            ids = [o.id for o in options]
            self.highlighted = ids.index(keep) if keep in ids else 0
        self.refresh_bindings()
        self._keep_prompts_of_drawn()

    def _keep_prompts_of_drawn(self) -> None:
        """Forget the prompts of items no longer drawn."""
        if len(self._prompts) > self.option_count:
            shown = {option.id for option in self.options}
            self._prompts = {k: v for k, v in self._prompts.items() if k in shown}


def _same_prompt(drawn: object, prompt: Text) -> bool:
    """The same object (an unchanged item's cached prompt), or one reading the same."""
    return drawn is prompt or (isinstance(drawn, Text) and reads_the_same(drawn, prompt))
