"""What the three areas with a list share: the view they draw, their keys in the
person's language, and removing an item with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.containers import Vertical
from textual.reactive import reactive

from kerne_tui.intent import PENDING, Intent, ask
from kerne_tui.locale import Strings, localize_bindings
from kerne_tui.roles import may_send
from kerne_tui.screens.conflict_form import ConflictStart
from kerne_tui.screens.text_prompt import TextPrompt
from kerne_tui.state import View
from server import protocol as p


class ItemArea(Vertical):
    """An area of the session screen: its list and what its keys ask of the session."""

    # The command each key sends: whether the person's role allows it is the protocol's
    # rule, read by `may_send`.
    SENDS: ClassVar[dict[str, type[p.Command]]] = {}

    view: reactive[View | None] = reactive(None, always_update=True, repaint=False)
    """The session as this person sees it (bound to the screen's)."""

    @dataclass
    class ItemRemoved(Intent):
        """The facilitator takes an item out of the session, saying why."""

        kind: p.ItemKind
        item_id: str
        reason: str

        @property
        def command(self) -> p.RemoveItem:
            return p.RemoveItem(PENDING, self.kind, self.item_id, self.reason)

    def __init__(self, t: Strings) -> None:
        super().__init__()
        self.t = t
        localize_bindings(self, t)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        command = self.SENDS.get(action)
        if command is None:
            return True
        view = self.view
        return view is not None and may_send(view, command) and self.allows(view, action)

    def allows(self, view: View, action: str) -> bool:
        """Rules on top of the role's, such as who votes and whose item it is."""
        return True

    def conflict_start(self) -> ConflictStart:
        """What a conflict recorded from this area is about: the highlighted item, if any."""
        return ConflictStart()

    def ask_removal(self, kind: p.ItemKind, item_id: str) -> None:
        t = self.t
        kinds = {"draft": "ref.draft", "statement": "ref.statement"}
        label = t(kinds[kind], id=item_id) if kind in kinds else item_id
        prompt = TextPrompt(
            t,
            t("dialog.remove", kind="", id=label).replace("  ", " "),
            limit=p.LIMITS["reason"],
            hint=t("dialog.remove_reason"),
            allow_empty=True,
            action=t("action.remove"),
        )
        ask(self, prompt, lambda reason: self.ItemRemoved(kind, item_id, reason))
