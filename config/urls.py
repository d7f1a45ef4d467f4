from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts.apis import TokenObtainApi
from accounts.password_reset import LimitedPasswordResetView
from config import views

api_v1: list[URLPattern | URLResolver] = [
    path("auth/token/", TokenObtainApi.as_view(), name="api-token"),
    # Apps whose routes share a prefix come first, each under it: resolving a
    # route (above all the busy survey submit) then never walks other apps' routes.
    path("surveys/", include("surveys.api_urls")),
    path("training/", include("training_records.api_urls")),
    path("activity/", include("activity.api_urls")),
    path("", include("accounts.api_urls")),
    path("", include("roster.api_urls")),
    path("", include("evaluations.api_urls")),
    path("", include("flags.api_urls")),
    path("", include("packets.api_urls")),
    path("", include("agreements.api_urls")),
    path("", include("hiring.api_urls")),
    path("", include("selfassessment.api_urls")),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # The language switch on public and respondent pages (Django's set_language).
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "favicon.ico",
        views.favicon,
        name="favicon",
    ),
    path("setup/", views.setup, name="setup"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password_reset/", LimitedPasswordResetView.as_view(), name="password_reset"),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("", include("accounts.urls")),
    path("", include("roster.urls")),
    path("", include("training_records.urls")),
    path("", include("surveys.urls")),
    path("", include("activity.urls")),
    path("", include("evaluations.urls")),
    path("", include("flags.urls")),
    path("", include("packets.urls")),
    path("", include("agreements.urls")),
    path("", include("hiring.urls")),
    path("", include("selfassessment.urls")),
]

# A missing public page in the reader's language; JSON under /api/; Django's page elsewhere.
handler404 = "config.views.not_found"
