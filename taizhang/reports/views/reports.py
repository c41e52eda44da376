"""The office's reports: the list, generating one, reading it with every figure linked to its
records, rewriting its paragraphs, recounting a draft, publishing, correcting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ...org.events import timeline
from ..constants import EVENT_LABELS, ReportKind, ReportScope
from ..document import document
from ..forms import CorrectForm, GenerateForm, NarrativeForm
from ..models import Report
from ..periods import covering, last_complete
from ..rules import (
    ReportError,
    correct_report,
    edit_narrative,
    generate_report,
    may_manage,
    may_read,
    publish_report,
    readable_reports,
    refresh_report,
)
from ..sources import SOURCES

PAGE_SIZE = 30


def readable(request, pk):
    report = get_object_or_404(Report.objects.select_related("corrects", "published_by"), pk=pk)
    if not may_read(request.user, report):
        raise Http404("找不到该通报，或您无权查看。")
    return report


def managed(request, pk):
    report = readable(request, pk)
    if not may_manage(request.user, report.scope):
        raise PermissionDenied("只有督查室可以办理通报。")
    return report


def _scopes(user):
    """The scopes ``user`` may generate, when not all of them."""
    return None if may_manage(user) else [ReportScope.PETITIONS]


def _listing(request, form):
    reports = readable_reports(request.user).select_related("corrects")
    kind = request.GET.get("kind", "")
    if kind in ReportKind.values:
        reports = reports.filter(kind=kind)
    page = Paginator(reports.order_by("-end", "kind", "-version"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return {"page": page, "kind": kind, "kinds": ReportKind.choices, "form": form,
            "page_query": f"kind={kind}" if kind else "",
            "can_generate": may_manage(request.user) or may_manage(request.user, "petitions")}


@login_required
def report_list(request):
    today = timezone.localdate()
    form = GenerateForm(initial={"kind": ReportKind.WEEKLY,
                                 "day": last_complete(ReportKind.WEEKLY, today)[0]},
                        scopes=_scopes(request.user))
    return render(request, "reports/report_list.html", _listing(request, form))


@login_required
@require_POST
def generate(request):
    if not (may_manage(request.user) or may_manage(request.user, ReportScope.PETITIONS)):
        raise PermissionDenied("只有督查室可以生成通报。")
    form = GenerateForm(request.POST, scopes=_scopes(request.user))
    if form.is_valid():
        kind, scope = form.cleaned_data["kind"], form.cleaned_data["scope"]
        if not may_manage(request.user, scope):
            raise PermissionDenied("只有督查室可以生成通报。")
        start, end = covering(kind, form.cleaned_data["day"])
        try:
            report = generate_report(kind, scope, start, end, actor=request.user)
        except ReportError as error:
            field = {"period": "day"}.get(error.field, error.field)
            form.add_error(field if field in form.fields else None, error.message)
        else:
            messages.success(request, f"已生成《{report.title}》草稿，请核对后发布。")
            return redirect("reports:detail", report.pk)
    return render(request, "reports/report_list.html", _listing(request, form), status=400)


def present(report, doc):
    """The blocks of ``doc`` (the report's document) with each linked cell's address."""
    blocks = []
    for n, block in enumerate(doc["blocks"]):
        if block["type"] == "table":
            links = block.get("links") or [[None] * len(r) for r in block["rows"]]
            rows = [[{"text": "—" if value is None else value, "url": _url(report, link)}
                     for value, link in zip(row, line, strict=True)]
                    for row, line in zip(block["rows"], links, strict=True)]
            block = {**block, "cells": rows}
        if block["type"] == "chart":
            block = {**block, "id": f"chart-{n}"}
        blocks.append(block)
    return blocks


def _url(report, link):
    if not link:
        return None
    if link.startswith("@"):
        source, _, pk = link[1:].partition(":")
        return reverse(SOURCES[source].URL_NAME, args=[int(pk)])
    return reverse("reports:figure", args=[report.pk, link])


@login_required
def report_detail(request, pk):
    report = readable(request, pk)
    manage = may_manage(request.user, report.scope)
    doc = document(report)
    blocks = present(report, doc)
    return render(request, "reports/report_detail.html", {
        "report": report, "document": doc, "blocks": blocks,
        "manage": manage,
        "events": [(event, EVENT_LABELS.get(event.action, event.action))
                   for event in timeline(report)] if manage else [],
        "corrections": report.corrections.order_by("version"),
        "charts": [block for block in blocks if block["type"] == "chart"]})


def _still_draft(request, report):
    """A published report's edit and publish pages send the reader back, saying why."""
    if report.is_published:
        messages.info(request, f"该通报已发布（{report.number}），内容已固定；"
                               "如有错误，请发布更正版。")
        return False
    return True


@login_required
def edit(request, pk):
    report = managed(request, pk)
    if not _still_draft(request, report):
        return redirect("reports:detail", report.pk)
    blocks = report.content.get("blocks", [])
    form = NarrativeForm(request.POST or None, blocks=blocks, narrative=report.narrative)
    if request.method == "POST" and form.is_valid():
        # Only what the office changed: an untouched paragraph keeps following the figures.
        texts = {key: form.cleaned_data[key] for key in form.changed_data}
        try:
            edit_narrative(report, texts, actor=request.user)
        except ReportError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "文字部分已保存。")
        return redirect("reports:detail", report.pk)
    return render(request, "reports/report_edit.html", {"report": report, "form": form})


@login_required
@require_POST
def refresh(request, pk):
    report = managed(request, pk)
    try:
        refresh_report(report, actor=request.user)
    except ReportError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "已按当前记录重新统计数据；修改过的文字部分保持不变。")
    return redirect("reports:detail", report.pk)


@login_required
def publish(request, pk):
    report = managed(request, pk)
    if request.method != "POST" and not _still_draft(request, report):
        return redirect("reports:detail", report.pk)
    if request.method == "POST":
        try:
            report = publish_report(report, actor=request.user)
        except ReportError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"已发布，发文字号 {report.number}。")
        return redirect("reports:detail", report.pk)
    return render(request, "reports/report_publish.html", {"report": report})


@login_required
def correct(request, pk):
    report = managed(request, pk)
    form = CorrectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction = correct_report(report, actor=request.user,
                                        note=form.cleaned_data["note"])
        except ReportError as error:
            messages.error(request, error.message)
            return redirect("reports:detail", report.pk)
        messages.success(request, "已生成更正版草稿，请修改后发布。")
        return redirect("reports:detail", correction.pk)
    return render(request, "reports/report_correct.html", {"report": report, "form": form})


urlpatterns = [
    path("", report_list, name="list"),
    path("generate/", generate, name="generate"),
    path("<int:pk>/", report_detail, name="detail"),
    path("<int:pk>/edit/", edit, name="edit"),
    path("<int:pk>/refresh/", refresh, name="refresh"),
    path("<int:pk>/publish/", publish, name="publish"),
    path("<int:pk>/correct/", correct, name="correct"),
]
