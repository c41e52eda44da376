"""Word documents name Chinese fonts where Word looks for them, and read back as written."""

from io import BytesIO

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from taizhang.documents.word import (
    add_heading,
    add_page_numbers,
    add_table,
    new_document,
    set_fonts,
)


def round_trip(document):
    out = BytesIO()
    document.save(out)
    return Document(BytesIO(out.getvalue()))


def fonts_of(style):
    fonts = style.element.rPr.rFonts
    return {name: fonts.get(qn(f"w:{name}")) for name in ("eastAsia", "ascii", "asciiTheme")}


def test_body_and_headings_have_chinese_fonts():
    document = round_trip(new_document(title="便民服务手册"))
    assert fonts_of(document.styles["Normal"]) == {
        "eastAsia": "宋体", "ascii": "Times New Roman", "asciiTheme": None}
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        assert fonts_of(document.styles[name])["eastAsia"] == "黑体", name
        assert fonts_of(document.styles[name])["asciiTheme"] is None, name
    assert document.core_properties.title == "便民服务手册"
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_a_run_can_name_its_own_font():
    document = new_document(title="t")
    run = document.add_paragraph().add_run("仿宋正文")
    set_fonts(run, "仿宋_GB2312")
    assert run.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_headings_tables_and_page_numbers_read_back():
    document = new_document(title="t")
    add_heading(document, "一、公安分局", level=1)
    add_heading(document, "1. 出生登记", level=2)
    add_table(document, [("材料名称", "份数"), ("出生医学证明", "1"), ("居民户口簿", "1")],
              [Mm(60), Mm(20)])
    add_page_numbers(document.sections[0])
    document = round_trip(document)

    headings = [(p.style.name, p.text) for p in document.paragraphs]
    assert headings == [("Heading 1", "一、公安分局"), ("Heading 2", "1. 出生登记")]
    table = document.tables[0]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["材料名称", "份数"], ["出生医学证明", "1"], ["居民户口簿", "1"]]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on each page
    assert table.rows[0].cells[0]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "ECEEF1"
    assert round(table.columns[0].width.mm) == 60
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer
