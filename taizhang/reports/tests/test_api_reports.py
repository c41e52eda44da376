"""Reports, targets and the dashboard through /api/v1: every route, the refusals (403, 404,
409, 422), an Idempotency-Key replay, and the files read back: the .xlsx holds the JSON's
tables cell for cell, the .docx is laid out as an official document, the PDF prints."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pypdfium2
import pytest
import time_machine
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import load_workbook

from taizhang.ledger.constants import ItemStatus
from taizhang.ledger.tests.apiclient import Api, ok, refused
from taizhang.ledger.tests.factories import ItemFactory, build_ledger_world
from taizhang.org.events import timeline
from taizhang.reports.models import Report, Target

from .sample import use_shipped_font

TODAY = date(2026, 12, 7)
OCTOBER = datetime(2026, 10, 9, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
NOVEMBER = {"kind": "monthly", "scope": "all", "day": "2026-11-15"}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(f"{TODAY} 09:00 +0800", tick=False):
        yield


@pytest.fixture
def world(tree):
    """Two items overdue at the end of November (西河乡's and 东城街道's), one closed in it."""
    world = build_ledger_world(tree)
    world.item.deadline, world.item.status = date(2026, 11, 10), ItemStatus.IN_PROGRESS
    world.item.created_at = OCTOBER
    world.item.save()
    world.east_item = item(world, tree.east, ItemStatus.IN_PROGRESS)
    world.closed = item(world, tree.east, ItemStatus.CLOSED, closed_on=date(2026, 11, 25))
    return world


def item(world, unit, status, **more):
    return ItemFactory(ledger=world.ledger, leader=world.leader_person, lead_unit=unit,
                       deadline=date(2026, 11, 20), status=status, created_at=OCTOBER, **more)


@pytest.fixture
def office(world, client):
    return Api(client, world.supervisor)


@pytest.fixture
def unit(world, client):
    return Api(client, world.west_staff)


@pytest.fixture
def report(office):
    return ok(office.post("/reports", NOVEMBER), 201)


def put(api, path, data):
    return api.client.put(f"/api/v1{path}", data, content_type="application/json",
                          **api.headers)


def overdue_key(report):
    return next(key for key, f in report["figures"].items()
                if (f["trace"]["figure"], f["trace"]["unit"]) == ("overdue", None))


def test_generate_fetch_and_list(office, report):
    assert (report["status"], report["start"], report["end"]) == (
        "draft", "2026-11-01", "2026-11-30")
    assert report["figures"][overdue_key(report)]["value"] == 2
    assert {"heading", "paragraph", "table"} <= {block["type"] for block in report["blocks"]}
    assert report["assessment"]["scheme"]["name"]
    assert ok(office.get(f"/reports/{report['id']}")) == report
    listed = ok(office.get("/reports"))
    assert listed["count"] == 1 and listed["items"][0]["title"] == report["title"]
    assert ok(office.get("/reports", kind="weekly"))["count"] == 0


def test_a_unit_neither_generates_nor_sees_a_draft(world, unit, report):
    assert "督查室" in refused(unit.post("/reports", NOVEMBER), 403)
    assert unit.get(f"/reports/{report['id']}").status_code == 404
    assert unit.get(f"/reports/{report['id']}/export/xlsx").status_code == 404
    assert unit.get(f"/reports/{report['id']}/figures/{overdue_key(report)}/records"
                    ).status_code == 404
    assert ok(unit.get("/reports"))["count"] == 0


def test_a_period_not_begun_is_422(office):
    answer = refused(office.post("/reports", {**NOVEMBER, "day": "2027-01-04"}), 422)
    assert "尚未开始" in answer and not Report.objects.exists()


def test_paragraphs_are_rewritten_and_unknown_ones_refused(office, report):
    path = f"/reports/{report['id']}/narrative"
    answer = ok(put(office, path, {"summary": "本月总体平稳。"}))
    assert answer["narrative"] == {"summary": "本月总体平稳。"}
    assert "本月总体平稳。" in [b["text"] for b in answer["blocks"] if b["type"] == "paragraph"]
    unknown = put(office, path, {"nonsense": "x"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "nonsense"
    weekly = ok(office.post("/reports", {**NOVEMBER, "kind": "weekly"}), 201)
    refusal = refused(put(office, f"/reports/{weekly['id']}/narrative", {"scheme": "x"}), 422)
    assert refusal == "没有可修改的段落“scheme”。"  # a weekly bulletin scores no one


def test_refresh_counts_again(world, office, report):
    item(world, world.tree.west, ItemStatus.IN_PROGRESS)
    answer = ok(office.post(f"/reports/{report['id']}/refresh"))
    assert answer["figures"][overdue_key(answer)]["value"] == 3


def test_publish_once_then_correct(office, unit, report):
    path = f"/reports/{report['id']}"
    answer = ok(office.post(f"{path}/publish"))
    assert (answer["status"], answer["number"]) == ("published", "示督考〔2026〕1号")
    assert "已由" in refused(office.post(f"{path}/publish"), 409)
    assert refused(put(office, f"{path}/narrative", {"summary": "改"}), 409)
    assert ok(unit.get(path))["number"] == "示督考〔2026〕1号"
    assert unit.post(f"{path}/corrections", {"note": "有误"}).status_code == 403
    assert office.post(f"{path}/corrections", {"note": ""}).status_code == 422
    correction = ok(office.post(f"{path}/corrections", {"note": "西河乡逾期件数有误"}), 201)
    assert (correction["version"], correction["corrects"], correction["status"]) == (
        2, report["id"], "draft")
    assert correction["correction_note"] == "西河乡逾期件数有误"


def test_the_records_behind_a_figure_page_by_page(office, unit, world, report):
    path = f"/reports/{report['id']}/figures/{overdue_key(report)}/records"
    first = ok(office.get(path, limit=1))
    second = ok(office.get(path, limit=1, offset=1))
    assert first["count"] == second["count"] == 2
    assert [first["items"][0]["code"], second["items"][0]["code"]] == [
        world.item.code, world.east_item.code]
    assert first["items"][0]["url"] == f"/ledger/items/{world.item.pk}/"
    assert office.get(f"/reports/{report['id']}/figures/nonsense/records").status_code == 404
    ok(office.post(f"/reports/{report['id']}/publish"))
    seen = ok(unit.get(path))
    assert [row["code"] for row in seen["items"]] == [world.item.code]


def test_an_idempotency_key_replays_the_first_answer(office, report):
    path = f"/reports/{report['id']}/publish"
    first = office.post(path, key="k-publish")
    again = office.post(path, key="k-publish")
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json() and first.json()["number"] == "示督考〔2026〕1号"
    actions = [e.action for e in timeline(Report.objects.get(pk=report["id"]))]
    assert actions.count("published") == 1
    assert refused(office.post(path), 409)  # without the key: a second publication


def test_a_generate_replay_does_not_recount(office):
    first = office.post("/reports", NOVEMBER, key="k-generate")
    again = office.post("/reports", NOVEMBER, key="k-generate")
    assert first.status_code == again.status_code == 201 and again.json() == first.json()
    assert [e.action for e in timeline(Report.objects.get())] == ["generated"]


@pytest.mark.parametrize("fmt, content_type", [
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("pdf", "application/pdf"),
])
def test_exports_answer_with_their_type(office, report, fmt, content_type, monkeypatch,
                                        settings):
    use_shipped_font(monkeypatch, settings)
    response = office.get(f"/reports/{report['id']}/export/{fmt}")
    assert response.status_code == 200 and response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_workbook_holds_the_tables_cell_for_cell(office, report):
    tables = [block for block in report["blocks"] if block["type"] == "table"]
    data = office.get(f"/reports/{report['id']}/export/xlsx").content
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames[0] == "说明" and len(workbook.sheetnames) == len(tables) + 1
    for sheet, table in zip(workbook.worksheets[1:], tables, strict=True):
        cells = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert cells[1][0] == table["title"]
        assert cells[2] == table["columns"]
        assert cells[3:3 + len(table["rows"])] == table["rows"], table["title"]


def test_the_docx_is_an_official_document(office, report, settings):
    ok(office.post(f"/reports/{report['id']}/publish"))
    data = office.get(f"/reports/{report['id']}/export/docx").content
    docx = Document(io.BytesIO(data))
    section = docx.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin,
                                  section.left_margin, section.right_margin)] == [37, 35, 28, 26]
    number, title = docx.paragraphs[:2]
    assert number.text == "示督考〔2026〕1号" and title.text == report["title"]
    assert title.runs[0].font.size == Pt(22)
    body = docx.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia"))
    assert body == settings.TAIZHANG_REPORT_FONTS["body"]


def test_the_pdf_prints(office, report, monkeypatch, settings):
    use_shipped_font(monkeypatch, settings)
    data = office.get(f"/reports/{report['id']}/export/pdf").content
    pdf = pypdfium2.PdfDocument(data)
    try:
        page = pdf[0].render(scale=1).to_pil().convert("L")
    finally:
        pdf.close()
    darkest, _ = page.getextrema()
    assert darkest < 100  # text on the page, not blank paper


def test_targets_with_progress_from_the_records(world, office, unit):
    made = Target.objects.create(name="台账事项销号", year=2026, unit=world.tree.east,
                                 metric="ledger.items_closed", target_value=2)
    Target.objects.create(name="去年", year=2025, unit=world.tree.east,
                          metric="ledger.items_closed", target_value=2)
    answer = ok(unit.get("/targets"))
    assert [(t["id"], t["actual"], t["progress"], t["met"]) for t in answer] == [
        (made.pk, 1, 0.5, False)]
    assert answer[0]["metric_label"] == "台账事项销号" and answer[0]["unit"] == "东城街道"
    assert [t["name"] for t in ok(office.get("/targets", year=2025))] == ["去年"]
    assert office.get("/targets", year=1999).status_code == 422


def test_the_dashboard(world, office, unit):
    answer = ok(office.get("/dashboard"))
    assert answer["today"] == "2026-12-07"
    assert {"lights", "overdue", "hall", "petitions", "targets"} <= set(answer)
    assert answer["overdue"] != ok(unit.get("/dashboard"))["overdue"]  # each in their scope
