"""The district's MOU record for the portability export (roster/portability.py).

Public comments stay out: their texts reach only a review's participants, once the
window is over and the district's comment minimum came, and an export travels. The
reviews carry how many came and the coordinator's summary.
"""

from __future__ import annotations

from agreements.models import MOUClause, MOUReview, MOUVersion, ReviewParticipant
from roster.models import District


def district_tables(district: District) -> list[tuple[str, list[str], object]]:
    versions = MOUVersion.objects.filter(mou__district=district)
    reviews = MOUReview.objects.filter(mou__district=district)
    return [
        (
            "mou_versions",
            [
                "agency",
                "version",
                "adopted_on",
                "removal_response_days",
                "review_cycle_months",
                "bars_ordinary_discipline",
                "changes_en",
                "changes_es",
                "text",
            ],
            versions.order_by("mou__agency__code", "number").values_list(
                "mou__agency__code",
                "number",
                "adopted_on",
                "removal_response_days",
                "review_cycle_months",
                "bars_ordinary_discipline",
                "changes_en",
                "changes_es",
                "text",
            ),
        ),
        (
            "mou_clauses",
            ["agency", "version", "clause", "text_en", "text_es"],
            MOUClause.objects.filter(version__in=versions)
            .order_by("version__mou__agency__code", "version__number", "clause")
            .values_list(
                "version__mou__agency__code", "version__number", "clause", "text_en", "text_es"
            ),
        ),
        (
            "mou_reviews",
            [
                "agency",
                "due_date",
                "status",
                "base_version",
                "proposed_version",
                "opened_on",
                "comments_open_on",
                "comments_close_on",
                "closed_on",
                "decision",
                "decision_reason",
                "comment_count",
                "comment_summary",
            ],
            reviews.order_by("mou__agency__code", "due_date", "pk").values_list(
                "mou__agency__code",
                "due_date",
                "status",
                "base_version__number",
                "proposed_version__number",
                "opened_on",
                "comments_open_on",
                "comments_close_on",
                "closed_on",
                "decision",
                "decision_reason",
                "comment_count",
                "comment_summary",
            ),
        ),
        (
            "mou_review_participants",
            ["agency", "review_due_date", "name", "organisation", "kind", "username"],
            ReviewParticipant.objects.filter(review__in=reviews)
            .order_by("review__mou__agency__code", "review__due_date", "kind", "name")
            .values_list(
                "review__mou__agency__code",
                "review__due_date",
                "name",
                "organisation",
                "kind",
                "user__username",
            ),
        ),
    ]
