"""Flag and flag rule endpoints: one APIView per operation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_base import ScopedDetailApi, ScopedListApi
from core.api_input import InputSerializer
from core.filters import BooleanFilter, IntegerFilter, StrictFilterSet
from flags.models import Comparison, Flag, FlagRule, FlagSeverity, FlagStatus
from flags.rules import registry
from flags.selectors.flags import flag_rules_visible, flags_visible
from flags.services import flags as services
from flags.services import rules as rule_services
from roster.models import Assignment, District, Role
from roster.scoping import scope_for

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from core.http import AuthenticatedRequest
    from flags.models.flags import FlagQuerySet


class FlagOutputSerializer(serializers.ModelSerializer):
    rule_code = serializers.CharField(source="rule.code")
    rule_name = serializers.CharField(source="rule.name")
    metric = serializers.CharField(source="rule.metric")
    officer_name = serializers.CharField(source="officer.full_name")
    agency = serializers.IntegerField(source="officer.agency_id")
    period_name = serializers.CharField(source="period.name")

    class Meta:
        model = Flag
        fields = (
            "id",
            "district",
            "rule",
            "rule_code",
            "rule_name",
            "metric",
            "officer",
            "officer_name",
            "agency",
            "period",
            "period_name",
            "severity",
            "status",
            "value",
            "evidence",
            "raised_at",
            "last_evaluated_at",
            "cleared_at",
            "acknowledged_by",
            "acknowledged_at",
            "closed_by",
            "closed_at",
            "note",
        )


class FlagFilter(StrictFilterSet):
    school = IntegerFilter(method="filter_school")
    agency = IntegerFilter(field_name="officer__agency_id")
    active = BooleanFilter(method="filter_active")

    class Meta:
        model = Flag
        fields = ("severity", "status", "officer", "period", "rule", "school", "agency", "active")

    def filter_school(self, queryset: FlagQuerySet, name: str, value: int) -> FlagQuerySet:
        return queryset.filter(
            officer_id__in=Assignment.objects.filter(school_id=value).values("officer_id")
        )

    def filter_active(self, queryset: FlagQuerySet, name: str, value: bool) -> FlagQuerySet:
        return (
            queryset.active()
            if value
            else queryset.exclude(status__in=[FlagStatus.OPEN, FlagStatus.ACKNOWLEDGED])
        )


class FlagListApi(ScopedListApi):
    """Flags in the caller's scope, most severe first."""

    scoped_model = Flag
    serializer_class = FlagOutputSerializer
    filterset_class = FlagFilter

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return flags_visible(user=self.request.user)


class FlagDetailApi(ScopedDetailApi):
    scoped_model = Flag
    serializer_class = FlagOutputSerializer

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return flags_visible(user=self.request.user)


class _FlagTransitionApi(APIView):
    scoped_model = Flag
    allowed_roles = (Role.COORDINATOR, Role.PRINCIPAL, Role.SUPERVISOR)
    # Each subclass names its input serializer and the service it calls.
    input_serializer: ClassVar[type[serializers.Serializer]]
    transition: ClassVar[services.FlagTransition]

    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        flag = get_object_or_404(flags_visible(user=request.user), pk=pk)
        serializer = self.input_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        flag = type(self).transition(
            flag=flag, actor=request.user, note=serializer.validated_data.get("note", "")
        )
        return Response(FlagOutputSerializer(flags_visible(user=request.user).get(pk=flag.pk)).data)


class FlagAcknowledgeApi(_FlagTransitionApi):
    """Open -> acknowledged: someone responsible has seen the flag."""

    class FlagAcknowledgeInputSerializer(InputSerializer):
        note = serializers.CharField(required=False, allow_blank=True, default="")

    input_serializer = FlagAcknowledgeInputSerializer
    transition = staticmethod(services.flag_acknowledge)

    @extend_schema(request=FlagAcknowledgeInputSerializer, responses=FlagOutputSerializer)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        return super().post(request, pk)


class FlagResolveApi(_FlagTransitionApi):
    """Close a flag as resolved, saying how (a note is required)."""

    class FlagResolveInputSerializer(InputSerializer):
        note = serializers.CharField()

    input_serializer = FlagResolveInputSerializer
    transition = staticmethod(services.flag_resolve)

    @extend_schema(request=FlagResolveInputSerializer, responses=FlagOutputSerializer)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        return super().post(request, pk)


class FlagDismissApi(_FlagTransitionApi):
    """Close a flag as dismissed, saying why (a note is required)."""

    class FlagDismissInputSerializer(InputSerializer):
        note = serializers.CharField()

    input_serializer = FlagDismissInputSerializer
    transition = staticmethod(services.flag_dismiss)

    @extend_schema(request=FlagDismissInputSerializer, responses=FlagOutputSerializer)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        return super().post(request, pk)


class FlagRuleOutputSerializer(serializers.ModelSerializer):
    metric_label = serializers.SerializerMethodField()

    class Meta:
        model = FlagRule
        fields = (
            "id",
            "district",
            "code",
            "name",
            "description",
            "metric",
            "metric_label",
            "comparison",
            "warning_threshold",
            "warning_severity",
            "critical_threshold",
            "critical_severity",
            "window_months",
            "min_sample",
            "question_code",
            "respondent_group",
            "is_active",
            "updated_at",
        )

    def get_metric_label(self, rule: FlagRule) -> str:
        spec = registry.metric_spec(rule.metric)
        return spec.label if spec else rule.metric


class FlagRuleListApi(ScopedListApi):
    scoped_model = FlagRule
    serializer_class = FlagRuleOutputSerializer
    filterset_fields = ("district", "metric", "is_active")

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return flag_rules_visible(user=self.request.user)


class FlagRuleDetailApi(ScopedDetailApi):
    scoped_model = FlagRule
    serializer_class = FlagRuleOutputSerializer


class FlagRuleCreateApi(APIView):
    """Add a rule to the coordinator's district (a second survey question, say)."""

    allowed_roles = (Role.COORDINATOR,)
    scope_exempt = (
        "creates only in a district the caller coordinates (checked by the lookup and the service)"
    )

    class FlagRuleCreateInputSerializer(InputSerializer):
        district = serializers.IntegerField()
        code = serializers.CharField(max_length=40)
        name = serializers.CharField(max_length=200)
        description = serializers.CharField(required=False, allow_blank=True, default="")
        metric = serializers.CharField(max_length=40)
        comparison = serializers.ChoiceField(choices=Comparison.choices)
        warning_threshold = serializers.DecimalField(max_digits=10, decimal_places=2)
        warning_severity = serializers.ChoiceField(
            choices=FlagSeverity.choices, default=FlagSeverity.WATCH
        )
        critical_threshold = serializers.DecimalField(
            max_digits=10, decimal_places=2, required=False, allow_null=True, default=None
        )
        critical_severity = serializers.ChoiceField(
            choices=FlagSeverity.choices, default=FlagSeverity.REVIEW
        )
        window_months = serializers.IntegerField(
            required=False, allow_null=True, min_value=1, default=None
        )
        min_sample = serializers.IntegerField(
            required=False, allow_null=True, min_value=0, default=None
        )
        question_code = serializers.CharField(
            required=False, allow_blank=True, max_length=60, default=""
        )
        respondent_group = serializers.CharField(
            required=False, allow_blank=True, max_length=30, default=""
        )

    @extend_schema(request=FlagRuleCreateInputSerializer, responses={201: FlagRuleOutputSerializer})
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.FlagRuleCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        district = get_object_or_404(
            District.objects.filter(pk__in=scope_for(request.user).coordinator_district_ids),
            pk=data.pop("district"),
        )
        rule = rule_services.flag_rule_create(district=district, actor=request.user, **data)
        return Response(FlagRuleOutputSerializer(rule).data, status=status.HTTP_201_CREATED)


class FlagRuleUpdateApi(APIView):
    """Change a rule's thresholds, window, sample or severity (the coordinator only).

    The district's flags are re-evaluated after the change commits.
    """

    scoped_model = FlagRule
    allowed_roles = (Role.COORDINATOR,)

    class FlagRuleUpdateInputSerializer(InputSerializer):
        name = serializers.CharField(required=False, max_length=200)
        description = serializers.CharField(required=False, allow_blank=True)
        comparison = serializers.ChoiceField(choices=Comparison.choices, required=False)
        warning_threshold = serializers.DecimalField(
            max_digits=10, decimal_places=2, required=False
        )
        warning_severity = serializers.ChoiceField(choices=FlagSeverity.choices, required=False)
        critical_threshold = serializers.DecimalField(
            max_digits=10, decimal_places=2, required=False, allow_null=True
        )
        critical_severity = serializers.ChoiceField(choices=FlagSeverity.choices, required=False)
        window_months = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        min_sample = serializers.IntegerField(required=False, allow_null=True, min_value=0)
        question_code = serializers.CharField(required=False, allow_blank=True, max_length=60)
        respondent_group = serializers.CharField(required=False, allow_blank=True, max_length=30)
        is_active = serializers.BooleanField(required=False)

    @extend_schema(request=FlagRuleUpdateInputSerializer, responses=FlagRuleOutputSerializer)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        rule = get_object_or_404(FlagRule.objects.visible_to(request.user), pk=pk)
        serializer = self.FlagRuleUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rule = rule_services.flag_rule_update(
            rule=rule, actor=request.user, data=serializer.validated_data
        )
        return Response(FlagRuleOutputSerializer(rule).data)
