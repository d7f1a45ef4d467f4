from django.apps import AppConfig


class FlagsConfig(AppConfig):
    name = "flags"
    verbose_name = "Flags and removal requests"

    def ready(self) -> None:
        from core.changes import on_evidence_changed
        from flags.services.flags import flags_evaluate_later

        # Flags are re-evaluated (in a task, after commit) when evidence changes below.
        on_evidence_changed(flags_evaluate_later)
