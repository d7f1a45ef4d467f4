"""The Riverside district as a resident meets its public reports: the 2025-26 school year,
over and published (3 arrests, too few to show), and the 2026-27 year, still running
(published today: 15 arrests at Alpha, 20 at Beta, a warning, a complaint)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from activity.services.reports import report_publish
from tests.factories.activity import ComplaintFactory, enrollment_of, incident_with
from tests.factories.roster import (
    DistrictFactory,
    EvaluationPeriodFactory,
    MOUFactory,
    OfficerFactory,
    SchoolFactory,
    coordinator_of,
)


class ReportWorld:
    def __init__(self, *, publish: bool = True) -> None:
        today = timezone.localdate()
        self.district = DistrictFactory(code="RIV", name="Riverside USD")
        # Still running today, whatever today is: the year ends well after it.
        self.running = EvaluationPeriodFactory(
            district=self.district,
            name="2026-27",
            start_date=datetime.date(2026, 8, 1),
            end_date=max(datetime.date(2027, 7, 31), today + datetime.timedelta(days=60)),
        )
        self.past = EvaluationPeriodFactory(
            district=self.district,
            name="2025-26",
            start_date=datetime.date(2025, 8, 1),
            end_date=datetime.date(2026, 7, 31),
        )
        self.alpha = SchoolFactory(district=self.district, code="ALPHA", name="Alpha High School")
        self.beta = SchoolFactory(district=self.district, code="BETA", name="Beta High School")
        self.officer = OfficerFactory()
        MOUFactory(district=self.district, agency=self.officer.agency)
        self.coordinator = coordinator_of(self.district, username="the-coordinator")
        for index in range(3):
            incident_with(
                "arrest",
                officer=self.officer,
                school=self.alpha,
                date=datetime.date(2025, 10, 1 + index),
            )
        for index in range(15):
            incident_with(
                "arrest",
                officer=self.officer,
                school=self.alpha,
                race_ethnicity="pacific_islander" if index < 2 else "white",
                english_learner="el" if index < 3 else "not_el",
            )
        for _index in range(20):
            incident_with("arrest", officer=self.officer, school=self.beta)
        incident_with("warning", officer=self.officer, school=self.beta)
        enrollment_of(self.alpha, self.running, {"all": 1500})
        enrollment_of(self.beta, self.running, {"all": 2000})
        ComplaintFactory(school=self.alpha, officer=self.officer)
        if publish:
            for period in (self.past, self.running):
                report_publish(district=self.district, period=period, actor=self.coordinator)

    def url(self, period_name: str = "2026-27", fmt: str = "") -> str:
        base = f"/public/activity/RIV/{period_name}/"
        return f"{base}report.{fmt}" if fmt else base
