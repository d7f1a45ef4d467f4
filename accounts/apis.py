"""API tokens (knox), memberships and invitations: one APIView per operation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth import authenticate
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts import selectors
from accounts.auth import ExpiringTokenAuthentication
from accounts.models import ApiToken, Invitation
from accounts.services import invitations as invitation_services
from accounts.services import memberships as membership_services
from accounts.services import tokens as token_services
from core.api_base import ScopedListApi
from core.api_input import InputSerializer
from core.pagination import StrictPageNumberPagination
from roster.models import Membership, Role, School

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from core.http import AuthenticatedRequest


class TokenObtainApi(APIView):
    """Exchange a username and password for a new API token that expires (knox)."""

    public = True
    authentication_classes = ()
    throttle_classes = (ScopedRateThrottle,)
    throttle_scope = "token_login"

    class TokenObtainInputSerializer(InputSerializer):
        username = serializers.CharField()
        password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)

    class TokenObtainOutputSerializer(serializers.Serializer):
        token = serializers.CharField()
        expiry = serializers.DateTimeField(allow_null=True)

    @extend_schema(request=TokenObtainInputSerializer, responses=TokenObtainOutputSerializer)
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.TokenObtainInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # django-axes counts failures here as on the login page (it reads the request).
        user = authenticate(
            request=request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        if user is None:
            raise exceptions.ValidationError(
                {"non_field_errors": ["Unable to log in with provided credentials."]}
            )
        instance, token = token_services.api_token_create(user=user)
        return Response(
            self.TokenObtainOutputSerializer({"token": token, "expiry": instance.expiry}).data
        )


class TokenRefusedSerializer(serializers.Serializer):
    detail = serializers.CharField()


class _TokenOwnerApi(APIView):
    """Token housekeeping works for any holder of a valid token, even with no role left."""

    authentication_classes = (ExpiringTokenAuthentication,)
    permission_classes = (IsAuthenticated,)
    scope_exempt = "acts only on the token that authenticated the call, or its owner's tokens"


# Only a token logs out of the API: with none, or a refused one, the answer is 401.
LOGOUT_RESPONSES = {204: None, 401: TokenRefusedSerializer}


class TokenLogoutApi(_TokenOwnerApi):
    @extend_schema(request=None, responses=LOGOUT_RESPONSES)
    def post(self, request: AuthenticatedRequest) -> Response:
        token_services.api_token_revoke(token=cast("ApiToken", request.auth), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenLogoutAllApi(_TokenOwnerApi):
    @extend_schema(request=None, responses=LOGOUT_RESPONSES)
    def post(self, request: AuthenticatedRequest) -> Response:
        token_services.api_tokens_revoke_all(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenOutputSerializer(serializers.ModelSerializer):
    """Never the secret or its digest: the first characters to recognise it by."""

    class Meta:
        model = ApiToken
        fields = ("id", "prefix", "created", "expiry")
        read_only_fields = fields

    prefix = serializers.CharField(read_only=True)


class TokenListApi(generics.ListAPIView):
    scoped_model = ApiToken
    serializer_class = TokenOutputSerializer
    pagination_class = StrictPageNumberPagination
    permission_classes = (IsAuthenticated,)

    def get_queryset(self) -> QuerySet[ApiToken]:
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return selectors.api_tokens_of(user=self.request.user)  # type: ignore[arg-type]


class TokenRevokeApi(APIView):
    scoped_model = ApiToken
    permission_classes = (IsAuthenticated,)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: AuthenticatedRequest, pk: int) -> Response:
        token = get_object_or_404(selectors.api_tokens_of(user=request.user), pk=pk)
        token_services.api_token_revoke(token=token, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MembershipOutputSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username")
    email = serializers.CharField(source="user.email")

    class Meta:
        model = Membership
        fields = (
            "id",
            "username",
            "email",
            "role",
            "district",
            "school",
            "agency",
            "officer",
            "is_active",
            "created_at",
            "updated_at",
        )


class MembershipListApi(ScopedListApi):
    scoped_model = Membership
    allowed_roles = (Role.COORDINATOR,)
    serializer_class = MembershipOutputSerializer
    filterset_fields = ("role", "is_active", "district")

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return selectors.memberships_manageable(user=self.request.user)


class MembershipDetailApi(APIView):
    scoped_model = Membership
    allowed_roles = (Role.COORDINATOR,)

    class MembershipUpdateInputSerializer(InputSerializer):
        role = serializers.ChoiceField(choices=Role.choices, required=False)
        school = serializers.IntegerField(required=False, allow_null=True)
        agency = serializers.IntegerField(required=False, allow_null=True)
        officer = serializers.IntegerField(required=False, allow_null=True)
        is_active = serializers.BooleanField(required=False)
        reason = serializers.CharField(required=False, allow_blank=True, default="")

    def _membership(self, request: AuthenticatedRequest, pk: int) -> Membership:
        return get_object_or_404(selectors.memberships_manageable(user=request.user), pk=pk)

    @extend_schema(responses=MembershipOutputSerializer)
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        return Response(MembershipOutputSerializer(self._membership(request, pk)).data)

    @extend_schema(request=MembershipUpdateInputSerializer, responses=MembershipOutputSerializer)
    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        membership = self._membership(request, pk)
        serializer = self.MembershipUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data.get("is_active") is False:
            membership = membership_services.membership_end(
                membership=membership, actor=request.user, reason=data["reason"]
            )
        elif data.get("is_active") is True and not membership.is_active:
            raise exceptions.ValidationError(
                {"is_active": ["Ended access comes back only through a new invitation."]}
            )
        if {"role", "school", "agency", "officer"} & set(data):
            district = membership.district
            membership = membership_services.membership_update(
                membership=membership,
                role=data.get("role", membership.role),
                school=_pick(selectors.district_schools(district=district), data.get("school")),
                agency=_pick(selectors.district_agencies(district=district), data.get("agency")),
                officer=_pick(selectors.district_officers(district=district), data.get("officer")),
                actor=request.user,
                reason=data["reason"],
            )
        membership = self._membership(request, membership.pk)
        return Response(MembershipOutputSerializer(membership).data)


def _pick(queryset: QuerySet[Any], pk: int | None) -> Any:
    """The district's own object for ``pk``: another district's id is simply not found."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise exceptions.ValidationError(
            {
                queryset.model._meta.model_name: [
                    f"No such {queryset.model._meta.verbose_name} in this district."
                ]
            }
        )
    return found


class InvitationOutputSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True)

    class Meta:
        model = Invitation
        fields = (
            "id",
            "email",
            "role",
            "district",
            "school",
            "agency",
            "officer",
            "invited_by",
            "status",
            "created_at",
            "expires_at",
            "accepted_at",
            "revoked_at",
        )


class InvitationListApi(ScopedListApi):
    """The pending and past invitations of the coordinator's districts; POST invites."""

    scoped_model = Invitation
    allowed_roles = (Role.COORDINATOR,)
    serializer_class = InvitationOutputSerializer
    filterset_fields = ("role", "district")

    class InvitationCreateInputSerializer(InputSerializer):
        district = serializers.IntegerField()
        email = serializers.EmailField()
        role = serializers.ChoiceField(choices=Role.choices)
        school = serializers.IntegerField(required=False, allow_null=True)
        agency = serializers.IntegerField(required=False, allow_null=True)
        officer = serializers.IntegerField(required=False, allow_null=True)

    def refine(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return selectors.invitations_manageable(user=self.request.user)

    @extend_schema(
        request=InvitationCreateInputSerializer, responses={201: InvitationOutputSerializer}
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.InvitationCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        district = get_object_or_404(
            selectors.coordinated_districts(user=request.user), pk=data["district"]
        )
        invitation = invitation_services.invitation_create(
            district=district,
            email=data["email"],
            role=data["role"],
            school=_pick(School.objects.filter(district=district), data.get("school")),
            agency=_pick(selectors.district_agencies(district=district), data.get("agency")),
            officer=_pick(selectors.district_officers(district=district), data.get("officer")),
            actor=request.user,
        )
        return Response(InvitationOutputSerializer(invitation).data, status=status.HTTP_201_CREATED)


class InvitationDetailApi(APIView):
    scoped_model = Invitation
    allowed_roles = (Role.COORDINATOR,)

    @extend_schema(responses=InvitationOutputSerializer)
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        invitation = get_object_or_404(selectors.invitations_manageable(user=request.user), pk=pk)
        return Response(InvitationOutputSerializer(invitation).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: AuthenticatedRequest, pk: int) -> Response:
        invitation = get_object_or_404(selectors.invitations_manageable(user=request.user), pk=pk)
        invitation_services.invitation_revoke(invitation=invitation, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
