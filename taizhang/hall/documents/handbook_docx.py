"""The service handbook as a Word document (.docx), for centres that print or edit it.

Same order as the PDF: cover, preface, contents, then a Heading 1 per department and a
Heading 2 per matter, so Word's navigation pane and its own table of contents follow them.
The contents list departments and matters without page numbers: only Word knows its pages.
"""

from io import BytesIO

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt, RGBColor

from ...documents.numbering import chinese_number
from ...documents.word import (
    HEADING_FONT,
    add_heading,
    add_page_numbers,
    add_table,
    new_document,
    set_fonts,
)
from .handbook import TITLE, edition_text, preface, steps_text

ACCENT = RGBColor(0x9F, 0x1C, 0x20)
TEXT_WIDTH = 160  # mm between the 25 mm margins of an A4 page


def handbook_docx(handbook) -> bytes:
    document = new_document(title=handbook.title)
    document.core_properties.subject = "政务服务事项办事指南汇编"
    add_page_numbers(document.sections[0])
    _cover(document, handbook)
    _preface(document, handbook)
    _contents(document, handbook)
    for number, (department, entries) in enumerate(handbook.departments, start=1):
        heading = add_heading(document, f"{chinese_number(number)}、{department}", level=1)
        heading.paragraph_format.page_break_before = True
        for index, entry in enumerate(entries, start=1):
            _matter(document, index, entry)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _centred(document, text, size, *, bold=False, heading_font=False, space_before=0):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(space_before)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    if heading_font:
        set_fonts(run, HEADING_FONT)
    return paragraph


def _cover(document, handbook):
    _centred(document, handbook.district, 22, space_before=150)
    _centred(document, TITLE, 40, bold=True, heading_font=True, space_before=18)
    _centred(document, f"（{handbook.edition.year}年版）", 18, space_before=18)
    _centred(document, f"共 {len(handbook.departments)} 个部门 {handbook.matter_count} 项"
                       "政务服务事项", 14, space_before=260)
    last = _centred(document, edition_text(handbook), 14, space_before=6)
    last.runs[-1].add_break(WD_BREAK.PAGE)


def _chapter(document, text, *, new_page=True):
    heading = add_heading(document, text, level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.page_break_before = new_page
    return heading


def _preface(document, handbook):
    _chapter(document, "说　明", new_page=False)
    for text in preface(handbook):
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.first_line_indent = Pt(24)  # two characters


def _contents(document, handbook):
    _chapter(document, "目　录")
    for number, (department, entries) in enumerate(handbook.departments, start=1):
        line = document.add_paragraph()
        line.paragraph_format.space_before = Pt(8)
        run = line.add_run(f"{chinese_number(number)}、{department}（{len(entries)} 项）")
        run.bold = True
        set_fonts(run, HEADING_FONT)
        for index, entry in enumerate(entries, start=1):
            item = document.add_paragraph(f"{index}. {entry.name}")
            item.paragraph_format.left_indent = Mm(8)
            item.paragraph_format.space_after = Pt(0)


def _matter(document, index, entry):
    add_heading(document, f"{index}. {entry.name}", level=2)
    add_table(document, [
        ("事项编码", entry.code), ("事项类型", entry.category), ("设定依据", entry.legal_basis),
        ("承诺时限", entry.time_limit), ("收费标准", entry.fee), ("办理方式", entry.modes),
        ("网上申请", entry.online), ("跑动次数", entry.trips),
    ], [Mm(28), Mm(TEXT_WIDTH - 28)], heading=False, shade_first_column=True)
    _subtitle(document, "申请材料")
    if entry.materials:
        add_table(document, [
            ("序号", "材料名称", "原件/复印件", "份数", "备注"),
            *((str(n), m.name, m.form, str(m.copies), m.note or "—")
              for n, m in enumerate(entry.materials, start=1)),
        ], [Mm(12), Mm(58), Mm(28), Mm(12), Mm(TEXT_WIDTH - 110)])
    else:
        document.add_paragraph("本事项无需提交申请材料。")
    _subtitle(document, "办理流程")
    document.add_paragraph(steps_text(entry))
    _subtitle(document, "办理地点")
    if entry.centres:
        add_table(document, [
            ("服务中心", "地址", "咨询电话", "办公时间"),
            *((c.name, c.address, c.phone or "—", c.hours) for c in entry.centres),
        ], [Mm(36), Mm(44), Mm(28), Mm(TEXT_WIDTH - 108)])
    else:
        document.add_paragraph("请拨打区政务服务中心咨询电话了解办理地点。")


def _subtitle(document, text):
    heading = add_heading(document, text, level=3)
    heading.runs[0].font.color.rgb = ACCENT
