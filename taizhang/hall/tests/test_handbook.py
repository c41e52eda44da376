"""The service handbook (便民服务手册): made from the current catalogue, grouped by department in
the order of the service commitments, as .docx and PDF, downloadable by anyone."""

import logging
import re
import time
from io import BytesIO

import pypdfium2
import pytest
from django.core.cache import cache
from django.urls import reverse
from docx import Document

from taizhang.documents import cjkfont
from taizhang.hall.catalogue import publish_matter
from taizhang.hall.constants import Category, MaterialForm, Mode
from taizhang.hall.demo.load import load_hall_demo
from taizhang.hall.documents.handbook import build_handbook, digest
from taizhang.hall.documents.handbook_docx import handbook_docx
from taizhang.hall.documents.handbook_pdf import handbook_pdf
from taizhang.hall.models import Centre, Matter
from taizhang.hall.views import documents as views
from taizhang.org.constants import UnitKind
from taizhang.org.demo.load import load_demo
from taizhang.org.tests.factories import UnitFactory


@pytest.fixture(autouse=True)
def _shipped_font_and_empty_cache(monkeypatch, settings):
    settings.TAIZHANG_PDF_FONT = ""
    monkeypatch.setattr(cjkfont, "system_candidates", lambda family: [])
    cjkfont.clear_cache()
    cache.clear()
    yield
    cjkfont.clear_cache()
    cache.clear()


def particulars(department, name, **changes):
    return {
        "name": name, "department": department, "category": Category.CONFIRMATION,
        "legal_basis": "《中华人民共和国户口登记条例》第七条",
        "materials": [
            {"name": "出生医学证明", "form": MaterialForm.ORIGINAL, "copies": 1, "note": ""},
            {"name": "父母居民户口簿", "form": MaterialForm.ORIGINAL_AND_COPY, "copies": 2,
             "note": "复印首页及本人页"},
        ],
        "steps": ["窗口受理", "审核材料", "登记入户", "办结"], "time_limit": 0,
        "fee": "不收费", "modes": [Mode.INSTANT, Mode.PROXY], "online": True, "max_trips": 0,
        **changes,
    }


@pytest.fixture
def catalogue(tree):
    # Departments in the district's order: 民政局 (sort 1) before 公安分局 (sort 2).
    police = UnitFactory(name="公安分局", kind=UnitKind.DEPARTMENT, parent=tree.district,
                         sort_order=2)
    civil = UnitFactory(name="民政局", kind=UnitKind.DEPARTMENT, parent=tree.district,
                        sort_order=1)
    east = Centre.objects.create(unit=tree.east, name="东城街道便民服务中心",
                                 address="东城街道政府一楼", phone="0371-1234567",
                                 opening_hours="周一至周五 8:30—17:30", sort_order=2)
    west = Centre.objects.create(unit=tree.west, name="西河乡便民服务中心",
                                 address="西河乡政府院内", opening_hours="周一至周六 9:00—17:00",
                                 sort_order=1)
    publish_matter("HY-GA-001", centres=[east, west], **particulars(police, "出生登记"))
    publish_matter("HY-GA-002", centres=[east], **particulars(
        police, "户口迁入", time_limit=5, modes=[Mode.PROXY, Mode.ACCOMPANY], online=False,
        max_trips=1))
    publish_matter("HY-MZ-001", centres=[west], **particulars(
        civil, "最低生活保障申请", time_limit=20, modes=[Mode.DOORSTEP], max_trips=2,
        materials=[], steps=["窗口受理", "入户调查", "审核审批"]))
    retired = publish_matter("HY-MZ-009", centres=[west], **particulars(civil, "临时救助"))
    retired.matter.is_active = False
    retired.matter.save()


def docx_of(data):
    return Document(BytesIO(data))


def pdf_text(data):
    document = pypdfium2.PdfDocument(data)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def test_the_handbook_follows_the_catalogue(catalogue, tree):
    handbook = build_handbook()
    assert handbook.district == "示范区"
    assert [(name, [e.name for e in entries]) for name, entries in handbook.departments] == [
        ("民政局", ["最低生活保障申请"]), ("公安分局", ["出生登记", "户口迁入"])]
    birth = handbook.departments[1][1][0]
    assert (birth.code, birth.category, birth.time_limit, birth.trips, birth.online) == (
        "HY-GA-001", "行政确认", "即办", "零跑动", "可网上申请")
    assert birth.modes == "即办、代办"
    assert [(m.name, m.form, m.copies) for m in birth.materials] == [
        ("出生医学证明", "原件", 1), ("父母居民户口簿", "原件及复印件", 2)]
    assert [place.name for place in birth.centres] == ["西河乡便民服务中心", "东城街道便民服务中心"]


