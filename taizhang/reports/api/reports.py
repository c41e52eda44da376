"""Reports through the API: list, generate, fetch with every figure, rewrite paragraphs,
recount, publish, correct, export, and the records behind any figure."""

from datetime import date, datetime
from typing import Literal

from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from ...apitypes import ObjectId, Page, with_errors
from ...ledger.api.errors import created
from ...ledger.api.schemas import Input, Text
from .. import rules
from ..constants import ReportKind, ReportScope
from ..document import document
from ..periods import covering
from ..trace import UnknownFigure, records_for
from ..views.exports import FORMATS, export_file
from .errors import write

router = Router(tags=["通报考核"])


class ReportSummaryOut(Schema):
    id: int
    kind: str = Field(description="weekly 周通报、monthly 月考核、quarterly 季讲评")
    scope: str = Field(description="all 全部、ledger 台账事项、hall 政务服务、petitions 信访")
    start: date
    end: date
    version: int
    corrects: int | None = Field(description="更正的通报 id")
    status: str = Field(description="draft 草稿、published 已发布")
    title: str
    number: str = Field(description="发文字号；草稿为空")
    published_at: datetime | None


class FigureOut(Schema):
    label: str
    value: int
    trace: dict = Field(description="产生该数字的查询：source、figure、unit、start、end、as_of")


class ReportOut(ReportSummaryOut):
    correction_note: str
    computed_at: datetime
    period: dict
    previous: dict
    blocks: list[dict] = Field(description="正文：标题、段落（含修改后的文字）、表格、图表")
    figures: dict[str, FigureOut] = Field(description="每个统计数及其来源；键即表格 links 中的键")
    assessment: dict | None = Field(
        description="月考核、季讲评：考核办法与各单位得分、扣分明细、名次")
    narrative: dict[str, str]


class GenerateIn(Input):
    kind: Literal[tuple(ReportKind.values)]
    scope: Literal[tuple(ReportScope.values)] = "all"
    day: date = Field(description="所属期间内的任一日期（2000 年以后）")


class NarrativeIn(Input):
    """The paragraphs the office may rewrite; those left out stay as they are, an empty one
    is not printed."""

    summary: Text | None = Field(None, description="总体情况")
    scheme: Text | None = Field(None, description="考核办法说明（月考核）")
    next_steps: Text | None = Field(None, description="下步工作")


class CorrectionIn(Input):
    note: str = Field(min_length=1, max_length=500, pattern=r"^[^\x00]*$",
                      description="更正的内容和原因")


class RecordOut(Schema):
    id: int
    code: str
    title: str
    unit: str
    status: str
    date: str
    url: str


class Mapped:
    """A queryset read a page at a time, each row turned into its answer by ``convert``: the
    pager counts it and slices it, and only the page's rows are ever converted."""

    def __init__(self, rows, convert):
        self.rows, self.convert = rows, convert

    def __len__(self):
        return self.rows.count()

    def __getitem__(self, window):
        return [self.convert(row) for row in self.rows[window]]


def _summary(report):
    return {"id": report.pk, "kind": report.kind, "scope": report.scope, "start": report.start,
            "end": report.end, "version": report.version, "corrects": report.corrects_id,
            "status": report.status, "title": report.title, "number": report.number,
            "published_at": report.published_at}


def _full(report):
    content = report.content
    return {**_summary(report), "correction_note": report.correction_note,
            "computed_at": report.computed_at, "period": content.get("period", {}),
            "previous": content.get("previous", {}), "blocks": document(report)["blocks"],
            "figures": content.get("figures", {}), "assessment": content.get("assessment"),
            "narrative": report.narrative}


def _readable(user, pk):
    report = rules.readable_reports(user).filter(pk=pk).first()
    if report is None:
        raise Http404("找不到该通报，或您无权查看。")
    return report


