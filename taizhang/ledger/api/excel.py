"""Excel through the API: the filtered item list as .xlsx, and import with a dry run.

The sheets are made and read by ``ledger.excel``, the same code as the web pages'.
"""

from pathlib import PurePath
from typing import Annotated

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from ninja import Field, File, Query, Router, Schema, UploadedFile

from ...apitypes import ObjectId, ValidationMessage, with_errors
from ..excel import (
    ImportRejected,
    commit_import,
    export_filename,
    export_items,
    export_title,
    preview_import,
)
from ..excel.reading import max_bytes
from ..queries import visible_items, visible_ledgers
from .errors import binary, invalid, write
from .items import ItemQuery
from .schemas import FORM_FIELDS_ONLY

router = Router(tags=["台账 Excel"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/items/export", **binary(XLSX, "事项清单（.xlsx）", 404),
            summary="导出事项清单（Excel）")
def export(request, filters: Query[ItemQuery]):
    """The items the list route would give for the same filters, in the office layout.
    With ``ledger`` the title row is the ledger's name."""
    today = timezone.localdate()
    item_filter = filters.to_filter()
    ledger = None
    if item_filter.ledger:
        ledger = get_object_or_404(visible_ledgers(request.user), pk=item_filter.ledger)
    others = {k for k in item_filter.as_params() if k != "ledger"}
    title = export_title(ledger, filtered=bool(others))
    items = item_filter.apply(visible_items(request.user), today)
    response = HttpResponse(export_items(items, title, today), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, export_filename(title, today))
    return response


class ProblemOut(Schema):
    row: int | None = Field(description="Excel 中的行号；整份文件的问题为 null")
    column: str = Field(description="列字母，如 C")
    header: str = Field(description="该列在表格中的表头")
    message: str
    text: str = Field(description="给人看的完整说明，如“第 5 行，C 列（责任单位）：…”")


class ImportColumnOut(Schema):
    field: str
    header: str
    column: str


class ImportCounts(Schema):
    create: int
    update: int
    unchanged: int


class PlannedRowOut(Schema):
    row: int
    action: str = Field(description="create 新建、update 更新、unchanged 无变化")
    item: int | None = Field(description="更新的事项 id")
    code: str
    title: str
    leader: str
    lead_unit: str
    cooperating: list[str]
    goal: str
    measures: str
    deadline: str
    changes: dict[str, list[str]] = Field(description="字段 → [台账中的值, 表格中的值]")


class ImportPreviewOut(Schema):
    ledger: int
    sha256: str
    sheet: str
    header_row: int | None
    ok: bool = Field(description="没有问题、可以导入")
    columns: list[ImportColumnOut]
    counts: ImportCounts
    rows: list[PlannedRowOut]
    problems: list[ProblemOut]
    notices: list[str]


class ImportResultOut(Schema):
    ledger: int
    sha256: str
    counts: ImportCounts
    created: list[int]
    updated: list[int]


class ImportRefusedOut(ValidationMessage):
    problems: list[ProblemOut] = Field([], description="表格中的问题（导入被拒绝时）")


DryRun = Annotated[bool, Query(description="true：只预览，不写入（默认）；false：正式导入")]
IMPORT_ANSWERS = {**with_errors(ImportPreviewOut, 403, 404), 201: ImportResultOut,
                  422: ImportRefusedOut}


@router.post("/ledgers/{ledger_id}/import", response=IMPORT_ANSWERS, openapi_extra=FORM_FIELDS_ONLY,
             summary="导入 Excel（督查室；先预览，再正式导入）")
@write
def import_items(request, ledger_id: ObjectId, file: File[UploadedFile] = None,
                 dry_run: DryRun = True):
    """``dry_run=true`` (the default) answers 200 with the plan: what would be created or
    updated, and every problem by row and column. ``dry_run=false`` plans again and imports
    everything in one transaction (201), or nothing when there is any problem (422 with the
    problems). Importing the same sheet again changes nothing: rows are matched by 编号, else
    by 事项名称."""
    ledger = get_object_or_404(visible_ledgers(request.user), pk=ledger_id)
    if file is None:
        return invalid("file", "请选择要导入的 Excel 文件。")
    if PurePath(file.name).suffix.lower() != ".xlsx":
        return invalid("file", "请上传 .xlsx 格式的 Excel 文件（旧版 .xls 请先另存为 .xlsx）。")
    if file.size > max_bytes():
        return invalid("file", f"文件超过 {max_bytes() // (1024 * 1024)} MB，请拆分后分批导入。")
    data = file.read()
    if dry_run:
        return 200, preview_import(ledger, data, request.user).to_dict()
    try:
        result = commit_import(ledger, data, request.user, filename=PurePath(file.name).name)
    except ImportRejected as rejected:
        problems = [p.to_dict() for p in rejected.plan.problems]
        return 422, {"message": rejected.message, "problems": problems,
                     "errors": [{"field": "file", "message": p["text"]} for p in problems]
                     or [{"field": "file", "message": rejected.message}]}
    return 201, result.to_dict()
