"""How well a draft is supported, in words: what a facilitator sees before choosing it
and what the minutes say of the chosen core task.

Dots show preference, not whether every profession can stand behind a draft (DOMAIN.md,
"Choosing together"). So the facts are gathered per draft from what everyone already
sees, the public views: its dots in the last closed round and from which profession, its
acceptance by profession, its criteria. Every per-profession figure read here was made
under the k-rule at a round's close; nothing is recounted. `needs_reason` is the rule
for when a choice asks for a reason; `describe` says it all in the catalog's words
(`support.*`, the same keys in the screens' and the minutes' catalogs).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from server import protocol as p

Translate = Callable[..., str]  # t(key, **values): a catalog's words

# Answers on the acceptance scale that support a draft outright.
SUPPORTING: Final = ("full", "support")


@dataclass(frozen=True)
class Dots:
    """A draft's dots in the last closed round that had voters."""

    number: int
    dots: int
    total: int  # every dot of the round
    most: int  # the most any draft got
    groups: dict[str, int]  # dots on it per profession group; {} when withheld

    @property
    def best(self) -> bool:
        return self.dots == self.most and self.most > 0

    @property
    def without(self) -> list[str]:
        """The groups shown that gave it no dot (the school's teachers, say)."""
        return [group for group, dots in self.groups.items() if dots == 0]


@dataclass(frozen=True)
class Acceptance:
    """A draft's answers in the last closed acceptance round that asked about it."""

    number: int
    total: dict[str, int]
    groups: dict[str, dict[str, int]]  # {} when withheld

    @property
    def answers(self) -> int:
        return sum(self.total.values())

    @property
    def cannot(self) -> list[str]:
        """Groups shown in which someone cannot live with it."""
        return [group for group, counts in self.groups.items() if counts.get("cannot", 0)]


@dataclass(frozen=True)
class Criteria:
    """A draft's judgements in the last closed criteria round that asked about it."""

    number: int
    total: dict[str, dict[str, int]]  # criterion -> judgement -> count
    groups: dict[str, dict[str, dict[str, int]]]  # criterion -> group -> judgement -> count


@dataclass(frozen=True)
class Support:
    draft_id: str
    dots: Dots | None
    acceptance: Acceptance | None
    criteria: Criteria | None

    @property
    def needs_reason(self) -> bool:
        """A choice asks why when nothing shows support (never voted on), when another
        draft got more dots, when a profession shown gave it none (a majority of one
        large profession must not settle it for the others), or when some profession
        cannot live with it."""
        if self.dots is None and self.acceptance is None:
            return True
        if self.dots is not None and (not self.dots.best or self.dots.without):
            return True
        return self.acceptance is not None and bool(
            self.acceptance.cannot or self.acceptance.total.get("cannot", 0)
        )


def _dots(rounds: Sequence[p.RoundView], draft_id: str) -> Dots | None:
    for current in reversed(rounds):
        if current.open or current.tally is None or not current.voters:
            continue
        groups: dict[str, int] = {}
        for group, counts in (current.by_profession or {}).items():
            groups[group] = counts.get(draft_id, 0)
        tally = current.tally
        most = max(tally.values(), default=0)
        return Dots(current.number, tally.get(draft_id, 0), sum(tally.values()), most, groups)
    return None


def _last_closed(
    ratings: Sequence[p.RatingView], kind: p.RatingKind, draft_id: str
) -> p.RatingView | None:
    for rating in reversed(ratings):
        if rating.kind == kind and not rating.open and draft_id in rating.draft_ids:
            return rating
    return None


