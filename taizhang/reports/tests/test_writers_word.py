"""The .docx of a report reads back laid out as GB/T 9704 asks."""

import io
import time

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from taizhang.reports.writers.word import report_docx

from .sample import SAMPLE, document, long_document


@pytest.fixture(scope="module")
def docx():
    return Document(io.BytesIO(report_docx(SAMPLE)))


def east_asian(run_or_style):
    return run_or_style.element.rPr.rFonts.get(qn("w:eastAsia"))


def paragraph(docx, text):
    return next(p for p in docx.paragraphs if p.text == text)


def test_page_size_and_margins(docx):
    section = docx.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin,
                                  section.left_margin, section.right_margin)] == [37, 35, 28, 26]


def test_the_line_and_character_grid(docx):
    grid = docx.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert int(grid.get(qn("w:linePitch"))) == 579  # 28.95 pt: 22 lines in 225 mm
    pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert 28 * pitch == pytest.approx(Mm(156).pt, abs=0.1)  # 28 characters in 156 mm


def test_number_then_title_then_blank_line(docx):
    number, title, blank = docx.paragraphs[:3]
    assert number.text == "示督通〔2026〕12号"
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.text == "2026年第47周工作通报"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asian(title.runs[0]) == "方正小标宋简体"
    assert title.runs[0].font.size == Pt(22)
    assert blank.text == ""


def test_body_font_size_indent_and_line_spacing(docx):
    normal = docx.styles["Normal"]
    assert east_asian(normal) == "仿宋_GB2312"
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing.pt == pytest.approx(28.95)
    body = paragraph(docx, SAMPLE["blocks"][1]["text"])
    assert body.style.name == "Normal"
    assert body.paragraph_format.first_line_indent == Pt(32)


def test_headings(docx):
    first, second = paragraph(docx, "一、总体情况"), paragraph(docx, "（一）台账事项")
    for heading, font in ((first, "黑体"), (second, "楷体_GB2312")):
        style = heading.style
        assert east_asian(style) == font
        assert style.font.size == Pt(16)
        assert style.font.bold is False
        assert style.paragraph_format.first_line_indent == Pt(32)
        assert style.paragraph_format.line_spacing.pt == pytest.approx(28.95)


def test_page_numbers_on_the_outer_side(docx):
    section = docx.sections[0]
    assert docx.settings.odd_and_even_pages_header_footer
    for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        number = footer.paragraphs[0]
        assert number.alignment == alignment
        assert number.text == "— 1 —"
        assert number.runs[0].text == "— " and number.runs[2].text == " —"
        field = number.runs[1]._r
        assert field.find(qn("w:instrText")).text.strip() == "PAGE"
        for run in number.runs:
            assert east_asian(run) == "宋体"
            assert run.font.size == Pt(14)


def test_issuer_and_date_close_the_document(docx):
    issuer, dated = docx.paragraphs[-2:]
    assert (issuer.text, dated.text) == ("示范区人民政府督查室", "2026年11月23日")
    assert issuer.alignment == dated.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # The date starts two characters right of the unit's first character.
    assert dated.paragraph_format.right_indent > issuer.paragraph_format.right_indent
    assert [p.text for p in docx.paragraphs[-4:-2]] == ["", ""]


def test_tables_hold_the_rows_with_dashes_for_missing_values(docx):
    tables = [block for block in SAMPLE["blocks"] if block["type"] == "table"]
    assert len(docx.tables) == len(tables)
    for table, block in zip(docx.tables, tables, strict=True):
        texts = [[cell.text for cell in row.cells] for row in table.rows]
        assert texts[0] == block["columns"]
        expected = [["—" if v is None else str(v) for v in row] for row in block["rows"]]
        assert texts[1:] == expected
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert texts[1][4] == "1.5" and texts[3][4] == "—"
    caption = paragraph(docx, "表1 各单位台账事项办理情况")
    assert caption.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asian(caption.runs[0]) == "黑体"
    assert paragraph(docx, "注：逾期：截至统计截止日超过完成时限仍未销号的事项。")


def test_charts_are_pictures_with_their_titles_under_them(docx):
    pictures = docx.inline_shapes
    assert len(pictures) == 2
    assert round(pictures[0].width.mm) == 156
    texts = [p.text for p in docx.paragraphs]
    index = texts.index("图1 各月办结率")
    assert docx.paragraphs[index - 1]._p.xpath(".//pic:pic")
    assert docx.paragraphs[index].alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_fonts_can_be_configured_and_fall_back_to_the_shipped_one():
    docx = Document(io.BytesIO(report_docx(SAMPLE, fonts={"body": "仿宋"})))
    assert east_asian(docx.styles["Normal"]) == "仿宋"
    title = docx.paragraphs[1]
    assert east_asian(title.runs[0]) == "方正小标宋简体"
    part = next(rel.target_part for rel in docx.part.rels.values()
                if rel.reltype.endswith("/fontTable"))
    assert "仿宋" in part.blob.decode()
    assert '<w:altName w:val="Noto Sans SC"/>' in part.blob.decode()


def test_a_draft_without_number_and_a_correction():
    docx = Document(io.BytesIO(report_docx(document(
        number="", draft=True, corrects="本期更正示督通〔2026〕11号：表1合计数应为12件。"))))
    texts = [p.text for p in docx.paragraphs]
    assert texts[:4] == ["2026年第47周工作通报", "（草稿）", "",
                         "本期更正示督通〔2026〕11号：表1合计数应为12件。"]


def test_a_long_report_is_quick():
    started = time.perf_counter()
    data = report_docx(long_document())
    assert time.perf_counter() - started < 3
    assert len(Document(io.BytesIO(data)).tables) == 40
