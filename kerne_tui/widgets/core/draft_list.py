"""The drafts of the core task: text, version, author, dots, the final one marked."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import NamedTuple

from rich.text import Text

from kerne_tui.locale import Strings
from kerne_tui.state import View
from kerne_tui.text import bar, plain
from kerne_tui.widgets.item_list import ItemList
from server import coach
from server import protocol as p
from server.support import criteria_sum, support, verdict


class DraftList(ItemList):
    """One option per draft, with the last round's dots under it."""

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(t, id=id)
        self._coached_for: object = None
        self._coached: dict[str, tuple[coach.Hint, ...]] = {}
        self._lists = coach.DEFAULT

    def sources(self, view: View) -> tuple[object, ...]:
        snap = view.snapshot
        return (
            snap.drafts,
            snap.rounds,
            snap.participants,
            view.mine,
            view.me,
            snap.session,
            snap.choices,
            snap.ratings,
            snap.coach_words,
        )

    def items(self, view: View) -> Iterable[tuple[str, Text]]:
        current = view.last_round
        tally = current.tally if current is not None else None
        most = max(tally.values(), default=0) if tally is not None else 0
        names = {x.id: x.name for x in view.snapshot.participants}
        mine, votes = set(view.mine.my_items), view.mine.my_votes
        snap = view.snapshot
        chosen = {choice.draft_id: choice.at for choice in snap.choices}
        parent = snap.session.parent_task
        hints = self._coach(snap.coach_words, parent)
        rating = view.open_rating
        today = datetime.now(UTC).date().isoformat()  # the server's times are UTC too
        for draft in view.snapshot.drafts:
            # A bar is drawn against the most dots, so that counts only where it is drawn.
            dots = None if tally is None else tally.get(draft.id, 0)
            face = _Face(
                draft,
                draft.id in mine,
                votes.count(draft.id),
                dots,
                most if dots else 0,
                names.get(draft.author, draft.author) if draft.author is not None else None,
                _date(self.t, chosen.get(draft.id), today) if draft.final else None,
                hints(draft.text) if draft.text else (),
                _verdict(self.t, snap, draft.id),
                _answers(self.t, view, rating, draft.id),
            )
            yield draft.id, self.prompt_of(draft.id, face, self._prompt)

    def _coach(
        self, words: dict[str, list[str]], parent: str | None
    ) -> Callable[[str], tuple[coach.Hint, ...]]:
        """The coach's hints per text, remembered while the session's words and the task
        above stay the same: a vote redraws the list, and the texts have not changed."""
        key = (tuple((k, tuple(v)) for k, v in sorted(words.items())), parent)
        if self._coached_for != key:
            self._coached_for = key
            self._coached = {}
            self._lists = coach.for_session(words)
        known, lists = self._coached, self._lists

        def hints(text: str) -> tuple[coach.Hint, ...]:
            if text not in known:
                known[text] = tuple(coach.coach(text, parent, lists))
            return known[text]

        return hints

    def _prompt(self, face: _Face) -> Text:
        t, draft = self.t, face.draft
        line = Text()
        line.append(f"{draft.id} ", style="dim")
        if draft.final:
            # Chosen as of a date, to be revisited: not "final".
            line.append(t("core.chosen", date=face.chosen_on or "") + " ", style="bold reverse")
        if draft.removed:
            line.append(t("core.removed"), style="dim italic")
            return line
        line.append(
            plain(draft.text, multiline=True, style="strike dim" if draft.withdrawn else "")
        )
        meta = Text("\n    ", style="dim")
        meta.append(t("core.version", version=draft.version), style="dim")
        if face.mine:
            meta.append(" · " + t("core.yours"), style="dim")
        elif face.author is not None:
            meta.append(" · ")
            meta.append(plain(t("core.by", name=face.author)))
        if draft.withdrawn:
            meta.append(" · " + t("core.withdrawn"), style="italic")
        if face.voted == 1:
            meta.append("  " + t("core.my_vote"), style="bold")
        elif face.voted > 1:
            meta.append("  " + t("core.my_votes", n=face.voted), style="bold")
        if face.dots is not None:
            meta.append(f"\n    {bar(face.dots, face.most):<20} ", style="bold")
            meta.append(t.n("core.votes", face.dots))
        if face.hints and not draft.withdrawn:
            shown = " · ".join(
                t(f"coach.short.{hint.code}", words=", ".join(hint.words)) for hint in face.hints
            )
            meta.append("\n    ")
            meta.append(plain(t("core.coach", hints=shown), style="italic"))
        if face.verdict:
            meta.append("\n    ")
            meta.append(plain(face.verdict, style="bold"))
        if face.answers:
            meta.append("\n    ")
            meta.append(plain(face.answers))
        line.append(meta)
        return line


class _Face(NamedTuple):
    """Everything one draft's option is made of: equal faces read the same."""

    draft: p.DraftView
    mine: bool
    voted: int  # own dots on it in the open round (more than one if the round allows)
    dots: int | None  # its dots in the last round, None while they are not shown
    most: int  # the most dots on any draft, where its own bar needs it
    author: str | None  # the author's name, as known
    chosen_on: str | None  # the day it was chosen, in words, if it is the chosen one
    hints: tuple[coach.Hint, ...]  # the formulation coach's, on its current text
    verdict: str  # its acceptance by profession in words, after a closed round
    answers: str  # own answers about it in the open rating round


def _date(t: Strings, at: str | None, today: str) -> str:
    """The day a draft was chosen: "today", or its date (the core task is chosen as of
    a date and revisited later, so an old choice shows when it was made)."""
    if not at:
        return ""
    if at[:10] == today:
        return t("core.today")
    year, month, day = at[:10].split("-")
    return t("core.date", year=year, month=month, day=day)


def _verdict(t: Strings, snap: p.Snapshot, draft_id: str) -> str:
    """Its acceptance in words ("every profession can live with it", or who cannot) and
    its criteria added up, once such rounds about it closed."""
    found = support(snap.rounds, snap.ratings, draft_id)
    said = [verdict(found.acceptance, t)] if found.acceptance is not None else []
    if found.criteria is not None:
        said.append(criteria_sum(found.criteria, t))
    return "  ".join(said)


def _answers(t: Strings, view: View, rating: p.RatingView | None, draft_id: str) -> str:
    """Own answers about a draft in the open rating round, in words ("" when not in it)."""
    if rating is None or draft_id not in rating.draft_ids:
        return ""
    scale = "acceptance" if rating.kind == "acceptance" else "judgement"
    questions = p.rating_questions(rating.kind)
    given = [a for a in (view.my_answer(draft_id, q) for q in questions) if a is not None]
    words = ", ".join(t(f"{scale}.{a}") for a in given) or "-"
    return f"◆ {len(given)}/{len(questions)} " + t("rating.answered", answer=words)
