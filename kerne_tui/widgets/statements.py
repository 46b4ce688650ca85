"""Statements about the work, each with its output/effect split and the agreed class."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from kerne_tui.state import View
from kerne_tui.text import plain
from kerne_tui.widgets.items import ItemList
from server import protocol as p
from server.views import disputed

SPLIT_WIDTH = 16


class StatementList(ItemList):
    """One option per statement; keys tag the highlighted one (one key per class)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "add", "key.add_statement"),
        Binding("o", "tag('output')", "key.tag_output"),
        Binding("e", "tag('effect')", "key.tag_effect"),
        Binding("u", "tag('')", "key.tag_clear"),
        Binding("g", "classify", "key.classify"),
        Binding("v", "reveal_split", "key.reveal_split"),
        Binding("delete,x", "remove", "key.remove"),
    ]

    class Action(Message):
        """The person asked for `action` on `statement_id`; `tag` for tagging."""

        def __init__(self, action: str, statement_id: str | None, tag: str = "") -> None:
            super().__init__()
            self.action = action
            self.statement_id = statement_id
            self.tag = tag

    def show(self, view: View) -> None:
        self.redraw(view, [(s.id, self._prompt(view, s)) for s in view.snapshot.statements])

    def _prompt(self, view: View, statement: p.StatementView) -> Text:
        t = self.t
        line = Text()
        line.append(f"{statement.id} ", style="dim")
        if statement.removed:
            line.append(t("statements.removed"), style="dim italic")
            return line
        line.append(plain(statement.text, multiline=True))
        output, effect = statement.tally.get("output", 0), statement.tally.get("effect", 0)
        total = output + effect
        meta = Text("\n    ")
        if total:
            left = round(SPLIT_WIDTH * output / total)
            meta.append("▒" * left, style="yellow")
            meta.append("█" * (SPLIT_WIDTH - left), style="cyan")
            meta.append(" ")
        meta.append(t("statements.split", output=output, effect=effect))
        if statement.my_tag is not None:
            meta.append("  " + t("statements.mine", tag=t(f"statements.{statement.my_tag}")))
        elif view.may_vote:
            meta.append("  " + t("statements.untagged"), style="dim")
        if disputed(statement) and statement.agreed is None:
            meta.append("  " + t("statements.disputed"), style="bold magenta")
        if statement.agreed is not None:
            agreed = t(f"statements.{statement.agreed}")
            meta.append("  " + t("statements.agreed", tag=agreed), style="bold green")
        line.append(meta)
        return line

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.view
        if view is None or action not in {"add", "tag", "classify", "remove", "reveal_split"}:
            return True
        if action in ("classify", "remove", "reveal_split"):
            return view.is_facilitator and not view.snapshot.session.closed
        if action == "tag":
            return view.may_vote
        return view.may_write

    def action_add(self) -> None:
        self.post_message(self.Action("add", None))

    def action_tag(self, tag: str) -> None:
        self.post_message(self.Action("tag", self.selected_id, tag))

    def action_classify(self) -> None:
        self.post_message(self.Action("classify", self.selected_id))

    def action_reveal_split(self) -> None:
        self.post_message(self.Action("reveal_split", self.selected_id))

    def action_remove(self) -> None:
        self.post_message(self.Action("remove", self.selected_id))