def _managed(user, pk):
    report = _readable(user, pk)
    if not rules.may_manage(user, report.scope):
        raise rules.NotAllowed("只有督查室可以办理通报。")
    return report


@router.get("/reports", response=with_errors(list[ReportSummaryOut]),
            summary="通报列表（草稿仅督查室可见）")
@paginate(Page)
def list_reports(request, kind: Literal[tuple(ReportKind.values)] | None = None):
    reports = rules.readable_reports(request.user)
    if kind:
        reports = reports.filter(kind=kind)
    return Mapped(reports.order_by("-end", "kind", "-version", "pk"), _summary)


@router.post("/reports", response=created(ReportOut, 403, 409),
             summary="生成（或重新统计）一期通报草稿")
@write
def generate(request, payload: GenerateIn):
    if not rules.may_manage(request.user, payload.scope):
        raise rules.NotAllowed("只有督查室可以生成通报。")
    start, end = covering(payload.kind, payload.day)
    report = rules.generate_report(payload.kind, payload.scope, start, end, actor=request.user)
    return 201, _full(report)


@router.get("/reports/{int:report_id}", response=with_errors(ReportOut, 404),
            summary="一期通报：正文、每个统计数及其来源、考核结果")
def fetch(request, report_id: ObjectId):
    return _full(_readable(request.user, report_id))


@router.put("/reports/{int:report_id}/narrative", response=with_errors(ReportOut, 403, 404, 409),
            summary="修改草稿的文字部分")
@write
def narrative(request, report_id: ObjectId, payload: NarrativeIn):
    report = _managed(request.user, report_id)
    texts = {key: text for key, text in payload.model_dump().items() if text is not None}
    return _full(rules.edit_narrative(report, texts, actor=request.user))


@router.post("/reports/{int:report_id}/refresh", response=with_errors(ReportOut, 403, 404, 409),
             summary="按当前记录重新统计草稿")
@write
def refresh(request, report_id: ObjectId):
    report = _managed(request.user, report_id)
    return _full(rules.refresh_report(report, actor=request.user))


@router.post("/reports/{int:report_id}/publish", response=with_errors(ReportOut, 403, 404, 409),
             summary="发布：编发文字号，数据固定")
@write
def publish(request, report_id: ObjectId):
    report = _managed(request.user, report_id)
    return _full(rules.publish_report(report, actor=request.user))


@router.post("/reports/{int:report_id}/corrections",
             response=created(ReportOut, 403, 404, 409),
             summary="更正已发布的通报（生成新版本草稿）")
@write
def correct(request, report_id: ObjectId, payload: CorrectionIn):
    report = _managed(request.user, report_id)
    return 201, _full(rules.correct_report(report, actor=request.user, note=payload.note))


@router.get("/reports/{int:report_id}/figures/{key}/records",
            response=with_errors(list[RecordOut], 404), summary="构成某一统计数的记录（您可见的）")
@paginate(Page)
def figure_records(request, report_id: ObjectId, key: str):
    report = _readable(request.user, report_id)
    figure = report.content.get("figures", {}).get(key)
    if figure is None:
        raise Http404("该通报中没有这一统计数。")
    try:
        rows, describe, _ = records_for(request.user, figure["trace"])
    except UnknownFigure as error:
        raise Http404("该统计口径已不再使用。") from error
    return Mapped(rows, describe)


EXPORTED = {"description": "docx（公文格式）、xlsx 或 pdf 文件",
            "content": {content_type: {"schema": {"type": "string", "format": "binary"}}
                        for content_type, _ in FORMATS.values()}}


@router.get("/reports/{int:report_id}/export/{fmt}",
            response={k: v for k, v in with_errors(None, 404).items() if k != 200},
            openapi_extra={"responses": {200: EXPORTED}},
            summary="导出通报文件")
def export(request, report_id: ObjectId, fmt: Literal[tuple(FORMATS)]):
    data, content_type, name = export_file(_readable(request.user, report_id), fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response

