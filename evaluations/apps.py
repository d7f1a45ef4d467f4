from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = "Evaluations"

    def ready(self) -> None:
        from core.changes import on_evidence_changed
        from evaluations.services.flags import flags_evaluate_later

        # Flags are re-evaluated (in a task, after commit) when evidence changes below.
        on_evidence_changed(flags_evaluate_later)
