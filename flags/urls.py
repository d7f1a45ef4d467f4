from django.urls import include, path

from flags.views import flags, removals

app_urls = [
    path("flags/", flags.flag_board, name="board"),
    path("flags/<int:pk>/", flags.flag_detail, name="flag"),
    path("flags/<int:pk>/<slug:action>/", flags.flag_transition, name="flag-transition"),
    path("flags/officers/<int:officer_id>/", flags.officer_flags, name="officer"),
    path("flags/rules/", flags.rule_list, name="rules"),
    path("flags/rules/new/", flags.rule_new, name="rule-new"),
    path("flags/rules/<int:pk>/", flags.rule_edit, name="rule-edit"),
    path("removals/", removals.removal_list, name="removals"),
    path("removals/new/", removals.removal_new, name="removal-new"),
    path("removals/<int:pk>/", removals.removal_detail, name="removal"),
    path("removals/<int:pk>/review/", removals.removal_review, name="removal-review"),
    path("removals/<int:pk>/decide/", removals.removal_decide, name="removal-decide"),
    path("removals/<int:pk>/withdraw/", removals.removal_withdraw, name="removal-withdraw"),
]

urlpatterns = [path("", include((app_urls, "flags")))]
