"""Packet pages: the list with batch builds, a version with its review, downloads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.audit import audit_history
from core.errors import ApplicationError
from core.forms import form_field
from core.queue import queue_available
from packets import selectors as selectors
from packets.models import BATCH_JOB_KIND, PacketStatus
from packets.permissions import can_start_batches
from packets.readiness import packet_is_stale, packet_sign_off_blockers
from packets.services import batches, review, versions
from roster.models import Agency, EvaluationPeriod

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from core.http import AuthenticatedHttpRequest
    from packets.selectors import PacketWithLatest


class PacketFilterForm(forms.Form):
    period = forms.ModelChoiceField(
        queryset=EvaluationPeriod.objects.none(), required=False, empty_label="All periods"
    )
    status = forms.ChoiceField(choices=[("", "Any status"), *PacketStatus.choices], required=False)

    def __init__(self, *args: Any, user: User | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(
            self, "period", forms.ModelChoiceField
        ).queryset = EvaluationPeriod.objects.visible_to(user).select_related("district")


class PacketBatchForm(forms.Form):
    period = forms.ModelChoiceField(
        queryset=EvaluationPeriod.objects.none(), label="Evaluation period"
    )
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), required=False, empty_label="Every agency", label="Agency"
    )

    def __init__(self, *args: Any, user: User | AnonymousUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(
            self, "period", forms.ModelChoiceField
        ).queryset = EvaluationPeriod.objects.visible_to(user).select_related("district")
        form_field(self, "agency", forms.ModelChoiceField).queryset = Agency.objects.visible_to(
            user
        )


class PacketSendBackForm(forms.Form):
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What must change")


class PacketSignOffForm(forms.Form):
    """Sign-off names what it signs: the hash read on the page travels with the POST."""

    content_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)
    confirm = forms.BooleanField(
        label="I have read this version of the packet and sign it off as it is."
    )
    confirm_stale = forms.BooleanField(
        required=False,
        label="The records changed after this version was built; sign this version anyway.",
    )


class PacketAcknowledgeForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Your response (optional)"
    )


@login_required
def packet_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    filters = PacketFilterForm(request.GET or None, user=request.user)
    period = status = None
    if filters.is_valid():
        period, status = filters.cleaned_data["period"], filters.cleaned_data["status"]
    packets = selectors.packets_visible(user=request.user, period=period, status=status)
    page = Paginator(packets, 50).get_page(request.GET.get("page"))
    rows = [
        (packet, PacketStatus(packet.latest_status).label if packet.latest_status else "")
        for packet in page
    ]
    can_batch = can_start_batches(user=request.user)
    return render(
        request,
        "packets/list.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            # Its own ids: the filter form above it has a "period" field too.
            "batch_form": PacketBatchForm(user=request.user, auto_id="batch_%s")
            if can_batch
            else None,
            "batches": selectors.packet_batch_jobs_visible(user=request.user)[:5]
            if can_batch
            else [],
        },
    )


@login_required
@require_POST
def packet_batch_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PacketBatchForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, "Choose a period (and optionally an agency) to build.")
        return redirect("packets:list")
    try:
        job = batches.packet_batch_start(
            period=form.cleaned_data["period"],
            agency=form.cleaned_data["agency"],
            started_by=request.user,
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("packets:list")
    return redirect("packets:batch", pk=job.pk)


@login_required
def packet_batch(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(selectors.packet_batch_jobs_visible(user=request.user), pk=pk)
    return render(
        request,
        "packets/batch.html",
        {
            "job": job,
            "kind": BATCH_JOB_KIND,
            "items": selectors.packet_batch_items(job=job),
            "queue_unavailable": not job.is_finished and not queue_available(),
        },
    )


@login_required
def packet_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    packet: PacketWithLatest = get_object_or_404(
        selectors.packets_visible(user=request.user), pk=pk
    )
    if packet.latest_version_id is None:
        messages.error(request, "This packet has no version yet.")
        return redirect("packets:list")
    return redirect("packets:version", pk=packet.latest_version_id)


@login_required
def packet_version(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(selectors.packet_versions_visible(user=request.user), pk=pk)
    versions = list(selectors.packet_versions(packet=version.packet))
    is_latest = versions[0].pk == version.pk
    actions = selectors.packet_actions(user=request.user, version=version, is_latest=is_latest)
    snapshot = selectors.packet_snapshot_shown(version=version, user=request.user)
    # The summary's charts as tables: the page needs no images or script.
    for chart in snapshot["summary"]["charts"]:
        chart["pairs"] = list(zip(chart["labels"], chart["values"], strict=False))
    return render(
        request,
        "packets/version.html",
        {
            "version": version,
            "snapshot": snapshot,
            "versions": versions,
            "is_latest": is_latest,
            "actions": actions,
            "is_stale": packet_is_stale(version=version) if is_latest else False,
            "blockers": packet_sign_off_blockers(version=version) if actions.can_review else (),
            "pdf_records": selectors.packet_pdf_records(version=version),
            "can_rebuild": can_start_batches(user=request.user),
            "sign_off_form": PacketSignOffForm(initial={"content_hash": version.content_hash}),
            "send_back_form": PacketSendBackForm(),
            "acknowledge_form": PacketAcknowledgeForm(),
            "history": audit_history(version),
        },
    )


def _download(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    version = get_object_or_404(selectors.packet_versions_visible(user=request.user), pk=pk)
    try:
        content, filename, content_type = selectors.packet_document(
            version=version, kind=kind, user=request.user, record=request.GET.get("record", "")
        )
    except ApplicationError as exc:
        raise Http404(exc.message) from exc
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def packet_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "pdf")


@login_required
def packet_xlsx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "xlsx")


@login_required
@require_POST
def packet_sign_off(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(selectors.packet_versions_visible(user=request.user), pk=pk)
    form = PacketSignOffForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(
                "Tick the box to confirm that you sign this version off, then sign again."
            )
        review.packet_sign_off(
            version=version,
            user=request.user,
            content_hash=form.cleaned_data["content_hash"],
            confirm_stale=form.cleaned_data["confirm_stale"],
        )
        messages.success(request, f"Version {version.number} is signed off and locked.")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("packets:version", pk=pk)


@login_required
@require_POST
def packet_send_back(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(selectors.packet_versions_visible(user=request.user), pk=pk)
    form = PacketSendBackForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError("Say what needs to change before sending the packet back.")
        review.packet_send_back(
            version=version, user=request.user, comment=form.cleaned_data["comment"]
        )
        messages.success(request, "The packet was sent back with your comment.")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("packets:version", pk=pk)


@login_required
@require_POST
def packet_acknowledge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(selectors.packet_versions_visible(user=request.user), pk=pk)
    form = PacketAcknowledgeForm(request.POST)
    form.is_valid()
    try:
        review.packet_acknowledge(
            version=version, user=request.user, comment=form.cleaned_data.get("comment", "")
        )
        messages.success(request, "You acknowledged your packet.")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("packets:version", pk=pk)


@login_required
@require_POST
def packet_rebuild(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    packet = get_object_or_404(selectors.packets_visible(user=request.user), pk=pk)
    try:
        version, created = versions.packet_rebuild(
            officer=packet.officer, period=packet.period, user=request.user
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("packets:packet", pk=pk)
    if created:
        messages.success(request, f"Built version {version.number}.")
    else:
        messages.info(request, f"Nothing changed since version {version.number}; no new version.")
    return redirect("packets:version", pk=version.pk)