def test_the_docx_has_departments_as_headings_and_every_matter(catalogue):
    document = docx_of(handbook_docx(build_handbook()))
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    departments = [text for style, text in headings if style == "Heading 1"]
    assert departments[-2:] == ["一、民政局", "二、公安分局"]
    assert [text for style, text in headings if style == "Heading 2"] == [
        "1. 最低生活保障申请", "1. 出生登记", "2. 户口迁入"]
    body = "\n".join(p.text for p in document.paragraphs)
    assert "示范区" in body and "便民服务手册" in body and "临时救助" not in body
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"HY-GA-001", "出生医学证明", "原件及复印件", "复印首页及本人页", "西河乡政府院内",
            "0371-1234567", "周一至周六 9:00—17:00", "可网上申请", "须到窗口申请",
            "最多跑 2 次"} <= cells
    assert "①窗口受理 → ②入户调查 → ③审核审批" in body
    assert "本事项无需提交申请材料。" in body


def test_the_pdf_embeds_its_font_and_its_chinese_text_extracts(catalogue, caplog):
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        data = handbook_pdf(build_handbook())
    assert not [r for r in caplog.records if "missing" in r.getMessage()]  # no empty boxes
    assert b"/FontFile2" in data and re.search(rb"/BaseFont /[A-Z]{6}\+NotoSansSC\b", data)
    text = re.sub(r"\s+", "", pdf_text(data))
    for words in ("便民服务手册", "目录", "一、民政局", "二、公安分局", "最低生活保障申请",
                  "出生登记", "户口迁入", "HY-GA-002", "父母居民户口簿", "东城街道政府一楼",
                  "《中华人民共和国户口登记条例》第七条"):
        assert words in text, words
    assert "临时救助" not in text


def test_the_pdf_bookmarks_follow_departments_and_matters(catalogue):
    document = pypdfium2.PdfDocument(handbook_pdf(build_handbook()))
    outline = [(item.level, item.get_title()) for item in document.get_toc()]
    assert outline == [(0, "一、民政局"), (1, "最低生活保障申请"),
                       (0, "二、公安分局"), (1, "出生登记"), (1, "户口迁入")]


def test_anyone_may_download_the_handbook(catalogue, client):
    response = client.get(reverse("public:handbook_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert not response.cookies
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF") and "出生登记" in pdf_text(data)

    response = client.get(reverse("public:handbook_docx"))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert response["Content-Disposition"].startswith("attachment")
    assert "filename*=utf-8''" in response["Content-Disposition"]  # 示范区便民服务手册.docx
    document = docx_of(b"".join(response.streaming_content))
    assert "二、公安分局" in [p.text for p in document.paragraphs]
    assert client.post(reverse("public:handbook_pdf")).status_code == 405


def test_the_catalogue_page_links_to_the_handbook(catalogue, client):
    html = client.get(reverse("public:catalogue")).content.decode()
    assert reverse("public:handbook_pdf") in html and reverse("public:handbook_docx") in html


def test_a_handbook_is_made_once_until_the_catalogue_changes(catalogue, client, monkeypatch,
                                                              tree):
    made = []
    monkeypatch.setitem(views.HANDBOOK_WRITERS, "pdf",
                        lambda handbook: made.append(handbook) or handbook_pdf(handbook))
    url = reverse("public:handbook_pdf")
    client.get(url)
    client.get(url)
    assert len(made) == 1
    before = digest(build_handbook())
    Centre.objects.filter(name="西河乡便民服务中心").update(phone="0371-7654321")
    assert digest(build_handbook()) != before
    publish_matter("HY-GA-001", **particulars(
        UnitFactory(name="公安分局户政科", kind=UnitKind.DEPARTMENT, parent=tree.district),
        "出生登记（新生儿入户）"))
    text = pdf_text(b"".join(client.get(url).streaming_content))
    assert len(made) == 2 and "出生登记（新生儿入户）" in text and "0371-7654321" in text


def test_an_empty_catalogue_still_makes_a_handbook(tree):
    handbook = build_handbook()
    assert handbook.departments == []
    assert "便民服务手册" in pdf_text(handbook_pdf(handbook))
    assert docx_of(handbook_docx(handbook)).core_properties.title == "示范区便民服务手册"


@pytest.mark.django_db
def test_the_demo_handbook_has_all_48_matters_and_is_quick():
    load_demo()
    load_hall_demo(applications=0)
    started = time.perf_counter()
    handbook = build_handbook()
    pdf, docx = handbook_pdf(handbook), handbook_docx(handbook)
    elapsed = time.perf_counter() - started
    matters = Matter.objects.filter(is_active=True).count()
    assert handbook.matter_count == matters >= 40
    document = docx_of(docx)
    assert len([p for p in document.paragraphs if p.style.name == "Heading 2"]) == matters
    text = re.sub(r"\s+", "", pdf_text(pdf))
    for _, entries in handbook.departments:
        for entry in entries:
            assert entry.name.replace(" ", "") in text, entry.name
    # About 1.2 s on the 2-core CI machine; the bound leaves room for a busy one.
    assert elapsed < 10
