"""Who follows a conflict up, in which forum, by when, and whether it goes to the level
above: every field may stay as it is."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select

from kerne_tui.dates import shown_date
from kerne_tui.locale import Strings
from kerne_tui.screens.dialog import Dialog
from server import protocol as p


@dataclass(frozen=True)
class FollowUp:
    """Who, where, by when, and whether to the level above (None: left as it is)."""

    owner: str | None = None
    forum: p.Forum | None = None
    due: str | None = None
    above: bool | None = None

    @property
    def empty(self) -> bool:
        return all(x is None for x in (self.owner, self.forum, self.due, self.above))


def forum_choices(t: Strings) -> list[tuple[str, p.Forum]]:
    return [(t(f"actions.forum.{f}"), f) for f in p.FORUMS]


def chosen_forum(value: object) -> p.Forum | None:
    """The forum a Select holds, typed as the protocol's (None while blank)."""
    return next((f for f in p.FORUMS if f == value), None)


class FollowForm(Dialog[FollowUp]):
    """Dismisses with what changed; a day that does not exist is said, and nothing sent."""

    def __init__(self, t: Strings, title: Text, conflict: p.ConflictView) -> None:
        super().__init__()
        self.t = t
        self.title_text = title
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        t, c = self.t, self.conflict
        with Vertical(classes="dialog wide form"):
            yield Label(self.title_text, classes="dialog-title")
            yield Horizontal(
                Label(t("dialog.owner")),
                Input(c.owner, max_length=p.LIMITS["owner"], id="owner", compact=True),
                classes="field",
            )
            yield Horizontal(
                Label(t("dialog.forum")),
                Select(
                    forum_choices(t),
                    value=c.forum if c.forum is not None else Select.NULL,
                    prompt=t("dialog.no_forum"),
                    id="forum",
                    compact=True,
                ),
                classes="field",
            )
            yield Horizontal(
                Label(t("dialog.due")),
                Input(shown_date(c.due), placeholder=t("dialog.date_hint"), id="due", compact=True),
                classes="field",
            )
            yield Checkbox(t("dialog.above"), value=c.above, id="above", compact=True)
            yield Label(Text(""), id="problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button(t("action.save"), variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    def submit(self) -> None:
        c = self.conflict
        due = self.day_in("#due", lambda typed: self.t("dialog.bad_date", typed=typed))
        if due is False:
            return
        owner = self.query_one("#owner", Input).value.strip()
        forum = chosen_forum(self.query_one("#forum", Select).value)
        above = self.query_one("#above", Checkbox).value
        self.dismiss(
            FollowUp(
                owner=owner if owner != c.owner else None,
                forum=forum if forum != c.forum else None,
                due=due if due != c.due else None,
                above=above if above != c.above else None,
            )
        )
