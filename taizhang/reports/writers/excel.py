"""A report as an .xlsx workbook: a "说明" sheet with the report's particulars and text, then one
sheet per table, its numbers kept as numbers so that they can be summed and sorted."""

import io
import math

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from . import DRAFT, text_width, written_date

SHEET_NAME_LENGTH = 31
# Excel forbids these in a sheet name; their full-width forms read the same in Chinese.
FULL_WIDTH = str.maketrans("[]:*?/\\", "［］：＊？／＼")
SHADE = PatternFill("solid", fgColor="ECEEF1")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
NOTE = Font(size=9, color="595959")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
HEADING = Alignment(horizontal="center", vertical="center")
NOTE_LINE_HEIGHT = 14  # points
MIN_WIDTH, MAX_WIDTH = 8, 60
TEXT_COLUMN_WIDTH = 100  # the text column of "说明", wide enough to read a paragraph


def report_xlsx(document):
    """The .xlsx bytes of a report ``document``."""
    workbook = Workbook()
    title = document["title"] + (DRAFT if document["draft"] else "")
    _about(workbook.active, document, title)
    names = {workbook.active.title}
    for block in document["blocks"]:
        if block["type"] == "table":
            sheet = workbook.create_sheet(_sheet_name(block["title"], names))
            names.add(sheet.title)
            _table(sheet, block, title)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _about(sheet, document, title):
    sheet.title = "说明"
    rows = [("标题", title), ("发文字号", document["number"] or "（未编号）"),
            ("发文机关", document["issuer"]), ("成文日期", written_date(document["date"]))]
    if document["corrects"]:
        rows.append(("更正说明", document["corrects"]))
    for label, value in rows:
        sheet.append([label, value])
        sheet.cell(sheet.max_row, 1).font = BOLD
    sheet.append([])
    sheet.append(["正文"])
    sheet.cell(sheet.max_row, 1).font = BOLD
    for block in document["blocks"]:
        if block["type"] in ("heading", "paragraph"):
            sheet.append(["", block["text"]])
            cell = sheet.cell(sheet.max_row, 2)
            cell.alignment = WRAP
            if block["type"] == "heading":
                cell.font = BOLD
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = TEXT_COLUMN_WIDTH


def _sheet_name(title, taken):
    """``title`` as Excel allows a sheet to be named: no []:*?/\\, at most 31 characters, not
    starting or ending with an apostrophe, and unlike (ignoring case) the names ``taken``."""
    base = title.translate(FULL_WIDTH).strip("'").strip() or "表"
    taken = {name.casefold() for name in taken}
    name, n = base[:SHEET_NAME_LENGTH], 1
    while name.casefold() in taken:
        n += 1
        suffix = f"（{n}）"
        name = base[:SHEET_NAME_LENGTH - len(suffix)] + suffix
    return name


def _table(sheet, block, title):
    columns = len(block["columns"])
    sheet.append([title])
    sheet.append([block["title"]])
    sheet.append(list(block["columns"]))
    for row in block["rows"]:
        sheet.append(list(row))  # None leaves the cell empty; numbers stay numbers
    for row_number, font in ((1, TITLE), (2, BOLD)):
        sheet.merge_cells(start_row=row_number, start_column=1, end_row=row_number,
                          end_column=columns)
        sheet.cell(row_number, 1).font = font
        sheet.cell(row_number, 1).alignment = HEADING
    for cell in sheet[3]:
        cell.font, cell.fill, cell.alignment = BOLD, SHADE, CENTRE
    sheet.freeze_panes = "A4"
    widths = []
    for index in range(columns):
        texts = [block["columns"][index], *(row[index] for row in block["rows"])]
        width = max(text_width("" if text is None else text) for text in texts) + 2
        widths.append(min(max(width, MIN_WIDTH), MAX_WIDTH))
        sheet.column_dimensions[get_column_letter(index + 1)].width = widths[-1]
    if block.get("note"):
        note = f"注：{block['note']}"
        sheet.append([note])
        last = sheet.max_row
        sheet.merge_cells(start_row=last, start_column=1, end_row=last, end_column=columns)
        sheet.cell(last, 1).font = NOTE
        sheet.cell(last, 1).alignment = WRAP
        # Excel does not fit the height of a merged row to its text.
        lines = math.ceil(text_width(note) * 0.8 / sum(widths))  # 9 pt, narrower than 11
        sheet.row_dimensions[last].height = NOTE_LINE_HEIGHT * max(lines, 1)
