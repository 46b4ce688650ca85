"""A decision or a next step: its words, who, by when and in which forum when it is
added; its status, a note, who, by when and where when it is followed up. Every field
but the words may stay empty."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select

from kerne_tui.dates import shown_date
from kerne_tui.intent import ask
from kerne_tui.locale import Strings
from kerne_tui.screens.choice import Choice
from kerne_tui.screens.dialog import Dialog
from kerne_tui.screens.follow_form import chosen_forum, forum_choices
from server import protocol as p


@dataclass(frozen=True)
class ActionDraft:
    """A new action's fields, or (following one up) what changed: None is left as it is."""

    what: str = ""
    status: p.ActionStatus | None = None
    note: str | None = None
    who: str | None = None
    due: str | None = None
    forum: p.Forum | None = None

    def added_as(self, kind: p.ActionKind, command_id: str) -> p.AddAction:
        """The command that adds this as a new decision or next step."""
        return p.AddAction(command_id, self.what, kind, self.who or "", self.due, self.forum)

    @property
    def changes_nothing(self) -> bool:
        return all(x is None for x in (self.status, self.note, self.who, self.due, self.forum))


class ActionForm(Dialog[ActionDraft]):
    """`existing` None: a new action of `kind`; else a follow-up of that one."""

    def __init__(
        self,
        t: Strings,
        title: Text | str,
        *,
        existing: p.ActionView | None = None,
        action: str = "",
    ) -> None:
        super().__init__()
        self.t = t
        self.title_text = Text(title) if isinstance(title, str) else title
        self.existing = existing
        self.action = action or t("dialog.ok")

    def compose(self) -> ComposeResult:
        t, old = self.t, self.existing
        with Vertical(classes="dialog wide form"):
            yield Label(self.title_text, classes="dialog-title")
            if old is None:
                yield self._field(
                    "dialog.what", Input(max_length=p.LIMITS["action"], id="text", compact=True)
                )
            else:
                statuses = [(t(f"actions.status.{s}"), s) for s in p.ACTION_STATUSES]
                yield self._field(
                    "dialog.status_field",
                    Select(
                        statuses, value=old.status, allow_blank=False, id="status", compact=True
                    ),
                )
                yield self._field(
                    "dialog.note_field",
                    Input(max_length=p.LIMITS["note"], id="note", compact=True),
                )
            yield self._field(
                "dialog.who",
                Input(old.who if old else "", max_length=p.LIMITS["owner"], id="who", compact=True),
            )
            yield self._field(
                "dialog.due",
                Input(
                    shown_date(old.due if old else None),
                    placeholder=t("dialog.date_hint"),
                    id="due",
                    compact=True,
                ),
            )
            forum = old.forum if old is not None and old.forum is not None else Select.NULL
            yield self._field(
                "dialog.forum",
                Select(
                    forum_choices(t),
                    value=forum,
                    prompt=t("dialog.no_forum"),
                    id="forum",
                    compact=True,
                ),
            )
            yield Label(Text(""), id="problem", classes="problem")
            with Horizontal(classes="buttons"):
                yield Button(self.action, variant="primary", id="ok")
                yield Button(t("dialog.cancel"), id="cancel")

    def _field(self, label: str, widget: Input | Select[str]) -> Horizontal:
        return Horizontal(Label(self.t(label)), widget, classes="field")

    def submit(self) -> None:
        due = self.day_in("#due", lambda typed: self.t("dialog.bad_date", typed=typed))
        if due is False:
            return
        who = self.query_one("#who", Input).value.strip()
        forum = chosen_forum(self.query_one("#forum", Select).value)
        old = self.existing
        if old is None:
            what = self.query_one("#text", Input).value.strip()
            if not what:
                self.problem(self.t("dialog.empty"))
                self.query_one("#text", Input).focus()
                return
            self.dismiss(ActionDraft(what, who=who or None, due=due, forum=forum))
            return
        chosen = self.query_one("#status", Select).value
        status = next((s for s in p.ACTION_STATUSES if s == chosen), None)
        note = self.query_one("#note", Input).value.strip()
        self.dismiss(
            ActionDraft(
                old.what,
                status=status if status != old.status else None,
                note=note or None,
                who=who if who != old.who else None,
                due=due if due != old.due else None,
                forum=forum if forum != old.forum else None,
            )
        )


def ask_new_action(
    widget: Widget, t: Strings, then: Callable[[p.ActionKind, ActionDraft], Message]
) -> None:
    """Which kind (a decision, a next step), then its words, who, by when and where; once
    answered, `widget` posts the message made from them. The menu and the key share it."""

    def chosen(kind: p.ActionKind | None) -> None:
        if kind is not None:
            form = ActionForm(t, t(f"actions.{kind}"), action=t("action.add_action"))
            ask(widget, form, lambda draft: then(kind, draft))

    kinds: list[tuple[p.ActionKind, str]] = [
        (kind, t(f"actions.{kind}")) for kind in ("action", "decision")
    ]
    widget.app.push_screen(Choice(t("menu.action"), kinds), chosen)
