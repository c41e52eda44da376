"""The service handbook as a PDF: cover, preface, contents with page numbers, then one chapter
per department and one section per matter. The PDF's bookmarks follow the same outline."""

import math

from fpdf.enums import XPos, YPos

from ...documents.numbering import chinese_number
from ...documents.pdf import CjkPdf
from .handbook import TITLE, edition_text, preface, steps_text

ACCENT = (159, 28, 32)  # the red of the site's masthead
INK = (31, 35, 41)
MUTED = (95, 102, 112)
LINE = 7.5  # mm per line of the contents
CONTENTS_TOP = 42  # mm taken by the contents' heading


class HandbookPdf(CjkPdf):
    def __init__(self, handbook):
        super().__init__(handbook.title, subject="政务服务事项办事指南汇编")
        self.handbook = handbook
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(True, margin=20)

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_y(-14)
        with self.local_context(font_size_pt=9, text_color=MUTED):
            self.cell(0, 6, f"— {self.page_no()} —", align="C")


def handbook_pdf(handbook) -> bytes:
    pdf = HandbookPdf(handbook)
    _cover(pdf, handbook)
    _preface(pdf, handbook)
    pdf.add_page()
    pdf.insert_toc_placeholder(_contents, pages=_contents_pages(pdf, handbook),
                               reset_page_indices=False)
    for number, (department, entries) in enumerate(handbook.departments, start=1):
        _department(pdf, number, department, entries)
    return bytes(pdf.output())


def _cover(pdf, handbook):
    pdf.add_page()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, 12, style="F")
    pdf.set_y(78)
    pdf.set_font_size(20)
    pdf.cell(0, 12, handbook.district, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font_size(40)
    with pdf.bold():
        pdf.cell(0, 20, TITLE, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.8)
    pdf.line(60, pdf.get_y() + 6, pdf.w - 60, pdf.get_y() + 6)
    pdf.ln(14)
    pdf.set_font_size(18)
    pdf.cell(0, 10, f"（{handbook.edition.year}年版）", align="C",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(-70)
    pdf.set_font_size(13)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 8, f"共 {len(handbook.departments)} 个部门 {handbook.matter_count} 项政务服务事项",
             align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(0, 8, edition_text(handbook), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.rect(0, pdf.h - 12, pdf.w, 12, style="F")


def _preface(pdf, handbook):
    pdf.add_page()
    _chapter_title(pdf, "说　明")
    pdf.set_font_size(12)
    for text in preface(handbook):
        pdf.paragraph(text, indent=0, line_height=1.9)
        pdf.ln(2)


def _chapter_title(pdf, text):
    pdf.set_font_size(20)
    pdf.set_text_color(*ACCENT)
    with pdf.bold():
        pdf.cell(0, 14, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(6)


def _contents_pages(pdf, handbook):
    lines = len(handbook.departments) + handbook.matter_count
    first = math.floor((pdf.eph - CONTENTS_TOP) / LINE)
    following = math.floor(pdf.eph / LINE)
    return 1 + max(0, math.ceil((lines - first) / following))


def _contents(pdf, outline):
    pdf.set_xy(pdf.l_margin, pdf.t_margin)
    _chapter_title(pdf, "目　录")
    for section in outline:
        size, indent = (13, 0) if section.level == 0 else (11, 8)
        pdf.set_font_size(size)
        if pdf.get_y() + LINE > pdf.page_break_trigger:
            pdf.add_page()
        link = pdf.add_link(page=section.page_number)
        page = str(section.page_number)
        name = section.name
        room = pdf.epw - indent - pdf.width_of(page) - 4
        dots = "." * max(2, int((room - pdf.width_of(name)) / pdf.width_of(".")))
        pdf.set_x(pdf.l_margin + indent)
        text = f"{name}{dots}"
        if section.level == 0:
            with pdf.bold():
                pdf.cell(pdf.epw - indent - 12, LINE, text, link=link)
        else:
            pdf.cell(pdf.epw - indent - 12, LINE, text, link=link)
        pdf.cell(12, LINE, page, align="R", link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _department(pdf, number, department, entries):
    if pdf.get_y() > pdf.t_margin:  # the contents' placeholder already opened a fresh page
        pdf.add_page()
    title = f"{chinese_number(number)}、{department}"
    pdf.start_section(title, level=0)
    pdf.set_fill_color(*ACCENT)
    pdf.rect(pdf.l_margin, pdf.get_y(), 3, 12, style="F")
    pdf.set_x(pdf.l_margin + 6)
    pdf.set_font_size(18)
    with pdf.bold():
        pdf.cell(0, 12, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font_size(10)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 8, f"共 {len(entries)} 项", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(2)
    for index, entry in enumerate(entries, start=1):
        _matter(pdf, index, entry)


def _matter(pdf, index, entry):
    if not pdf.fits(70):
        pdf.add_page()
    pdf.ln(3)
    pdf.start_section(entry.name, level=1)
    pdf.set_font_size(14)
    with pdf.bold():
        pdf.paragraph(f"{index}. {entry.name}", line_height=1.5)
    pdf.ln(1)
    pdf.set_font_size(9.5)
    label = 26
    rest = pdf.epw - label
    pdf.grid([("事项编码", entry.code), ("事项类型", entry.category),
              ("设定依据", entry.legal_basis), ("承诺时限", entry.time_limit),
              ("收费标准", entry.fee), ("办理方式", entry.modes), ("网上申请", entry.online),
              ("跑动次数", entry.trips)],
             (label, rest), heading=False, shade_first_column=True)
    _subtitle(pdf, "申请材料")
    pdf.set_font_size(9.5)
    if entry.materials:
        pdf.grid([("序号", "材料名称", "原件/复印件", "份数", "备注"),
                  *((str(n), m.name, m.form, str(m.copies), m.note or "—")
                    for n, m in enumerate(entry.materials, start=1))],
                 (11, 64, 29, 11, pdf.epw - 115))
    else:
        pdf.paragraph("本事项无需提交申请材料。")
    _subtitle(pdf, "办理流程")
    pdf.set_font_size(10)
    pdf.paragraph(steps_text(entry), line_height=1.7)
    _subtitle(pdf, "办理地点")
    pdf.set_font_size(9)
    if entry.centres:
        pdf.grid([("服务中心", "地址", "咨询电话", "办公时间"),
                  *((c.name, c.address, c.phone or "—", c.hours)
                    for c in entry.centres)],
                 (38, 46, 26, pdf.epw - 110))
    else:
        pdf.paragraph("请拨打区政务服务中心咨询电话了解办理地点。")
    pdf.ln(4)


def _subtitle(pdf, text):
    if not pdf.fits(22):
        pdf.add_page()
    pdf.ln(2.5)
    pdf.set_font_size(11)
    pdf.set_text_color(*ACCENT)
    with pdf.bold():
        pdf.cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
