"""``manage.py demo``: migrate, load the demo district, print logins, serve.

Each app may have a ``demo`` module with ``load_demo(context)``; they run in
INSTALLED_APPS order (roster first), which is also the direction of imports, so
a later app's demo can build on an earlier one's data.
"""

from __future__ import annotations

import importlib

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand

from roster import demo as roster_demo


class Command(BaseCommand):
    help = "Load a realistic demo district (idempotent) and serve it on http://127.0.0.1:8000."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Load the demo, then exit.")
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, no_serve: bool, addrport: str, **options) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        context = roster_demo.load_demo()
        self.stdout.write(
            f"Roster: {len(context.schools)} schools, {len(context.officers)} officers."
        )
        for config in apps.get_app_configs():
            if config.name == "roster":
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            summary = module.load_demo(context)
            if summary:
                self.stdout.write(f"{config.verbose_name}: {summary}")
        self.stdout.write(self.style.SUCCESS("\nDemo logins (username / password):"))
        for role, username, password in context.logins:
            self.stdout.write(f"  {role:<22} {username:<12} {password}")
        for note in context.notes:
            self.stdout.write(note)
        if not no_serve:
            self.stdout.write(f"\nServing on http://{addrport}/ (Ctrl-C to stop)")
            call_command("runserver", addrport, use_reloader=False)
