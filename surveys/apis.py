"""Survey API: submit (public, throttled), campaigns, codes, response rates and
aggregated results. No endpoint returns or fetches an individual response."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_base import ScopedDetailApi, ScopedListApi
from core.api_input import InputSerializer
from core.api_query import StrictQueryMixin
from roster.models import Officer, Role, School
from surveys import selectors
from surveys.models import Campaign, Language, RespondentGroup, SurveyTemplate
from surveys.services import RespondentError, codes_issue, release_create, response_submit
from surveys.throttles import SurveyCodeThrottle

if TYPE_CHECKING:
    from rest_framework.request import Request

    from core.http import AuthenticatedRequest

PERIOD_PARAMETER = OpenApiParameter(
    "period", int, description="Evaluation period id; default the latest with surveys."
)


class JsonOnlyNegotiation(DefaultContentNegotiation):
    """The submit endpoint answers JSON only: skip parsing the client's Accept header."""

    def select_renderer(self, request: Request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


@method_decorator(sensitive_post_parameters("code"), name="dispatch")
class SurveyResponseSubmitApi(APIView):
    """Submit one anonymous response with a single-use access code.

    No authentication is read (a respondent has no account, and a session would
    tie the response to a person); guessing is throttled per client address.
    The answer says only that the response was stored: not its id, not a time.
    """

    public = True
    authentication_classes = ()
    throttle_classes = (SurveyCodeThrottle,)
    parser_classes = (JSONParser,)
    renderer_classes = (JSONRenderer,)
    content_negotiation_class = JsonOnlyNegotiation

    class SurveyResponseSubmitInputSerializer(InputSerializer):
        code = serializers.CharField(max_length=40)
        language = serializers.ChoiceField(choices=Language.choices)
        answers = serializers.ListField(
            child=serializers.DictField(),
            max_length=500,
            help_text='[{"officer": 12, "question": "fair_treatment", "value": 4}, ...]',
        )

    class SurveyResponseSubmitOutputSerializer(serializers.Serializer):
        stored = serializers.BooleanField()

    @extend_schema(
        request=SurveyResponseSubmitInputSerializer,
        responses={201: SurveyResponseSubmitOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        # The input serializer documents the body; its shape is checked here by
        # hand because building a serializer (deep copies of its fields) costs more
        # than the rest of this, the busiest, request. response_submit checks the
        # values (language, every answer against the template and the officers).
        data = request.data
        errors = {}
        if not isinstance(data, dict):
            raise ValidationError({"detail": "Send a JSON object with code, language and answers."})
        if not isinstance(data.get("code"), str) or not 0 < len(data["code"]) <= 40:
            errors["code"] = ["Send the access code as text."]
        if data.get("language") not in Language.values:
            errors["language"] = [f"Choose one of {', '.join(Language.values)}."]
        answers = data.get("answers")
        if (
            not isinstance(answers, list)
            or len(answers) > 500
            or not all(isinstance(a, dict) for a in answers)
        ):
            errors["answers"] = [
                "Send a list of answers, each an object with officer, question and value."
            ]
        if errors:
            raise ValidationError(errors)
        assert isinstance(answers, list)  # checked above, with the other errors
        try:
            response_submit(code=data["code"], language=data["language"], answers=answers)
        except RespondentError:
            SurveyCodeThrottle().record_failure(request)
            raise
        return Response({"stored": True}, status=status.HTTP_201_CREATED)


class CampaignOutputSerializer(serializers.ModelSerializer):
    groups = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = ("id", "district", "period", "name", "opens_on", "closes_on", "groups")

    def get_groups(self, campaign: Campaign) -> list[str]:
        return [g.group for g in campaign.groups.all()]


class CampaignListApi(ScopedListApi):
    scoped_model = Campaign
    serializer_class = CampaignOutputSerializer

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.prefetch_related("groups")


class CampaignDetailApi(ScopedDetailApi):
    scoped_model = Campaign
    serializer_class = CampaignOutputSerializer


class CampaignResponseRatesApi(APIView):
    """Participation per group and school: codes issued (late ones too), responses in steps of k."""

    scoped_model = Campaign
    allowed_roles = (Role.COORDINATOR,)

    class CampaignResponseRatesOutputSerializer(serializers.Serializer):
        group = serializers.CharField()
        school = serializers.IntegerField(source="school_id")
        school_name = serializers.CharField()
        codes_issued = serializers.IntegerField()
        late_codes = serializers.IntegerField()
        responses_low = serializers.IntegerField()
        responses_high = serializers.IntegerField()
        percent = serializers.FloatField(
            allow_null=True, help_text="Codes used, at least (from responses_low)."
        )

    @extend_schema(responses=CampaignResponseRatesOutputSerializer(many=True))
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        campaign = selectors.campaigns_managed(user=request.user).filter(pk=pk).first()
        if campaign is None:
            raise NotFound()
        rows = selectors.campaign_response_rates(campaign=campaign)
        return Response(self.CampaignResponseRatesOutputSerializer(rows, many=True).data)


class CampaignReleaseApi(APIView):
    """Release a closed campaign's results, once, after the disclosure audit."""

    scoped_model = Campaign
    allowed_roles = (Role.COORDINATOR,)

    class CampaignReleaseOutputSerializer(serializers.Serializer):
        campaign = serializers.IntegerField(source="campaign_id")
        released_on = serializers.DateTimeField(source="created_at")

    @extend_schema(request=None, responses={201: CampaignReleaseOutputSerializer})
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        campaign = selectors.campaigns_managed(user=request.user).filter(pk=pk).first()
        if campaign is None:
            raise NotFound()
        release = release_create(campaign=campaign, actor=request.user)
        return Response(
            self.CampaignReleaseOutputSerializer(release).data, status=status.HTTP_201_CREATED
        )


class CampaignCodesIssueApi(APIView):
    """Issue single-use codes; they are in this answer only (stored hashed)."""

    scoped_model = Campaign
    allowed_roles = (Role.COORDINATOR,)

    class CampaignCodesIssueInputSerializer(InputSerializer):
        group = serializers.ChoiceField(choices=RespondentGroup.choices)
        school = serializers.IntegerField()
        count = serializers.IntegerField(min_value=1, max_value=5000)

    class CampaignCodesIssueOutputSerializer(serializers.Serializer):
        group = serializers.CharField()
        school = serializers.IntegerField()
        codes = serializers.ListField(child=serializers.CharField())

    @extend_schema(
        request=CampaignCodesIssueInputSerializer,
        responses={201: CampaignCodesIssueOutputSerializer},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        campaign = selectors.campaigns_managed(user=request.user).filter(pk=pk).first()
        if campaign is None:
            raise NotFound()
        serializer = self.CampaignCodesIssueInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        school = campaign.schools.filter(pk=data["school"]).first()
        if school is None:
            raise serializers.ValidationError(
                {"school": "That school is not part of this campaign."}
            )
        issued = codes_issue(
            campaign=campaign,
            group=data["group"],
            school=school,
            count=data["count"],
            actor=request.user,
        )
        return Response(
            {"group": issued.group, "school": school.pk, "codes": list(issued.codes)},
            status=status.HTTP_201_CREATED,
        )


class SurveyTemplateOutputSerializer(serializers.ModelSerializer):
    questions = serializers.SerializerMethodField()

    class Meta:
        model = SurveyTemplate
        fields = ("id", "district", "group", "name", "version", "questions")

    def get_questions(self, template: SurveyTemplate) -> list[dict]:
        return [
            {"code": q.code, "kind": q.kind, "text": q.text, "choices": q.choices}
            for q in template.questions.all()
        ]


class SurveyTemplateListApi(ScopedListApi):
    scoped_model = SurveyTemplate
    serializer_class = SurveyTemplateOutputSerializer

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.prefetch_related("questions")


class SurveyResultsOutputSerializer(serializers.Serializer):
    """Aggregates with suppression applied: a hidden figure is null with suppressed=true."""

    period = serializers.IntegerField(source="period_id")
    k = serializers.IntegerField()
    comment_min = serializers.IntegerField()
    groups = serializers.JSONField()
    all_groups = serializers.JSONField(required=False)


def _results_payload(result) -> dict:
    data = dataclasses.asdict(result)
    data["groups"] = list(data["groups"].values())
    return data


class OfficerSurveyResultsApi(StrictQueryMixin, APIView):
    """One officer's survey results for a period (aggregates only)."""

    scoped_model = Officer

    @extend_schema(parameters=[PERIOD_PARAMETER], responses=SurveyResultsOutputSerializer)
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        period = selectors.period_for_results(
            user=request.user, period_id=request.query_params.get("period")
        )
        officer = Officer.objects.visible_to(request.user).filter(pk=pk).first()
        if period is None or officer is None:
            raise NotFound()
        result = selectors.survey_results_for_officers(officer_ids=[officer.pk], period=period)[
            officer.pk
        ]
        return Response(SurveyResultsOutputSerializer(_results_payload(result)).data)


class SchoolSurveyResultsApi(StrictQueryMixin, APIView):
    """A school's survey results (its respondents, about its officers): coordinators and principals."""

    scoped_model = School
    allowed_roles = (Role.COORDINATOR, Role.PRINCIPAL)

    @extend_schema(parameters=[PERIOD_PARAMETER], responses=SurveyResultsOutputSerializer)
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        period = selectors.period_for_results(
            user=request.user, period_id=request.query_params.get("period")
        )
        if period is None:
            raise NotFound()
        school = (
            selectors.schools_with_results(user=request.user, period=period).filter(pk=pk).first()
        )
        if school is None:
            raise NotFound()
        result = selectors.survey_results_for_schools(school_ids=[school.pk], period=period)[
            school.pk
        ]
        return Response(SurveyResultsOutputSerializer(_results_payload(result)).data)
