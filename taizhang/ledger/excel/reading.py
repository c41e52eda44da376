"""Opening an uploaded .xlsx safely and reading its rows, values only, in one pass.

Files made by people are refused with a reason a civil servant can act on: an old .xls, a
renamed .csv, an empty or damaged file, one too big. Sheets are read with openpyxl in
read-only mode (streamed, much faster); cells merged across several rows of one column — a
leader or unit written once for a block of items — are filled down from their top cell.
"""

import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice

import openpyxl
from django.conf import settings
from openpyxl.utils import range_boundaries

from .headers import HEADER_SCAN_ROWS, Header, find_header

MAX_ROWS = 20_000
# A zip can unpack to far more than it weighs; refuse before openpyxl inflates it.
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MERGE_BLOCK = re.compile(rb"<(?:\w+:)?mergeCells\b")
MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


class FileProblem(ValueError):
    """The file cannot be read as a ledger at all; the message says why."""


@dataclass
class Sheet:
    name: str
    header: Header
    rows: Iterator  # (sheet row number, values) after the header, merged cells filled down


def max_bytes():
    return settings.TAIZHANG_UPLOAD_MAX_BYTES


def _check_file(data: bytes):
    if not data:
        raise FileProblem("文件是空的，请选择要导入的 Excel 文件。")
    if len(data) > max_bytes():
        raise FileProblem(f"文件超过 {max_bytes() // (1024 * 1024)} MB，请拆分后分批导入。")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem("这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后再导入。")
    if not data.startswith(b"PK"):
        raise FileProblem("这不是 Excel（.xlsx）文件，请选择 .xlsx 格式的台账表格。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise FileProblem("文件已损坏，无法打开，请重新保存后再导入。") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileProblem("文件内容过大，请拆分后分批导入。")


def open_workbook(data: bytes):
    """The workbook in ``data`` (read-only, cached formula values); close it after use."""
    _check_file(data)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileProblem("文件无法作为 Excel 表格打开，请确认是 .xlsx 格式且未加密。") from None


def _vertical_merges(workbook, sheet, header_row):
    """{row: [(column index, top row)]} for cells merged down one column below the header.

    openpyxl 3.1 (pinned) does not read merge ranges in read-only mode, so they are taken
    from the sheet's XML, where they follow the cell data.
    """
    with workbook._archive.open(sheet._worksheet_path) as source:
        xml = source.read()
    covered = defaultdict(list)
    block = MERGE_BLOCK.search(xml)
    if block is None:
        return covered
    for match in MERGE.finditer(xml, block.start()):
        min_col, min_row, max_col, max_row = range_boundaries(match[1].decode())
        if min_col == max_col and max_row > min_row and min_row > header_row:
            for row in range(min_row + 1, max_row + 1):
                covered[row].append((min_col - 1, min_row))
    return covered


def _filled(rows, covered):
    """``rows`` with each covered cell holding the value of the top cell of its merge."""
    tops = {top for cells in covered.values() for _, top in cells}
    kept = {}
    for number, values in rows:
        cells = covered.get(number)
        if cells:
            values = list(values)
            values.extend([None] * (max(col for col, _ in cells) + 1 - len(values)))
            for col, top in cells:
                above = kept.get(top, ())
                values[col] = above[col] if col < len(above) else None
        if number in tops:
            kept[number] = values
        yield number, values


def _rows_after(header, head, rest):
    numbered = enumerate(chain(head, rest), start=1)
    return ((n, v) for n, v in numbered if n > header.row)


def find_sheet(workbook) -> Sheet:
    """The first visible sheet with a recognisable header row."""
    for sheet in workbook.worksheets:
        if getattr(sheet, "sheet_state", "visible") != "visible":
            continue
        sheet.reset_dimensions()  # files from other tools often carry a wrong size
        rows = sheet.iter_rows(min_row=1, min_col=1, values_only=True)
        head = list(islice(rows, HEADER_SCAN_ROWS))
        header = find_header(head)
        if header is None:
            continue
        merges = _vertical_merges(workbook, sheet, header.row)
        data = _rows_after(header, head, rows)
        return Sheet(sheet.title, header, _filled(data, merges) if merges else data)
    raise FileProblem(
        f"在表格前 {HEADER_SCAN_ROWS} 行中没有找到表头。表头应有“事项名称”列，以及“责任领导”"
        "“责任单位”“完成时限”等列（也可写作“问题”“包案领导”“牵头单位”“时限”等）。"
    )
