"""Excel export and import pages (routes listed in ``urlpatterns``).

Export: the item list's filter, as .xlsx, through the visibility rule. Import (督查室 only):
upload → preview (nothing written) → confirm. Between the two the file waits in an
``ImportBatch`` bound to the uploader; the confirm form carries only its random token, and a
token that is someone else's, already used or older than ``BATCH_HOURS`` is refused.
"""

import secrets
from datetime import timedelta
from pathlib import PurePath

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import people
from ..excel import (
    ImportRejected,
    commit_import,
    export_filename,
    export_items,
    export_title,
    preview_import,
)
from ..excel.reading import max_bytes
from ..filters import ItemFilter
from ..models import ImportBatch
from ..queries import visible_items, visible_ledgers

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BATCH_HOURS = 2
PREVIEW_ROWS = 500


class ImportForm(forms.Form):
    file = forms.FileField(label="台账表格（.xlsx）",
                           error_messages={"required": "请选择要导入的 Excel 文件。"})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() != ".xlsx":
            raise forms.ValidationError(
                "请上传 .xlsx 格式的 Excel 文件（旧版 .xls 请先另存为 .xlsx）。")
        if upload.size > max_bytes():
            raise forms.ValidationError(
                f"文件超过 {max_bytes() // (1024 * 1024)} MB，请拆分后分批导入。")
        return upload


@login_required
@require_GET
@never_cache
def export(request):
    today = timezone.localdate()
    item_filter = ItemFilter.from_params(request.GET)
    ledger = None
    if item_filter.ledger:
        ledger = get_object_or_404(visible_ledgers(request.user), pk=item_filter.ledger)
    items = item_filter.apply(visible_items(request.user), today)
    others = {k for k in item_filter.as_params() if k != "ledger"}
    title = export_title(ledger, filtered=bool(others))
    response = HttpResponse(export_items(items, title, today), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, export_filename(title, today))
    return response


def _importable_ledger(request, pk):
    ledger = get_object_or_404(visible_ledgers(request.user).select_related("unit", "kind"), pk=pk)
    if not people.is_supervision(request.user):
        raise PermissionDenied("只有督查室可以导入台账。")
    return ledger


def _expired():
    return timezone.now() - timedelta(hours=BATCH_HOURS)


def _preview_page(request, ledger, plan, batch=None, status=200):
    # A 10,000-row sheet is previewed by its counts; the page lists the first rows only.
    changes = [row for row in plan.rows if row.action != "unchanged"]
    return render(request, "ledger/import_preview.html", {
        "ledger": ledger, "plan": plan, "batch": batch,
        "counts": {a: plan.count(a) for a in ("create", "update", "unchanged")},
        "problems": plan.problems[:PREVIEW_ROWS],
        "more_problems": max(len(plan.problems) - PREVIEW_ROWS, 0),
        "changes": changes[:PREVIEW_ROWS],
        "more_changes": max(len(changes) - PREVIEW_ROWS, 0),
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def upload(request, pk):
    ledger = _importable_ledger(request, pk)
    if request.method == "GET":
        return render(request, "ledger/import.html", {"ledger": ledger, "form": ImportForm()})
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "ledger/import.html", {"ledger": ledger, "form": form},
                      status=400)
    upload_file = form.cleaned_data["file"]
    data = upload_file.read()
    plan = preview_import(ledger, data, request.user)
    batch = None
    if plan.ok:
        # Files left unconfirmed are not kept past their time.
        ImportBatch.objects.filter(committed_at__isnull=True, created_at__lt=_expired()).delete()
        batch = ImportBatch.objects.create(
            token=secrets.token_urlsafe(32), ledger=ledger, created_by=request.user,
            file_name=PurePath(upload_file.name).name[:200], size=len(data),
            sha256=plan.digest, content=data,
        )
    return _preview_page(request, ledger, plan, batch)


@login_required
@require_POST
@never_cache
def confirm(request, pk):
    ledger = _importable_ledger(request, pk)
    token = request.POST.get("token", "")[:64]
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().filter(
            token=token, ledger=ledger, created_by=request.user, committed_at__isnull=True,
            created_at__gte=_expired(),
        ).first()
        if batch is None:
            return render(request, "ledger/import.html", {
                "ledger": ledger, "form": ImportForm(),
                "stale": f"这份预览已失效（已导入、已超过 {BATCH_HOURS} 小时或不是您上传的），"
                         "请重新上传文件。",
            }, status=409)
        try:
            result = commit_import(ledger, bytes(batch.content), request.user,
                                   filename=batch.file_name)
        except ImportRejected as rejected:
            # The ledger changed since the preview: show what stands in the way now.
            return _preview_page(request, ledger, rejected.plan, status=409)
        batch.committed_at = timezone.now()
        batch.content = b""
        batch.result = result.to_dict()
        batch.save(update_fields=["committed_at", "content", "result"])
    return render(request, "ledger/import_done.html", {"ledger": ledger, "result": result})


urlpatterns = [
    path("export.xlsx", export, name="export"),
    path("<int:pk>/import/", upload, name="import"),
    path("<int:pk>/import/confirm/", confirm, name="import_confirm"),
]
