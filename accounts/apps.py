from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts, invitations and API tokens"

    def ready(self) -> None:
        # Registers the token scheme with drf-spectacular (an extension registers on import).
        from accounts import auth  # noqa: F401
