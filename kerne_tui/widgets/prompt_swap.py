"""Replacing the prompts of a few options of a long OptionList at the cost of those few.

Textual's own `replace_option_prompt` throws away the list's whole line cache, so the
next frame measures the height of every option again: with 500 drafts that is most of
a frame for one changed vote count. Here only the changed options are measured; if each
keeps its height, the line cache stays as it is and only their lines are repainted,
and if one grows or shrinks, the lines are rebuilt from that option on.

This reads OptionList's private caches (`_line_cache`, `_option_render_cache`) as they
are in Textual 8.2 (the version the tests pin; tests/tui/test_item_list.py checks the
result on screen). Whenever they are missing (another Textual) or do not cover the options yet,
it falls back to what the public method does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from rich.text import Text
from textual.css.styles import RulesMap
from textual.widgets import OptionList
from textual.widgets.option_list import Option

# What the fast path reads of an OptionList; without any of it, the public way.
_INTERNALS = (
    "_line_cache",
    "_option_render_cache",
    "_clear_caches",
    "_get_visual",
    "_get_left_gutter_width",
    "_update_lines",
)


def swap_prompts(options: OptionList, changes: Sequence[tuple[int, Text]]) -> None:
    """Give the options at these indexes their new prompts, in ascending index order."""
    if not changes:
        return
    known = hasattr(Option, "_set_prompt") and all(hasattr(options, x) for x in _INTERNALS)
    if not known:
        for index, prompt in changes:
            options.replace_option_prompt_at_index(index, prompt)
        return
    changed = [options.options[index] for index, _ in changes]
    for option, (_, prompt) in zip(changed, changes, strict=True):
        option._set_prompt(prompt)  # what the public method does, without its cache flush
    lines = options._line_cache
    padding = options.get_component_styles("option-list--option").padding
    width = options.scrollable_content_region.width - options._get_left_gutter_width()
    if width <= padding.width or any(index not in lines.heights for index, _ in changes):
        # Not measured yet (a list in a hidden tab, say): nothing cached to keep.
        options._clear_caches()
        return
    stale = set(changed)
    renders = options._option_render_cache
    # Textual's LRUCache is no mapping: it has `keys()` but cannot be iterated.
    for key in [key for key in renders.keys() if key[0] in stale]:  # noqa: SIM118
        renders.discard(key)
    rules = cast(RulesMap, options.styles)  # as OptionList measures them itself
    for option, (index, _) in zip(changed, changes, strict=True):
        visual = options._get_visual(option)
        height = visual.get_height(rules, width - padding.width) + option._divider
        if height != lines.heights[index]:
            _measure_from(options, index)
            return
    for index, _ in changes:
        options.refresh_lines(lines.index_to_line[index], lines.heights[index])


def _measure_from(options: OptionList, first: int) -> None:
    """Forget the lines from option `first` on and lay them out again: they moved."""
    lines = options._line_cache
    del lines.lines[lines.index_to_line[first] :]
    for index in range(first, options.option_count):
        lines.heights.pop(index, None)
        lines.index_to_line.pop(index, None)
    options._update_lines()
    options.refresh(layout=options.styles.auto_dimensions)
