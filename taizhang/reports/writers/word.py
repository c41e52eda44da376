"""A report as a .docx laid out as GB/T 9704-2012 lays out an official document.

A4, margins 37/35/28/26 mm (top, bottom, left, right) for the 156×225 mm type area; body in
3号 仿宋 on a grid of 22 lines of 28 characters; headings in 黑体 and 楷体; page numbers
"— 1 —" in 4号 宋体 on the outer side; the issuing unit and date at the end.

The fonts are named, not embedded: ``fonts`` overrides DEFAULT_FONTS (e.g. settings'
TAIZHANG_REPORT_FONTS). So that a computer without them does not fall back to a Latin font,
the font table lists each with the shipped free font, Noto Sans SC, as its alternative name
and GB2312 as its character set; Word and WPS substitute by those.
"""

import io

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from taizhang.documents.word import add_heading, add_table, new_document, set_fonts

from . import DRAFT, cell_text, signature_spaces, text_width, written_date
from .charts import chart_png

DEFAULT_FONTS = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "heading1": "黑体",
                 "heading2": "楷体_GB2312", "page_number": "宋体"}
ALTERNATIVE_FONT = "Noto Sans SC"
TOP, BOTTOM, LEFT, RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH = Mm(210 - 28 - 26)
LINES, CHARS = 22, 28
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines, in whole twips (579) as Word stores it
BODY_SIZE = Pt(16)  # 3号
TITLE_SIZE = Pt(22)  # 2号
PAGE_NUMBER_SIZE = Pt(14)  # 4号
FOOTER_DISTANCE = Mm(23)  # the number's top edge 7 mm below the type area
INDENT = 2 * BODY_SIZE  # two characters


def report_docx(document, *, fonts=None):
    """The .docx bytes of a report ``document`` (see the reports app for its shape)."""
    fonts = {**DEFAULT_FONTS, **(fonts or {})}
    docx = new_document(title=document["title"], body_font=fonts["body"],
                        heading_font=fonts["heading1"], size=BODY_SIZE,
                        margins=(TOP, RIGHT, BOTTOM, LEFT))
    _set_up(docx, fonts)
    title = _centred(docx, document["title"], font=fonts["title"], size=TITLE_SIZE)
    if document["number"]:
        title.insert_paragraph_before(document["number"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_before = LINE_PITCH
    if document["draft"]:
        _centred(docx, DRAFT)
    docx.add_paragraph()  # GB/T 9704: one blank line between the title and the body
    if document["corrects"]:
        _body(docx, document["corrects"])
    for block in document["blocks"]:
        BLOCKS[block["type"]](docx, block, fonts)
    _signature(docx, document["issuer"], written_date(document["date"]))
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()


def _set_up(docx, fonts):
    section = docx.sections[0]
    section.footer_distance = FOOTER_DISTANCE
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # The character pitch is the body size plus charSpace 4096ths of a point.
    pitch = TEXT_WIDTH.pt / CHARS
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH.twips))
    grid.set(qn("w:charSpace"), str(round((pitch - BODY_SIZE.pt) * 4096)))
    normal = docx.styles["Normal"].paragraph_format
    normal.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.line_spacing = LINE_PITCH
    normal.space_before = normal.space_after = Pt(0)
    for level in (1, 2):
        style = docx.styles[f"Heading {level}"]
        set_fonts(style, fonts[f"heading{level}"])
        style.font.size, style.font.bold = BODY_SIZE, False
        layout = style.paragraph_format
        layout.first_line_indent, layout.line_spacing = INDENT, LINE_PITCH
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.space_before = layout.space_after = Pt(0)
    docx.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT, fonts["page_number"])
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, fonts["page_number"])
    _font_table(docx, set(fonts.values()))


def _font_table(docx, names):
    part = next(rel.target_part for rel in docx.part.rels.values()
                if rel.reltype == RELATIONSHIP_TYPE.FONT_TABLE)
    table = parse_xml(part.blob)
    for name in sorted(names):
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", ALTERNATIVE_FONT), ("w:charset", "86")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            font.append(child)
        table.append(font)
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number(footer, alignment, font):
    """"— N —" with Word's PAGE field, one character in from the outer edge."""
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = alignment
    layout = paragraph.paragraph_format
    layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        layout.right_indent = PAGE_NUMBER_SIZE
    else:
        layout.left_indent = PAGE_NUMBER_SIZE
    field = OxmlElement("w:r")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        field.append(element)
    for text in ("— ", None, " —"):
        run = paragraph.add_run(text)
        if text is None:
            run._r.extend(field)
        set_fonts(run, font, latin=font)
        run.font.size = PAGE_NUMBER_SIZE


def _centred(docx, text, *, font=None, size=None):
    paragraph = docx.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    if font:
        set_fonts(run, font)
    if size:
        run.font.size = size
    return paragraph


def _body(docx, text):
    paragraph = docx.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = INDENT
    return paragraph


def _heading(docx, block, fonts):
    add_heading(docx, block["text"], min(block["level"], 2))


def _paragraph(docx, block, fonts):
    _body(docx, block["text"])


def _table(docx, block, fonts):
    size = Pt(14) if len(block["columns"]) <= 6 else Pt(12)  # 4号, or 小四 for wide tables
    caption = _centred(docx, block["title"], font=fonts["heading1"])
    caption.paragraph_format.keep_with_next = True
    rows = [block["columns"], *([cell_text(value) for value in row] for row in block["rows"])]
    longest = [max(text_width(row[column]) for row in rows) + 2 for column in range(len(rows[0]))]
    widths = [Mm(TEXT_WIDTH.mm * width / sum(longest)) for width in longest]
    table = add_table(docx, rows, widths, size=size)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _table_style(docx, size)
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            set_fonts(run, fonts["heading1"])
    if block.get("note"):
        note = docx.add_paragraph()
        note.paragraph_format.line_spacing = Pt(size.pt * 1.5)
        note.add_run(f"注：{block['note']}").font.size = Pt(size.pt - 2)
    docx.add_paragraph()


def _table_style(docx, size):
    """Centre the table text and take it off the line grid, which would space its lines
    28.95 pt apart."""
    style = docx.styles[f"表格文字 {size.pt:g}"]
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    properties = style.element.get_or_add_pPr()
    if properties.find(qn("w:snapToGrid")) is None:
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        properties.insert_element_before(snap, "w:spacing", "w:ind", "w:jc")


def _chart(docx, block, fonts):
    picture = docx.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    picture.paragraph_format.keep_with_next = True
    png = chart_png(block, width_mm=TEXT_WIDTH.mm)
    picture.add_run().add_picture(io.BytesIO(png), width=TEXT_WIDTH)
    _centred(docx, block["title"], font=fonts["heading1"])


def _signature(docx, issuer, dated):
    issuer_space, date_space = signature_spaces(issuer, dated)
    docx.add_paragraph()
    docx.add_paragraph()
    for text, space in ((issuer, issuer_space), (dated, date_space)):
        paragraph = docx.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(space * TEXT_WIDTH.pt / CHARS)


BLOCKS = {"heading": _heading, "paragraph": _paragraph, "table": _table, "chart": _chart}
