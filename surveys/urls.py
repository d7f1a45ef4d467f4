from django.urls import include, path

from surveys.views import manage, respondent, results

respondent_urls = [
    path("", respondent.start, name="start"),
    path("officers/", respondent.choose_officers, name="officers"),
    path("answers/", respondent.answer, name="answers"),
    path("review/", respondent.review, name="review"),
    path("submit/", respondent.submit, name="submit"),
    path("thanks/", respondent.thanks, name="thanks"),
    path("used/", respondent.used, name="used"),
    path("language/", respondent.language, name="language"),
    path("privacy/", respondent.privacy, name="privacy"),
    # Retired shared staff links: 410 Gone with the way to a personal code.
    path("link/<str:token>/", respondent.retired_link, name="retired-link"),
]

staff_urls = [
    path("", manage.campaign_list, name="campaigns"),
    path("campaigns/new/", manage.campaign_new, name="campaign-new"),
    path("campaigns/<int:pk>/", manage.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/codes/", manage.codes_download, name="codes"),
    path("campaigns/<int:pk>/release/", manage.campaign_release, name="release"),
    path("templates/", manage.template_list, name="templates"),
    path("results/", results.results_index, name="results"),
    path("results/export.xlsx", results.results_export, name="results-export"),
    path("results/officers/<int:pk>/", results.officer_results, name="officer-results"),
    path("results/schools/<int:pk>/", results.school_results, name="school-results"),
]

urlpatterns = [
    path("s/", include((respondent_urls, "surveys-respondent"))),
    path("surveys/", include((staff_urls, "surveys"))),
]

# Parents' notices (PPRA): the public notice and opt-out form under /public/ (in the
# reader's language), the coordinator's notice form and the principal's opt-out list.
from surveys.views import notices, notices_staff  # noqa: E402 - appended block

notice_public_urls = [
    path("<str:token>/", notices.notice_page, name="page"),
    path("<str:token>/opt-out/", notices.notice_opt_out, name="opt-out"),
    path("<str:token>/received/", notices.notice_opted_out, name="opted-out"),
    path("<str:token>/letter.pdf", notices.notice_letter, name="letter"),
]
notice_staff_urls = [
    path("campaigns/<int:pk>/notice/", notices_staff.notice_edit, name="edit"),
    path("campaigns/<int:pk>/opt-outs/", notices_staff.opt_out_list, name="opt-outs"),
]
urlpatterns += [
    path("public/surveys/notices/", include((notice_public_urls, "parent-notice"))),
    path("surveys/", include((notice_staff_urls, "notices"))),
]
