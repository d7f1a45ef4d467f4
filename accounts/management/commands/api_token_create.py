"""Print a new API token for a user: for scripts (fuzzing, load tests) and operators."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.services.tokens import api_token_create


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print it (it expires like any other)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: object, username: str, **options: object) -> None:
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        _, token = api_token_create(user=user)
        self.stdout.write(token)
