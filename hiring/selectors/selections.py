"""Reading selection records, and what of the panel's scores the reader may see.

Sealing is a read rule as much as a write rule: before the panel is complete a
panelist reads only their own scores, and the managers (coordinator, the agency's
supervisor) read no one's; once every panelist has submitted (or the record is
decided), the managers read every panelist's scores and the weighted totals. A
panelist who does not manage the record only ever reads their own."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet

from hiring.models import Panelist, PanelScore, SelectionCriterion, SelectionRecord
from hiring.permissions import can_manage_selection, can_see_panel_scores

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def selections_visible(*, user: User | AnonymousUser) -> QuerySet[SelectionRecord]:
    return (
        SelectionRecord.objects.visible_to(user)
        .select_related("school", "agency", "candidate", "guideline", "district")
        .annotate(
            panel_size=Count("panelists", distinct=True),
            panel_submitted=Count(
                "panelists", filter=Q(panelists__submitted_at__isnull=False), distinct=True
            ),
        )
        .order_by("-created_at", "-pk")
    )


def weighted_mean(scores: list[PanelScore], weights: dict[int, int]) -> Decimal | None:
    """The sum of score times weight over the sum of weight, for the scored qualities, 1 to 4, two decimals."""
    total_weight = sum(weights[s.criterion_id] for s in scores)
    if not total_weight:
        return None
    value = Decimal(sum(s.score * weights[s.criterion_id] for s in scores)) / total_weight
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PanelistScores:
    panelist: Panelist
    scores: dict[int, PanelScore]
    weighted: Decimal | None


@dataclass
class SelectionView:
    record: SelectionRecord
    criteria: list[SelectionCriterion]
    panelists: list[Panelist]
    me: Panelist | None
    my_scores: dict[int, PanelScore]
    panel_complete: bool
    can_manage: bool
    can_see_panel: bool
    # Filled only when ``can_see_panel``.
    panel: list[PanelistScores] = field(default_factory=list)
    panel_weighted: Decimal | None = None
    # Representatives the reader may enter scores for (managers, open record).
    representatives: list[Panelist] = field(default_factory=list)


def selection_view(*, user: User | AnonymousUser, pk: int) -> SelectionView:
    """The record as ``user`` may read it; an out-of-scope id raises DoesNotExist (a 404)."""
    record = (
        selections_visible(user=user)
        .select_related("assignment", "assignment__school", "decided_by", "created_by")
        .get(pk=pk)
    )
    criteria = list(SelectionCriterion.objects.filter(guideline_id=record.guideline_id))
    panelists = list(
        Panelist.objects.filter(record=record).prefetch_related(
            Prefetch("scores", queryset=PanelScore.objects.order_by("criterion_id"))
        )
    )
    complete = all(p.submitted_at is not None for p in panelists)
    me = next((p for p in panelists if p.user_id == user.pk), None)
    manage = can_manage_selection(user, record)
    see = can_see_panel_scores(user, record, panel_complete=complete)
    weights = {c.pk: c.weight for c in criteria}
    found = SelectionView(
        record=record,
        criteria=criteria,
        panelists=panelists,
        me=me,
        my_scores={s.criterion_id: s for s in me.scores.all()} if me else {},
        panel_complete=complete,
        can_manage=manage,
        can_see_panel=see,
    )
    # A manager who sits on the panel reads a representative's sheet only after
    # sealing their own scores (the same rule as entering it).
    if manage and (me is None or me.submitted_at is not None):
        found.representatives = [p for p in panelists if p.user_id is None]
    if see:
        found.panel = [
            PanelistScores(
                panelist=p,
                scores={s.criterion_id: s for s in p.scores.all()},
                weighted=weighted_mean(list(p.scores.all()), weights),
            )
            for p in panelists
        ]
        every = [s for p in panelists for s in p.scores.all()]
        found.panel_weighted = weighted_mean(every, weights)
    return found


def representative_scores(*, view: SelectionView, panelist_id: int) -> dict[int, PanelScore]:
    """A representative's scores, for the manager who types them in."""
    for panelist in view.representatives:
        if panelist.pk == panelist_id:
            return {s.criterion_id: s for s in panelist.scores.all()}
    return {}
