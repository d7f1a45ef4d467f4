from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Surveys"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from surveys.models import Campaign, CampaignGroup
        from surveys.services.responses import forget_campaigns

        # The submit path caches campaigns per process; any change to one (or a
        # reused id in a test database) must not be served from a stale copy.
        for model in (Campaign, CampaignGroup):
            post_save.connect(
                forget_campaigns, sender=model, dispatch_uid=f"surveys-forget-{model.__name__}"
            )
            post_delete.connect(
                forget_campaigns, sender=model, dispatch_uid=f"surveys-forget-del-{model.__name__}"
            )
        for through in (Campaign.officers.through, Campaign.schools.through):
            m2m_changed.connect(
                forget_campaigns, sender=through, dispatch_uid=f"surveys-forget-{through.__name__}"
            )
