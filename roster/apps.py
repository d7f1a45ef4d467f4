from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "roster"
    verbose_name = "Roster and roles"

    def ready(self) -> None:
        # The kernel's ``visible_to`` asks roster whose scope a user has (memberships).
        from core.scoping import scope_resolver_register
        from roster.scoping import scope_for

        scope_resolver_register(scope_for)