def support(
    rounds: Sequence[p.RoundView], ratings: Sequence[p.RatingView], draft_id: str
) -> Support:
    """Everything the session shows about one draft's support, from the public views."""
    acceptance = criteria = None
    rating = _last_closed(ratings, "acceptance", draft_id)
    if rating is not None:
        total = (rating.tally or {}).get(draft_id, {}).get(p.ACCEPTANCE_QUESTION, {})
        groups = (rating.by_profession or {}).get(draft_id, {}).get(p.ACCEPTANCE_QUESTION, {})
        if total:
            acceptance = Acceptance(rating.number, dict(total), dict(groups))
    rating = _last_closed(ratings, "criteria", draft_id)
    if rating is not None:
        totals = (rating.tally or {}).get(draft_id, {})
        if totals:
            figures = (rating.by_profession or {}).get(draft_id, {})
            criteria = Criteria(rating.number, dict(totals), dict(figures))
    return Support(draft_id, _dots(rounds, draft_id), acceptance, criteria)


def _group(t: Translate, group: str) -> str:
    return group or t("support.other")


def describe_dots(found: Support, t: Translate) -> list[str]:
    dots = found.dots
    if dots is None:
        return [t("support.never_voted")]
    lines = [t("support.dots", number=dots.number, dots=dots.dots, total=dots.total)]
    lines.append(t("support.best" if dots.best else "support.not_best", most=dots.most))
    if not dots.groups:
        lines.append(t("support.withheld"))
        return lines
    shown = ", ".join(f"{_group(t, g)} {n}" for g, n in dots.groups.items())
    lines.append(t("support.by_group", groups=shown))
    if dots.without:
        lines.append(t("support.none_from", groups=", ".join(_group(t, g) for g in dots.without)))
    return lines


def verdict(accepted: Acceptance, t: Translate) -> str:
    """One sentence: every profession can live with it, or which cannot (by profession
    when the k-rule lets the groups be shown, else for everyone who answered)."""
    if not accepted.groups:
        cannot = accepted.total.get("cannot", 0)
        key = "support.accept_some_cannot" if cannot else "support.accept_all_hidden"
        return t(key, cannot=cannot, n=accepted.answers)
    if not accepted.cannot:
        return t("support.accept_all")
    named = ", ".join(
        t(
            "support.accept_group",
            group=_group(t, group),
            cannot=accepted.groups[group].get("cannot", 0),
            n=sum(accepted.groups[group].values()),
        )
        for group in accepted.cannot
    )
    return t("support.accept_cannot", groups=named)


def describe_acceptance(found: Support, t: Translate) -> list[str]:
    accepted = found.acceptance
    if accepted is None:
        return [t("support.no_acceptance")]
    n = accepted.answers
    supports = sum(accepted.total.get(answer, 0) for answer in SUPPORTING)
    lines = [t("support.accept_round", number=accepted.number, n=n, supports=supports)]
    lines.append(verdict(accepted, t))
    return lines if accepted.groups else [*lines, t("support.withheld")]


def describe_criteria(found: Support, t: Translate) -> list[str]:
    criteria = found.criteria
    if criteria is None:
        return []
    lines = [t("support.criteria_round", number=criteria.number)]
    for criterion in p.CRITERIA:
        counts = criteria.total.get(criterion)
        if not counts:
            continue
        said = ", ".join(
            f"{counts.get(j, 0)} {t(f'judgement.{j}')}" for j in p.JUDGEMENTS if counts.get(j, 0)
        )
        line = t("support.criterion", criterion=t(f"criterion.{criterion}"), answers=said)
        doubting = [
            _group(t, group)
            for group, answers in criteria.groups.get(criterion, {}).items()
            if answers.get("no", 0) * 2 > sum(answers.values())
        ]
        if doubting:
            line += " " + t("support.criterion_no", groups=", ".join(doubting))
        lines.append(line)
    return lines


def criteria_sum(criteria: Criteria, t: Translate) -> str:
    """The criteria round's judgements on one draft, added up: one line for a list."""
    summed = {j: sum(c.get(j, 0) for c in criteria.total.values()) for j in p.JUDGEMENTS}
    said = ", ".join(f"{n} {t(f'judgement.{j}')}" for j, n in summed.items() if n)
    return t("support.criteria_sum", answers=said)


def describe(found: Support, t: Translate) -> list[str]:
    """The draft's support in words: dots, acceptance, criteria (one line each fact)."""
    return [*describe_dots(found, t), *describe_acceptance(found, t), *describe_criteria(found, t)]
