"""A report as a PDF laid out like its .docx (GB/T 9704 margins, 3号 body at 22 lines a page).

The PDF embeds one Chinese font (see ``taizhang.documents.cjkfont``), so the headings that the
.docx sets in 黑体 are printed in faux bold here, and the whole text in that one face."""

import io

from fpdf.enums import XPos, YPos

from taizhang.documents.pdf import CjkPdf

from . import DRAFT, cell_text, signature_spaces, text_width, written_date
from .charts import ASPECT, chart_png

TOP, BOTTOM, LEFT, RIGHT = 37, 35, 28, 26  # mm
PAGE_HEIGHT = 297
PT = 25.4 / 72  # mm per point
BODY_SIZE, TITLE_SIZE, PAGE_NUMBER_SIZE, NOTE_SIZE = 16, 22, 14, 12
LINE = 28.95 * PT  # 225 mm / 22 lines
CHARS = 28
PAGE_NUMBER_GAP = 7  # mm between the type area and the number's top edge
# Two characters the width of the indent, put before the text so that it wraps as if
# indented, then taken off the first line.
INDENT_MARK = "国国"


class ReportPdf(CjkPdf):
    def footer(self):
        """"— N —" below the type area, one character in from the outer edge: odd pages on the
        right, even pages on the left, as a bound document opens."""
        with self.local_context(font_size_pt=PAGE_NUMBER_SIZE):
            inset = PAGE_NUMBER_SIZE * PT
            self.set_xy(self.l_margin + (0 if self.page_no() % 2 else inset),
                        PAGE_HEIGHT - BOTTOM + PAGE_NUMBER_GAP)
            self.cell(self.epw - inset, PAGE_NUMBER_SIZE * PT, f"— {self.page_no()} —",
                      align="R" if self.page_no() % 2 else "L")


def report_pdf(document):
    """The PDF bytes of a report ``document``."""
    pdf = ReportPdf(document["title"], subject=document["number"], size=BODY_SIZE)
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    pdf.add_page()
    if document["number"]:
        _centred(pdf, document["number"])
    pdf.set_font_size(TITLE_SIZE)
    pdf.paragraph(document["title"], line_height=1.5, align="C")
    pdf.set_font_size(BODY_SIZE)
    if document["draft"]:
        _centred(pdf, DRAFT)
    pdf.ln(LINE)
    if document["corrects"]:
        _body(pdf, document["corrects"])
    for block in document["blocks"]:
        BLOCKS[block["type"]](pdf, block)
    _signature(pdf, document["issuer"], written_date(document["date"]))
    return bytes(pdf.output())


def _centred(pdf, text):
    pdf.paragraph(text, line_height=LINE / pdf.font_size, align="C")


def _body(pdf, text, *, keep_lines=1):
    """Text with its first line indented two characters, at the body's line pitch; with
    ``keep_lines`` that many lines kept together (a heading with what follows it)."""
    lines = pdf.wrap(INDENT_MARK + text, pdf.epw)
    lines[0] = lines[0][len(INDENT_MARK):]
    if not pdf.fits(LINE * keep_lines):
        pdf.add_page()
    for index, line in enumerate(lines):
        indent = pdf.width_of(INDENT_MARK) if index == 0 else 0
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(pdf.epw - indent, LINE, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _heading(pdf, block):
    if block["level"] == 1:
        with pdf.bold():
            _body(pdf, block["text"], keep_lines=3)
    else:
        _body(pdf, block["text"], keep_lines=3)


def _paragraph(pdf, block):
    _body(pdf, block["text"])


def _table(pdf, block):
    size = 14 if len(block["columns"]) <= 6 else 12  # 4号, or 小四 for wide tables
    if not pdf.fits(LINE + 3 * size * PT * 2):  # the caption, the header and a row or two
        pdf.add_page()
    with pdf.bold():
        _centred(pdf, block["title"])
    rows = [block["columns"], *([cell_text(value) for value in row] for row in block["rows"])]
    longest = [max(text_width(row[column]) for row in rows) + 2 for column in range(len(rows[0]))]
    pdf.set_font_size(size)
    pdf.grid(rows, [pdf.epw * width / sum(longest) for width in longest])
    if block.get("note"):
        pdf.set_font_size(NOTE_SIZE if size > NOTE_SIZE else size - 1.5)
        pdf.ln(1)
        pdf.paragraph(f"注：{block['note']}", line_height=1.4)
    pdf.set_font_size(BODY_SIZE)
    pdf.ln(LINE / 2)


def _chart(pdf, block):
    height = pdf.epw * ASPECT
    if not pdf.fits(height + LINE):
        pdf.add_page()
    top = pdf.get_y()
    pdf.image(io.BytesIO(chart_png(block, width_mm=pdf.epw)), x=pdf.l_margin, y=top, w=pdf.epw,
              h=height)
    pdf.set_y(top + height)
    with pdf.bold():
        _centred(pdf, block["title"])
    pdf.ln(LINE / 2)


def _signature(pdf, issuer, dated):
    issuer_space, date_space = signature_spaces(issuer, dated)
    character = pdf.epw / CHARS
    if not pdf.fits(LINE * 4):
        pdf.add_page()
    else:
        pdf.ln(LINE * 2)
    for text, space in ((issuer, issuer_space), (dated, date_space)):
        pdf.cell(pdf.epw - space * character, LINE, text, align="R",
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)


BLOCKS = {"heading": _heading, "paragraph": _paragraph, "table": _table, "chart": _chart}
