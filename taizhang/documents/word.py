"""Word documents (.docx, python-docx) in Chinese.

A .docx names its fonts instead of embedding them, and Word picks the font of Chinese text
from the ``eastAsia`` slot of a run's fonts, which python-docx's ``font.name`` leaves alone: set
only that, Chinese text shows in whatever Word chooses. ``set_fonts`` fills every slot. The
names are those of the fonts on Chinese office computers (宋体, 黑体, 仿宋_GB2312, 楷体_GB2312);
WPS and LibreOffice map them to what they have.
"""

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
BLACK = RGBColor(0, 0, 0)
SHADE = "ECEEF1"
BODY_SIZE = Pt(12)
FOOTER_SIZE = Pt(10.5)
TABLE_SIZE = Pt(10)
MARGINS = (Mm(25), Mm(25), Mm(25), Mm(25))  # top, right, bottom, left


def set_fonts(target, east_asian, latin=LATIN_FONT):
    """Name ``east_asian`` for Chinese text and ``latin`` for the rest, on a style or a run."""
    target.font.name = latin
    fonts = target.element.get_or_add_rPr().get_or_add_rFonts()
    # Theme fonts (the template's headings have them) win over named ones: drop them.
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def new_document(*, title, body_font=BODY_FONT, heading_font=HEADING_FONT, size=BODY_SIZE,
                 margins=MARGINS):
    """An A4 portrait document whose body and headings (levels 1–3) are in Chinese fonts,
    headings black rather than the template's blue. ``margins``: top, right, bottom, left."""
    document = Document()
    document.core_properties.title = title
    document.core_properties.language = "zh-CN"
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    (section.top_margin, section.right_margin,
     section.bottom_margin, section.left_margin) = margins
    normal = document.styles["Normal"]
    set_fonts(normal, body_font)
    normal.font.size = size
    normal.paragraph_format.line_spacing = 1.3
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        style = document.styles[name]
        set_fonts(style, heading_font)
        style.font.color.rgb = BLACK
        style.font.italic = False
    return document


def shade_cell(cell, fill=SHADE):
    """Fill a table cell with the hex colour ``fill`` (e.g. "ECEEF1")."""
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def add_heading(document, text, level):
    """A heading paragraph (0 = Title, 1–3 = Heading 1–3), without python-docx's per-call style
    search, which dominates the time of a long document."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = _style_id(document, "Title" if level == 0 else f"Heading {level}")
    return paragraph


def add_table(document, rows, widths, *, heading=True, shade_first_column=False,
              size=TABLE_SIZE):
    """A bordered table of ``rows`` of texts at ``size``, column ``widths`` as lengths (e.g.
    Mm(30)). With ``heading`` the first row is shaded and repeats at the top of each page."""
    table = document.add_table(rows=len(rows), cols=len(widths))
    table._tbl.tblPr.style = _style_id(document, "Table Grid")
    table.autofit = False
    text_style = _table_text_style(document, size)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice and WPS go by
    for index, (row, texts) in enumerate(zip(table.rows, rows, strict=True)):
        is_heading = heading and index == 0
        if is_heading:
            row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for column, (cell, text, width) in enumerate(zip(row.cells, texts, widths, strict=True)):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph._p.style = text_style
            paragraph.add_run(str(text))
            if is_heading or (shade_first_column and column == 0):
                shade_cell(cell)
    return table


def _table_text_style(document, size):
    """The id of a paragraph style for table cells at ``size``: single-spaced, 2 pt apart."""
    name = f"表格文字 {size.pt:g}"
    if name not in _style_ids(document) and name not in document.styles:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = f"TableText{size.pt:g}".replace(".", "_")
        style.base_style = document.styles["Normal"]
        style.font.size = size
        style.paragraph_format.line_spacing = 1.0
        style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(2)
    return _style_id(document, name)


def _style_id(document, name):
    ids = _style_ids(document)
    if name not in ids:
        ids[name] = document.styles[name].style_id
    return ids[name]


def _style_ids(document):
    """Style ids by name, kept on the document: python-docx looks them up by a linear search."""
    if not hasattr(document, "_taizhang_style_ids"):
        document._taizhang_style_ids = {}
    return document._taizhang_style_ids


def add_page_numbers(section, *, size=FOOTER_SIZE):
    """Centre "— N —" in the section's footer, N being Word's own PAGE field."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ").font.size = size
    run = paragraph.add_run()
    run.font.size = size
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    shown = OxmlElement("w:t")
    shown.text = "1"  # what a reader shows until it updates the field
    for element in (_field_char("begin"), instruction, _field_char("separate"), shown,
                    _field_char("end")):
        run._r.append(element)
    paragraph.add_run(" —").font.size = size


def _field_char(kind):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element
