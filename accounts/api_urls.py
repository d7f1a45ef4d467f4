from django.urls import path

from accounts import apis

urlpatterns = [
    path("auth/logout/", apis.TokenLogoutApi.as_view(), name="api-logout"),
    path("auth/logoutall/", apis.TokenLogoutAllApi.as_view(), name="api-logoutall"),
    path("auth/tokens/", apis.TokenListApi.as_view(), name="api-token-list"),
    path("auth/tokens/<int:pk>/", apis.TokenRevokeApi.as_view(), name="api-token-revoke"),
    path("memberships/", apis.MembershipListApi.as_view(), name="membership-list"),
    path("memberships/<int:pk>/", apis.MembershipDetailApi.as_view(), name="membership-detail"),
    path("invitations/", apis.InvitationListApi.as_view(), name="invitation-list"),
    path("invitations/<int:pk>/", apis.InvitationDetailApi.as_view(), name="invitation-detail"),
]
