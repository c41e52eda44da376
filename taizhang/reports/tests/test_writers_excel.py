"""The .xlsx of a report holds every table's values as they are, one sheet each."""

import io
import re
import time

from openpyxl import load_workbook

from taizhang.reports.writers.excel import report_xlsx

from .sample import SAMPLE, document, long_document


def load(data):
    return load_workbook(io.BytesIO(data))


def tables(doc):
    return [block for block in doc["blocks"] if block["type"] == "table"]


def test_every_table_is_a_sheet_with_the_rows_as_they_are():
    workbook = load(report_xlsx(SAMPLE))
    assert workbook.sheetnames == ["说明", "表1 各单位台账事项办理情况", "表2 政务服务大厅办件情况"]
    for sheet, block in zip(workbook.worksheets[1:], tables(SAMPLE), strict=True):
        assert sheet["A1"].value == "2026年第47周工作通报"
        assert sheet["A2"].value == block["title"]
        values = [list(row) for row in sheet.iter_rows(min_row=3, values_only=True)]
        assert values[0] == block["columns"]
        rows = values[1:1 + len(block["rows"])]
        assert rows == block["rows"]
        # Types too: 3 == 3.0 in Python, but a sheet's 3 must stay the integer it was.
        assert [[type(v) for v in row] for row in rows] == [
            [type(v) for v in row] for row in block["rows"]]
        assert sheet.freeze_panes == "A4"
        assert all(cell.font.b for cell in sheet[3])
        assert sheet["A3"].fill.fgColor.rgb.endswith("ECEEF1")
        assert "A1:E1" in sheet.merged_cells
    first = workbook.worksheets[1]
    assert first.cell(7, 4).value is None  # the row's None is an empty cell
    assert first.cell(9, 1).value == "注：逾期：截至统计截止日超过完成时限仍未销号的事项。"
    assert workbook.worksheets[2].max_row == 6  # no note, no note row


def test_the_about_sheet_lists_the_particulars_and_the_text():
    about = load(report_xlsx(SAMPLE))["说明"]
    cells = {row[0]: row[1] for row in about.iter_rows(values_only=True) if row and row[0]}
    assert cells["标题"] == "2026年第47周工作通报"
    assert cells["发文字号"] == "示督通〔2026〕12号"
    assert cells["发文机关"] == "示范区人民政府督查室"
    assert cells["成文日期"] == "2026年11月23日"
    texts = [row[1] for row in about.iter_rows(values_only=True) if len(row) > 1 and row[1]]
    for block in SAMPLE["blocks"]:
        if block["type"] in ("heading", "paragraph"):
            assert block["text"] in texts


def test_columns_are_wide_enough_for_chinese():
    sheet = load(report_xlsx(SAMPLE)).worksheets[1]
    # "区住房城乡建设局": 8 Chinese characters, 16 columns of width.
    assert sheet.column_dimensions["A"].width >= 16
    assert sheet.column_dimensions["B"].width < sheet.column_dimensions["A"].width


def test_sheet_names_are_valid_and_unique():
    long_title = "表3 各乡镇（街道）、区直部门政务服务事项按时办结率及群众满意率统计情况"
    blocks = [{"type": "table", "title": title, "columns": ["单位"], "rows": [["城关镇"]],
               "note": ""}
              for title in ("表1 逾期事项[点名]：城关镇/东城街道", "说明", long_title, long_title,
                            long_title)]
    workbook = load(report_xlsx(document(blocks=blocks)))
    names = workbook.sheetnames
    assert len(names) == len({name.casefold() for name in names}) == 6
    for name in names:
        assert 0 < len(name) <= 31
        assert not re.search(r"[\[\]:*?/\\]", name)
    assert names[1] == "表1 逾期事项［点名］：城关镇／东城街道"
    assert names[2] == "说明（2）"
    assert names[3] == long_title[:31]
    assert names[4].endswith("（2）") and names[5].endswith("（3）")


def test_a_draft_says_so():
    workbook = load(report_xlsx(document(draft=True, number="")))
    assert workbook.worksheets[1]["A1"].value == "2026年第47周工作通报（草稿）"
    assert workbook["说明"]["B2"].value == "（未编号）"


def test_a_long_report_is_quick():
    doc = long_document()
    started = time.perf_counter()
    data = report_xlsx(doc)
    assert time.perf_counter() - started < 3
    workbook = load(data)
    assert len(workbook.sheetnames) == 41
    sheet = workbook.worksheets[40]
    rows = [list(r) for r in sheet.iter_rows(min_row=4, max_row=33, values_only=True)]
    assert rows == tables(doc)[39]["rows"]
