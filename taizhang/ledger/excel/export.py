"""Ledger items to .xlsx, in the layout offices print and file.

Row 1 is the title, merged across; row 2 the header; one row per item below. The header
stays in view when scrolling and is repeated on every printed page (landscape A4, fitted to
the page width). The 编号 column carries the item code, so the same sheet, edited and imported
again, updates the items it came from instead of adding new ones.

Everything is read in three queries however many items there are: the items with their
leader, lead unit, light and latest progress report; their cooperating units; nothing else.
The sheet is written in openpyxl's write-only mode (streamed rows).
"""

import io
import re
from collections import defaultdict
from datetime import date

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..constants import ItemStatus, Light
from ..lights import annotate_light
from ..models import Item, ProgressReport

# (header, column width in characters): the import reads these same names back.
COLUMNS = [
    ("序号", 6), ("编号", 14), ("事项名称", 28), ("责任领导", 10), ("责任单位", 16),
    ("配合单位", 18), ("目标任务", 30), ("工作措施", 36), ("完成时限", 13),
    ("进展情况", 36), ("状态", 9), ("预警", 8),
]
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
CELL_LIMIT = 32767  # characters Excel keeps in one cell
SHEET_NAME = "台账"

_thin = Side(style="thin", color="808080")
_border = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
_wrapped = Alignment(vertical="top", wrap_text=True)
_body = Font(name="宋体", size=10)


def _styles():
    # Named styles: a cell takes one by name, which costs a lookup, where setting font,
    # border and alignment one by one hashes each of them again for every cell.
    return [
        NamedStyle("台账标题", font=Font(name="宋体", size=16, bold=True), alignment=_centred),
        NamedStyle("台账表头", font=Font(name="黑体", size=11, bold=True), alignment=_centred,
                   border=_border, fill=PatternFill("solid", fgColor="D9E1F2")),
        NamedStyle("台账正文", font=_body, alignment=_wrapped, border=_border),
        NamedStyle("台账居中", font=_body, alignment=_centred, border=_border),
        NamedStyle("台账日期", font=_body, alignment=_centred, border=_border,
                   number_format=DATE_FORMAT),
    ]


CENTRED_COLUMNS = {"序号", "编号", "责任领导", "完成时限", "状态", "预警"}


def export_title(ledger=None, filtered=False):
    """The title row: the ledger's name with its year, or a name for a filtered list."""
    if ledger is None:
        return "台账事项清单"
    name = ledger.name if ledger.name.startswith(str(ledger.year)) else (
        f"{ledger.year}年{ledger.name}")
    return f"{name}（筛选结果）" if filtered else name


def export_filename(title, today: date):
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", title).strip("_") or "台账"
    return f"{safe}_{today:%Y%m%d}.xlsx"


def _rows(items, today):
    """(values for each column) per item, in ledger and code order."""
    latest = ProgressReport.objects.filter(item=OuterRef("pk")).order_by("-at", "-id")
    rows = (annotate_light(items.order_by(), today)
            .annotate(progress=Subquery(latest.values("text")[:1]))
            .order_by("ledger_id", "code")
            .values_list("pk", "code", "title", "leader__name", "lead_unit__name", "goal",
                         "measures", "deadline", "working_days", "progress", "status",
                         "light"))
    cooperating = defaultdict(list)
    links = (Item.cooperating_units.through.objects
             .filter(item_id__in=items.order_by().values("pk"))
             .order_by("unit__sort_order", "unit_id")
             .values_list("item_id", "unit__name"))
    for item_id, name in links:
        cooperating[item_id].append(name)
    statuses = dict(ItemStatus.choices)
    lights = dict(Light.choices)
    for number, (pk, code, title, leader, unit, goal, measures, deadline, working_days,
                 progress, status, light) in enumerate(rows, start=1):
        when = deadline or (f"交办后{working_days}个工作日" if working_days else "")
        yield (number, code, title, leader, unit, "、".join(cooperating[pk]), goal, measures,
               when, progress or "", statuses.get(status, status), lights.get(light, light))


def _cell(sheet, value, style):
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:CELL_LIMIT]
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text typed by people is never run as a formula
    cell.style = "台账日期" if isinstance(value, date) else style
    return cell


def _layout(sheet, title):
    last = get_column_letter(len(COLUMNS))
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[1].height = 36
    sheet.merged_cells.add(f"A1:{last}1")
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.append([_cell(sheet, title, "台账标题")])
    sheet.append([_cell(sheet, name, "台账表头") for name, _ in COLUMNS])


def export_items(items, title, today: date | None = None) -> bytes:
    """``items`` (a queryset, already restricted to what the user may see) as .xlsx bytes."""
    today = today or timezone.localdate()
    workbook = Workbook(write_only=True)
    for style in _styles():
        workbook.add_named_style(style)
    sheet = workbook.create_sheet(SHEET_NAME)
    _layout(sheet, title)
    styles = ["台账居中" if name in CENTRED_COLUMNS else "台账正文" for name, _ in COLUMNS]
    for values in _rows(items, today):
        sheet.append([_cell(sheet, v, s) for v, s in zip(values, styles, strict=True)])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
