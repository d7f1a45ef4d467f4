from django.apps import AppConfig


class TrainingRecordsConfig(AppConfig):
    name = "training_records"
    verbose_name = "Training"
