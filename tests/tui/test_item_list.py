"""How a session list takes a new set of items: what is unchanged stays as drawn, a
changed prompt is swapped in place, new items are appended, anything else is redrawn.
With hundreds of drafts, rebuilding the list on every event costs a room its frames."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from kerne_tui.locale import Strings
from kerne_tui.widgets.item_list import ItemList

SIZE = (100, 20)


def drafts(count: int, *, votes: dict[str, int] | None = None) -> list[tuple[str, Text]]:
    """Drafts of a nursing home's core task, two lines each: the text and its dots."""
    votes = votes or {}
    return [
        (
            f"d{i}",
            Text(
                f"d{i} Beboeren mestrer sin hverdag, version {i}\n    {votes.get(f'd{i}', 0)} dots"
            ),
        )
        for i in range(1, count + 1)
    ]


class OneList(App[None]):
    def compose(self) -> ComposeResult:
        yield ItemList(Strings("en"), id="list")


def shown(widget: ItemList, y: int) -> str:
    """The text of one line of the list as it is on screen now."""
    return widget.render_line(y).text.strip()


async def test_the_same_items_leave_every_option_as_drawn() -> None:
    """Drawing what is drawn already changes nothing."""
    app = OneList()
    async with app.run_test(size=SIZE) as pilot:
        widget = app.query_one(ItemList)
        widget.draw(drafts(40))
        await pilot.pause()
        before = [(o, o.prompt) for o in widget.options]
        widget.draw(drafts(40))
        assert [(o, o.prompt) for o in widget.options] == before
        assert all(
            o is b and o.prompt is p for o, (b, p) in zip(widget.options, before, strict=True)
        )


async def test_a_changed_prompt_is_swapped_in_place_where_the_person_is() -> None:
    """One vote: that option reads the new count; the highlight and scroll stay put."""
    app = OneList()
    async with app.run_test(size=SIZE) as pilot:
        widget = app.query_one(ItemList)
        widget.draw(drafts(40))
        widget.focus()
        await pilot.press("end", "up", "up")
        highlighted, scrolled = widget.highlighted, widget.scroll_y
        assert highlighted == 37 and scrolled > 0
        prompts = [o.prompt for o in widget.options]
        widget.draw(drafts(40, votes={"d38": 1}))
        await pilot.pause()
        assert (widget.highlighted, widget.scroll_y) == (highlighted, scrolled)
        assert "1 dots" in str(widget.get_option("d38").prompt)
        unchanged = [i for i in range(40) if i != 37]
        assert all(widget.options[i].prompt is prompts[i] for i in unchanged)
        line = 2 * 37 + 1 - round(widget.scroll_y)  # d38's second line, on screen
        assert shown(widget, line).endswith("1 dots")


async def test_a_prompt_that_grows_moves_the_options_below_it() -> None:
    """A revised draft a line longer pushes the next one down a line."""
    app = OneList()
    async with app.run_test(size=SIZE) as pilot:
        widget = app.query_one(ItemList)
        widget.draw(drafts(40))
        await pilot.pause()
        height = widget.virtual_size.height
        revised = drafts(40)
        revised[0] = ("d1", Text("d1 Beboeren mestrer sin hverdag\n    og sit liv\n    0 dots"))
        widget.draw(revised)
        await pilot.pause()
        assert widget.virtual_size.height == height + 1
        assert shown(widget, 1) == "og sit liv"
        assert shown(widget, 3).startswith("d2 Beboeren")


async def test_items_added_at_the_end_are_appended() -> None:
    """A new draft joins the list below; what was drawn stays, and so does the highlight."""
    app = OneList()
    async with app.run_test(size=SIZE) as pilot:
        widget = app.query_one(ItemList)
        widget.draw(drafts(40))
        widget.focus()
        await pilot.press("down", "down")
        before = list(widget.options)
        widget.draw(drafts(41))
        await pilot.pause()
        assert widget.option_count == 41 and widget.options[-1].id == "d41"
        assert all(a is b for a, b in zip(widget.options, before, strict=False))
        assert widget.selected_id == "d3"


async def test_the_first_item_of_an_empty_list_is_highlighted() -> None:
    """The first draft of a session can be voted on at once."""
    app = OneList()
    async with app.run_test(size=SIZE) as pilot:
        widget = app.query_one(ItemList)
        widget.draw([])
        widget.draw(drafts(1))
        await pilot.pause()
        assert widget.selected_id == "d1"


async def test_an_item_gone_redraws_the_list_and_keeps_the_highlight() -> None:
    """A list without one of its items is drawn anew, still on the highlighted item."""
    app = OneList()
    async with app.run_test(size=SIZE) as pilot:
        widget = app.query_one(ItemList)
        widget.draw(drafts(40))
        widget.focus()
        await pilot.press("down", "down")
        before = list(widget.options)
        widget.draw([item for item in drafts(40) if item[0] != "d2"])
        await pilot.pause()
        assert [o.id for o in widget.options][:3] == ["d1", "d3", "d4"]
        assert not set(map(id, widget.options)) & set(map(id, before))
        assert widget.selected_id == "d3"


async def test_a_hidden_list_shows_the_new_prompt_once_shown() -> None:
    """A list in another tab takes a change too, and shows it when the tab comes back."""
    app = OneList()
    async with app.run_test(size=SIZE) as pilot:
        widget = app.query_one(ItemList)
        widget.draw(drafts(40))
        await pilot.pause()
        widget.display = False
        await pilot.pause()
        widget.draw(drafts(40, votes={"d1": 2}))
        widget.display = True
        await pilot.pause()
        assert shown(widget, 1) == "2 dots"
        assert shown(widget, 2).startswith("d2 Beboeren")
