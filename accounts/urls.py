from django.urls import include, path

from accounts import views

app_urls = [
    path("accounts/", views.people, name="people"),
    path("accounts/invite/", views.invite, name="invite"),
    path("accounts/memberships/<int:pk>/", views.membership, name="membership"),
    path(
        "accounts/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("accounts/invitations/<str:token>/", views.accept, name="accept"),
    path("accounts/tokens/", views.tokens, name="tokens"),
]

urlpatterns = [path("", include((app_urls, "accounts")))]
