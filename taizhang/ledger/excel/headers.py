"""Finding the header row of a sheet made by people, and what each of its columns means.

Offices name the same column in many ways (牵头单位 or 责任单位, 时限 or 完成时间 …) and put
title rows, dates and merged cells above it. ``find_header`` scans the first rows for the one
that names the most known columns.
"""

import re
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

HEADER_SCAN_ROWS = 15

# Field → the column names that mean it. The first name is the one the export writes.
SYNONYMS = {
    "seq": ("序号",),
    "code": ("编号", "事项编号", "台账编号"),
    "title": ("事项名称", "事项", "问题", "问题名称", "事项内容", "问题事项",
              "任务名称", "工作任务", "工作事项", "项目名称", "项目", "名称", "民生问题",
              "重点工作", "民生实事", "整改事项", "企业诉求", "诉求内容"),
    "leader": ("责任领导", "包案领导", "分管领导", "牵头领导", "包抓领导", "联系领导",
               "县级领导", "区级领导", "责任区领导", "领导"),
    "lead_unit": ("责任单位", "牵头单位", "主责单位", "承办单位", "责任部门", "牵头部门",
                  "主办单位", "责任主体", "办理单位"),
    "cooperating": ("配合单位", "协办单位", "协助单位", "配合部门", "协同单位", "参与单位",
                    "协办部门"),
    "goal": ("目标任务", "目标", "工作目标", "任务目标", "目标要求", "主要目标", "预期目标"),
    "measures": ("工作措施", "措施", "推进措施", "具体措施", "解决措施", "主要措施", "整改措施",
                 "落实措施", "工作举措"),
    "deadline": ("完成时限", "时限", "完成时间", "办结时限", "完成期限", "时间节点", "整改时限",
                 "办理时限", "截止时间", "计划完成时间", "办结时间"),
    # Shown in the export for reading; never imported (see docs/ledger-excel.md).
    "progress": ("进展情况", "进展", "工作进展", "推进情况", "完成情况", "进度", "目前进展"),
    "status": ("状态", "办理状态", "事项状态"),
    "light": ("预警", "预警状态", "红黄绿灯", "亮灯情况"),
}
REQUIRED = ("title", "leader", "lead_unit", "deadline")
IGNORED = ("seq", "progress", "status", "light")
LABELS = {field: names[0] for field, names in SYNONYMS.items()}

_BY_NAME = {name: field for field, names in SYNONYMS.items() for name in names}
# "完成时限（必填）", "*责任单位", "责 任 单 位": what matters is the words.
_NOISE = re.compile(r"[\s\u3000*＊:：]|[（(][^）)]*[）)]")


def normalise(text) -> str:
    return _NOISE.sub("", str(text)) if text is not None else ""


def field_for(text):
    return _BY_NAME.get(normalise(text))


@dataclass(frozen=True)
class Column:
    field: str
    index: int  # 0-based position in the row
    header: str  # as written in the sheet

    @property
    def letter(self):
        return get_column_letter(self.index + 1)


@dataclass
class Header:
    row: int  # 1-based sheet row
    columns: dict  # field → Column
    duplicates: list  # (Column, Column already holding that field)
    unknown: list  # headers we do not read, as written


def read_header(values, row_number):
    """The columns that ``values`` (one sheet row) names."""
    columns, duplicates, unknown = {}, [], []
    for index, value in enumerate(values):
        text = str(value).strip() if value is not None else ""
        if not text:
            continue
        field = field_for(text)
        if field is None:
            unknown.append(text)
        elif field in columns:
            duplicates.append((Column(field, index, text), columns[field]))
        else:
            columns[field] = Column(field, index, text)
    return Header(row_number, columns, duplicates, unknown)


def find_header(rows):
    """The header among the first ``HEADER_SCAN_ROWS`` of ``rows`` (value tuples), or None.

    The header names the item's title and at least one other known column; of several such
    rows, the one naming the most wins (the first on a tie).
    """
    best = None
    for number, values in enumerate(rows, start=1):
        if number > HEADER_SCAN_ROWS:
            break
        header = read_header(values, number)
        if "title" in header.columns and len(header.columns) >= 2 and (
                best is None or len(header.columns) > len(best.columns)):
            best = header
    return best
