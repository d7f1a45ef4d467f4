"""Selection record endpoints. Reading goes through ``selection_view``, so the answer
holds only the scores the caller may see (their own; the panel's once complete, for
the coordinator and the agency's supervisor)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_base import ScopedListApi, ScopedQuerysetMixin
from core.api_input import InputSerializer
from hiring.models import PanelistKind, SelectionDecision, SelectionRecord
from hiring.selectors.selections import SelectionView, selection_view, selections_visible
from hiring.services.selections import (
    PanelSeat,
    ScoreEntry,
    panel_scores_save,
    panelist_submit,
    selection_record_create,
    selection_record_decide,
)
from roster.models import Officer, Role, School

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from core.http import AuthenticatedRequest

MANAGERS: tuple[Role, ...] = (Role.COORDINATOR, Role.SUPERVISOR)
STAFF: tuple[Role, ...] = (Role.COORDINATOR, Role.SUPERVISOR, Role.PRINCIPAL)


class SelectionSummarySerializer(serializers.ModelSerializer):
    candidate_name = serializers.CharField(source="candidate.full_name", read_only=True)
    school_name = serializers.CharField(source="school.name", read_only=True)
    panel_size = serializers.IntegerField(read_only=True)
    panel_submitted = serializers.IntegerField(read_only=True)

    class Meta:
        model = SelectionRecord
        fields = (
            "id",
            "district",
            "school",
            "school_name",
            "agency",
            "candidate",
            "candidate_name",
            "guideline",
            "status",
            "decision",
            "decided_on",
            "assignment",
            "panel_size",
            "panel_submitted",
            "created_at",
        )


def _scores(scores: dict[int, Any]) -> list[dict[str, Any]]:
    return [{"criterion": pk, "score": s.score, "note": s.note} for pk, s in sorted(scores.items())]


def selection_json(view: SelectionView) -> dict[str, Any]:
    record = view.record
    data = dict(SelectionSummarySerializer(record).data)
    data["panel"] = [
        {
            "id": p.pk,
            "name": p.name,
            "kind": p.kind,
            "has_account": p.user_id is not None,
            "submitted": p.submitted_at is not None,
        }
        for p in view.panelists
    ]
    data["my_scores"] = _scores(view.my_scores) if view.me else None
    data["panel_complete"] = view.panel_complete
    data["panel_scores"] = (
        [
            {
                "panelist": row.panelist.pk,
                "weighted": row.weighted,
                "scores": _scores(row.scores),
            }
            for row in view.panel
        ]
        if view.can_see_panel
        else None
    )
    data["panel_weighted"] = view.panel_weighted if view.can_see_panel else None
    data["decision_reason"] = record.decision_reason if view.can_manage else None
    return data


class SelectionRecordListApi(ScopedListApi):
    scoped_model = SelectionRecord
    serializer_class = SelectionSummarySerializer
    allowed_roles = STAFF
    filterset_fields = ("district", "school", "status")

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return selections_visible(user=self.request.user)


class _SelectionApi(ScopedQuerysetMixin, APIView):
    scoped_model = SelectionRecord
    allowed_roles = STAFF

    def view_of(self, request: AuthenticatedRequest, pk: int) -> SelectionView:
        try:
            return selection_view(user=request.user, pk=pk)
        except SelectionRecord.DoesNotExist as error:
            raise Http404 from error


class SelectionRecordDetailApi(_SelectionApi):
    @extend_schema(responses={200: SelectionSummarySerializer})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        return Response(selection_json(self.view_of(request, pk)))


class RepresentativeInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=[PanelistKind.STUDENT.value, PanelistKind.FAMILY.value])


class SelectionRecordCreateApi(APIView):
    """Open a selection record for a candidate officer at a school, with its panel."""

    allowed_roles = MANAGERS
    scope_exempt = (
        "school and officer are looked up through visible_to; the service refuses a caller"
        " who is neither the district's coordinator nor the agency's supervisor"
    )

    class SelectionRecordCreateInputSerializer(InputSerializer):
        school = serializers.IntegerField()
        candidate = serializers.IntegerField()
        panel_users = serializers.ListField(child=serializers.IntegerField(), allow_empty=True)
        representatives = RepresentativeInputSerializer(many=True, required=False, default=list)

    @extend_schema(
        request=SelectionRecordCreateInputSerializer, responses={201: SelectionSummarySerializer}
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.SelectionRecordCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        school = get_object_or_404(School.objects.visible_to(request.user), pk=data["school"])
        candidate = get_object_or_404(
            Officer.objects.visible_to(request.user), pk=data["candidate"]
        )
        users = {u.pk: u for u in get_user_model().objects.filter(pk__in=data["panel_users"])}
        unknown = [pk for pk in data["panel_users"] if pk not in users]
        if unknown:
            raise serializers.ValidationError({"panel_users": [f"No such user: {unknown[0]}."]})
        panel = [PanelSeat(user=users[pk]) for pk in data["panel_users"]]
        panel += [PanelSeat(name=r["name"], kind=r["kind"]) for r in data["representatives"]]
        record = selection_record_create(
            school=school, candidate=candidate, panel=panel, actor=request.user
        )
        return Response(
            selection_json(selection_view(user=request.user, pk=record.pk)),
            status=status.HTTP_201_CREATED,
        )


class ScoreInputSerializer(InputSerializer):
    criterion = serializers.IntegerField()
    score = serializers.IntegerField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SelectionScoresSaveApi(_SelectionApi):
    """Save the caller's own scores (or, for a manager, a representative's sheet)."""

    class SelectionScoresSaveInputSerializer(InputSerializer):
        panelist = serializers.IntegerField(required=False)
        scores = ScoreInputSerializer(many=True)
        submit = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        request=SelectionScoresSaveInputSerializer, responses={200: SelectionSummarySerializer}
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        view = self.view_of(request, pk)
        serializer = self.SelectionScoresSaveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "panelist" in data:
            panelist = next((p for p in view.representatives if p.pk == data["panelist"]), None)
        else:
            panelist = view.me
        if panelist is None:
            raise Http404
        panel_scores_save(
            panelist=panelist,
            scores=[ScoreEntry(s["criterion"], s["score"], s["note"]) for s in data["scores"]],
            actor=request.user,
        )
        if data["submit"]:
            panelist_submit(panelist=panelist, actor=request.user)
        return Response(selection_json(self.view_of(request, pk)))


class SelectionRecordDecideApi(_SelectionApi):
    allowed_roles = MANAGERS

    class SelectionRecordDecideInputSerializer(InputSerializer):
        decision = serializers.ChoiceField(choices=SelectionDecision.choices)
        reason = serializers.CharField()
        incomplete_panel_reason = serializers.CharField(
            required=False, allow_blank=True, default=""
        )
        start_date = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(
        request=SelectionRecordDecideInputSerializer, responses={200: SelectionSummarySerializer}
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        view = self.view_of(request, pk)
        if not view.can_manage:
            raise Http404
        serializer = self.SelectionRecordDecideInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        selection_record_decide(record=view.record, actor=request.user, **serializer.validated_data)
        return Response(selection_json(self.view_of(request, pk)))
