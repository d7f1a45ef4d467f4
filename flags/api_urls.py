from django.urls import path

from flags.apis import flags, removals

urlpatterns = [
    path("flags/", flags.FlagListApi.as_view(), name="flag-list"),
    path("flags/<int:pk>/", flags.FlagDetailApi.as_view(), name="flag-detail"),
    path(
        "flags/<int:pk>/acknowledge/", flags.FlagAcknowledgeApi.as_view(), name="flag-acknowledge"
    ),
    path("flags/<int:pk>/resolve/", flags.FlagResolveApi.as_view(), name="flag-resolve"),
    path("flags/<int:pk>/dismiss/", flags.FlagDismissApi.as_view(), name="flag-dismiss"),
    path("flag-rules/", flags.FlagRuleListApi.as_view(), name="flag-rule-list"),
    path("flag-rules/create/", flags.FlagRuleCreateApi.as_view(), name="flag-rule-create"),
    path("flag-rules/<int:pk>/", flags.FlagRuleDetailApi.as_view(), name="flag-rule-detail"),
    path("flag-rules/<int:pk>/update/", flags.FlagRuleUpdateApi.as_view(), name="flag-rule-update"),
    path(
        "removal-requests/", removals.RemovalRequestListApi.as_view(), name="removal-request-list"
    ),
    path(
        "removal-requests/create/",
        removals.RemovalRequestCreateApi.as_view(),
        name="removal-request-create",
    ),
    path(
        "removal-requests/<int:pk>/",
        removals.RemovalRequestDetailApi.as_view(),
        name="removal-request-detail",
    ),
    path(
        "removal-requests/<int:pk>/review/",
        removals.RemovalRequestReviewApi.as_view(),
        name="removal-request-review",
    ),
    path(
        "removal-requests/<int:pk>/decide/",
        removals.RemovalRequestDecideApi.as_view(),
        name="removal-request-decide",
    ),
    path(
        "removal-requests/<int:pk>/withdraw/",
        removals.RemovalRequestWithdrawApi.as_view(),
        name="removal-request-withdraw",
    ),
]
