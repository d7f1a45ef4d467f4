"""Packets for tests: built through the service, as the product builds them."""

from __future__ import annotations

import datetime

from activity.models import ActionType, ComplaintStatus
from evaluations.services.evaluations import evaluation_update
from evaluations.services.signatures import evaluation_submit
from packets.models import Packet, PacketBuildItem, PacketVersion
from packets.services.batches import packet_batch_start
from packets.services.versions import packet_build
from roster.models import MOU, EvaluationPeriod, Officer, Role
from surveys.models import Campaign
from tests.factories.activity import ComplaintFactory, incident_with
from tests.factories.evaluations import all_levels, started_evaluation
from tests.factories.flags import FlagFactory, FlagRuleFactory, RemovalRequestFactory
from tests.factories.roster import principal_of
from tests.factories.surveys import make_campaign, release_results, submit_many
from tests.factories.training_records import CourseFactory, RecordFactory, RequirementFactory
from tests.scoping import out_of_scope
from training_records.models import Category


def built_version(officer: Officer, period: EvaluationPeriod, built_by=None) -> PacketVersion:
    version, _ = packet_build(officer=officer, period=period, built_by=built_by)
    return version


def add_packet_inputs(world, scale: int, evaluate_at: list | None = None) -> None:
    """Every input app's records about ``world.officer`` in ``world.period``, ``scale`` times
    over, and a submitted evaluation at each school of ``evaluate_at`` (default: the home school)."""
    course = CourseFactory(category=Category.DE_ESCALATION)
    RequirementFactory(
        mou=MOU.objects.get(district=world.district, agency=world.agency), course=course
    )
    for n in range(10 * scale):
        RecordFactory(
            officer=world.officer,
            course=course,
            completed_on=datetime.date(2026, 9, 1) + datetime.timedelta(days=n),
        )
    campaign = make_campaign(
        period=world.period,
        schools=[world.school],
        officers=[world.officer],
        groups=["student", "staff"],
        name=f"Packet survey {Campaign.objects.count() + 1}",
    )
    submit_many(
        campaign,
        "student",
        world.school,
        world.officer,
        9 * scale,
        values=[5, 3],
        comment="Helpful",
    )
    submit_many(campaign, "staff", world.school, world.officer, 5 * scale, values=[4])
    release_results(campaign)
    for n in range(5 * scale):
        incident_with(
            ActionType.ARREST if n % 2 else ActionType.DIVERSION,
            officer=world.officer,
            school=world.school,
            date=datetime.date(2026, 10, 1) + datetime.timedelta(days=n % 200),
        )
    for _ in range(scale):
        ComplaintFactory(
            school=world.school,
            officer=world.officer,
            status=ComplaintStatus.SUSTAINED,
            received_date=datetime.date(2026, 11, 1),
        )
    for _ in range(scale):
        FlagFactory(
            rule=FlagRuleFactory(district=world.district),
            officer=world.officer,
            period=world.period,
        )
    RemovalRequestFactory(officer=world.officer, filed_by=world.users[Role.PRINCIPAL])
    for school in evaluate_at or [world.school]:
        evaluator = world.users[Role.PRINCIPAL] if school == world.school else principal_of(school)
        evaluation = started_evaluation(
            officer=world.officer, school=school, period=world.period, principal=evaluator
        )
        evaluation_update(
            evaluation=evaluation,
            actor=evaluator,
            expected_version=1,
            ratings=all_levels(evaluation, 3),
            commendations="Calmed a crowd at the game.",
        )
        evaluation_submit(evaluation=evaluation, actor=evaluator)


@out_of_scope(PacketVersion)
def _version(world) -> PacketVersion:
    return built_version(world.other_officer, world.other_period)


@out_of_scope(Packet)
def _packet(world) -> Packet:
    return _version(world).packet


@out_of_scope(PacketBuildItem)
def _item(world) -> PacketBuildItem:
    job = packet_batch_start(period=world.other_period, started_by=None, enforce_rights=False)
    return PacketBuildItem.objects.get(job=job)
