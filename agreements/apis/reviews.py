"""MOU reviews over the API: readers list and read them; a coordinator opens and closes one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from agreements.models import MOUReview, ParticipantKind, ReviewDecision, ReviewParticipant
from agreements.permissions import can_manage_mou_record
from agreements.selectors import records as selectors
from agreements.services.reviews import Participant, review_close, review_open
from core.api_base import ScopedDetailApi, ScopedListApi
from core.api_input import InputSerializer
from core.errors import ApplicationError
from roster.models import Role

if TYPE_CHECKING:
    from core.http import AuthenticatedRequest


class ReviewParticipantOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewParticipant
        fields = ("name", "organisation", "kind")


class MOUReviewOutputSerializer(serializers.ModelSerializer):
    participants = ReviewParticipantOutputSerializer(many=True)

    class Meta:
        model = MOUReview
        fields = (
            "id",
            "mou",
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
            "comment_summary",
            "comment_count",
            "participants",
        )


def _with_participants(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return queryset.prefetch_related("participants")


class MOUReviewListApi(ScopedListApi):
    """The reviews of the MOUs you read; ``?mou=`` and ``?status=`` narrow them."""

    scoped_model = MOUReview
    serializer_class = MOUReviewOutputSerializer
    filterset_fields = ("mou", "status")

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return _with_participants(queryset).order_by("mou_id", "-due_date")


class MOUReviewDetailApi(ScopedDetailApi):
    scoped_model = MOUReview
    serializer_class = MOUReviewOutputSerializer

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return _with_participants(queryset)


def _managed_review(request: AuthenticatedRequest, pk: int) -> MOUReview:
    review = get_object_or_404(selectors.reviews_visible(user=request.user), pk=pk)
    if not can_manage_mou_record(user=request.user, mou=review.mou):
        raise ApplicationError("Only the district's coordinators run its MOU reviews.", status=403)
    return review


def _answer(review: MOUReview) -> Response:
    return Response(
        MOUReviewOutputSerializer(
            _with_participants(MOUReview.objects.filter(pk=review.pk)).get()
        ).data
    )


class MOUReviewOpenApi(APIView):
    """Open a scheduled review with its participants and an optional comment window."""

    allowed_roles = (Role.COORDINATOR,)
    scoped_model = MOUReview

    class ParticipantInputSerializer(InputSerializer):
        name = serializers.CharField(max_length=200)
        organisation = serializers.CharField(max_length=200, required=False, default="")
        kind = serializers.ChoiceField(choices=ParticipantKind.choices)
        user = serializers.IntegerField(required=False, allow_null=True, default=None)

    class MOUReviewOpenInputSerializer(InputSerializer):
        participants = serializers.ListField(child=serializers.DictField(), allow_empty=False)
        comments_open_on = serializers.DateField(required=False, allow_null=True, default=None)
        comments_close_on = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(request=MOUReviewOpenInputSerializer, responses={200: MOUReviewOutputSerializer})
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        review = _managed_review(request, pk)
        serializer = self.MOUReviewOpenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        people = self.ParticipantInputSerializer(data=data["participants"], many=True)
        people.is_valid(raise_exception=True)
        review = review_open(
            review=review,
            participants=[
                Participant(p["name"], p["kind"], p["organisation"], p["user"])
                for p in people.validated_data
            ],
            comments_open_on=data["comments_open_on"],
            comments_close_on=data["comments_close_on"],
            actor=request.user,
        )
        return _answer(review)


class MOUReviewCloseApi(APIView):
    """Close an open review: renewed as is, or revised (its proposed version adopted)."""

    allowed_roles = (Role.COORDINATOR,)
    scoped_model = MOUReview

    class MOUReviewCloseInputSerializer(InputSerializer):
        decision = serializers.ChoiceField(choices=ReviewDecision.choices)
        reason = serializers.CharField()
        comment_summary = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        request=MOUReviewCloseInputSerializer, responses={200: MOUReviewOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        review = _managed_review(request, pk)
        serializer = self.MOUReviewCloseInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        review = review_close(
            review=review,
            decision=data["decision"],
            reason=data["reason"],
            comment_summary=data["comment_summary"],
            actor=request.user,
        )
        return _answer(review)
