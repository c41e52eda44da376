"""Importing ledger items from an .xlsx made by people: a preview first, then all or nothing.

``preview_import`` reads the sheet and says, row by row, what would be created, updated or
left as it is, and every problem as “第 N 行，X 列：reason”. ``commit_import`` plans again,
inside one transaction with the ledger locked, and writes only when there is no problem at
all. Rows are matched to the ledger's items by 编号 when the sheet has one, else by 事项名称,
so importing the same file twice creates nothing the second time.
"""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from .. import people
from ..constants import ItemStatus
from ..models import Item
from ..rules import Invalid, NotAllowed
from .dates import DateProblem, Deadline, parse_deadline
from .headers import IGNORED, LABELS, REQUIRED, SYNONYMS, Column, field_for, read_header
from .matching import LeaderDirectory, UnitDirectory, split_names
from .reading import MAX_ROWS, FileProblem, find_sheet, open_workbook

TITLE_MAX, CODE_MAX = 200, 30
# "一、道路交通", "（二）饮水安全", "第三类": a heading over a group of items.
SECTION = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]"
                     r"|第[一二三四五六七八九十\d]+[部类项批])")
FOOTER = re.compile(r"^(?:(?:注|备注|说明)[:：\d]|填报|填表|制表|审核|联系)")


@dataclass(frozen=True)
class Problem:
    """Why the import cannot go ahead; ``row`` and ``column`` are as Excel shows them."""

    message: str
    row: int | None = None
    column: str = ""  # letter, e.g. "C"
    header: str = ""  # the column's name as written in the sheet

    def __str__(self):
        if self.row is None:
            return self.message
        where = f"{self.column} 列（{self.header}）" if self.column else ""
        return f"第 {self.row} 行，{where}：{self.message}" if where else (
            f"第 {self.row} 行：{self.message}")

    def to_dict(self):
        return {"row": self.row, "column": self.column, "header": self.header,
                "message": self.message, "text": str(self)}


@dataclass
class PlannedRow:
    """One sheet row and what importing it does: ``create``, ``update`` or ``unchanged``."""

    row: int
    action: str
    code: str
    values: dict  # title, leader, lead_unit, cooperating, goal, measures, deadline (resolved)
    shown: dict  # the same, as text for people
    item_id: int | None = None
    changes: dict = field(default_factory=dict)  # field label → [before, after], as text

    def to_dict(self):
        return {"row": self.row, "action": self.action, "item": self.item_id,
                "code": self.code, **self.shown, "changes": self.changes}


@dataclass
class ImportPlan:
    ledger_id: int
    digest: str  # SHA-256 of the file: what the preview was made from
    sheet: str = ""
    header_row: int | None = None
    columns: list = field(default_factory=list)  # (label, header as written, letter)
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    notices: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems and bool(self.rows)

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    def to_dict(self):
        return {
            "ledger": self.ledger_id, "sha256": self.digest, "sheet": self.sheet,
            "header_row": self.header_row, "ok": self.ok,
            "columns": [{"field": label, "header": header, "column": letter}
                        for label, header, letter in self.columns],
            "counts": {a: self.count(a) for a in ("create", "update", "unchanged")},
            "rows": [row.to_dict() for row in self.rows],
            "problems": [p.to_dict() for p in self.problems],
            "notices": self.notices,
        }


class ImportRejected(Invalid):
    """Committing was refused because the file has problems; nothing was written."""

    def __init__(self, plan):
        count = len(plan.problems)
        message = (f"导入未执行：发现 {count} 个问题，请修改表格后重新导入。" if count
                   else "导入未执行：表格中没有可导入的事项。")
        super().__init__(message, field="file")
        self.plan = plan


def check_importer(actor):
    if not people.is_supervision(actor):
        raise NotAllowed("只有督查室可以导入台账。")


def _text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return (value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value
                else value).strip()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def deadline_text(deadline: Deadline):
    if deadline.date:
        return deadline.date.isoformat()
    return f"交办后{deadline.working_days}个工作日" if deadline.working_days else ""


class Planner:
    """Reads the rows of one sheet against one ledger and builds the plan."""

    def __init__(self, ledger, plan):
        self.ledger, self.plan = ledger, plan
        self.units = UnitDirectory(ledger.unit_id)
        self.leaders = LeaderDirectory()
        self.existing = {row["pk"]: row for row in Item.objects.filter(ledger=ledger).values(
            "pk", "code", "title", "leader_id", "lead_unit_id", "goal", "measures",
            "deadline", "working_days", "status")}
        self.cooperating = defaultdict(set)
        for item_id, unit_id in Item.cooperating_units.through.objects.filter(
                item__ledger=ledger).values_list("item_id", "unit_id"):
            self.cooperating[item_id].add(unit_id)
        self.by_code = {item["code"]: pk for pk, item in self.existing.items()}
        self.by_title = defaultdict(list)
        for pk, item in self.existing.items():
            self.by_title[item["title"]].append(pk)
        self.seen_items, self.seen_codes, self.seen_titles = {}, {}, {}

    # -- one row ---------------------------------------------------------------------------

    def problem(self, row, column: Column | None, message):
        self.plan.problems.append(Problem(message, row, column.letter if column else "",
                                          column.header if column else ""))

    def read_row(self, number, values, texts, columns):
        """Plan one row; ``texts`` are its values as trimmed text, ``values`` as read."""
        cells = {f: texts[c.index] for f, c in columns.items()}
        before = len(self.plan.problems)
        resolved = {
            "title": cells["title"],
            "goal": cells.get("goal", ""),
            "measures": cells.get("measures", ""),
            "cooperating": self._cooperating(number, columns.get("cooperating"),
                                             cells.get("cooperating", "")),
        }
        code = "" if cells.get("code", "").isdigit() else cells.get("code", "")
        if not resolved["title"]:
            self.problem(number, columns["title"], "未填写事项名称")
        elif len(resolved["title"]) > TITLE_MAX:
            self.problem(number, columns["title"], f"事项名称超过 {TITLE_MAX} 字")
        if len(code) > CODE_MAX:
            self.problem(number, columns["code"], f"编号超过 {CODE_MAX} 个字符")
        resolved["leader"] = self._resolve(number, columns["leader"], cells.get("leader"),
                                           self.leaders, "未填写责任领导")
        resolved["lead_unit"] = self._lead_unit(number, columns["lead_unit"],
                                                cells.get("lead_unit"))
        deadline = columns["deadline"].index
        try:
            resolved["deadline"] = parse_deadline(values[deadline] if cells["deadline"] else "",
                                                  self.ledger.year)
        except DateProblem as problem:
            self.problem(number, columns["deadline"], str(problem))
        if len(self.plan.problems) == before:
            self._plan_row(number, code, resolved, columns)

    def _resolve(self, number, column, text, directory, missing):
        if not text:
            self.problem(number, column, missing)
            return None
        found, reason = directory.resolve(text)
        if reason:
            self.problem(number, column, reason)
        return found

    def _lead_unit(self, number, column, text):
        if len(split_names(text, spaces=False)) > 1:
            self.problem(number, column, "责任单位只能填写一个，其他单位请填入配合单位")
            return None
        return self._resolve(number, column, text, self.units, "未填写责任单位")

    def _cooperating(self, number, column, text):
        found = []
        for name in split_names(text):
            unit_id, reason = self.units.resolve(name)
            if reason:
                self.problem(number, column, reason)
            elif unit_id not in found:
                found.append(unit_id)
        return found

    # -- matching to the ledger ------------------------------------------------------------

    def _plan_row(self, number, code, values, columns):
        item_id = self._match(number, code, values["title"], columns)
        if item_id is False:
            return
        shown = self._shown(values)
        if item_id is None:
            self.plan.rows.append(PlannedRow(number, "create", code, values, shown))
            return
        changes = self._changes(self.existing[item_id], values)
        item = self.existing[item_id]
        if changes and item["status"] == ItemStatus.CLOSED:
            self.problem(number, None, f"事项 {item['code']} 已销号，不能再修改"
                                       f"（{'、'.join(changes)}与台账不同）")
            return
        if "完成时限" in changes and values["deadline"].working_days and (
                item["status"] != ItemStatus.PENDING):
            self.problem(number, columns["deadline"],
                         "事项已交办，完成时限请填写具体日期，不能再写工作日数")
            return
        self.plan.rows.append(PlannedRow(number, "update" if changes else "unchanged",
                                         item["code"], values, shown, item_id, changes))

    def _match(self, number, code, title, columns):
        """The existing item this row is about, None for a new one, False after a problem."""
        if code:
            earlier = self.seen_codes.setdefault(code, number)
            if earlier != number:
                self.problem(number, columns["code"], f"编号 {code} 与第 {earlier} 行重复")
                return False
            item_id = self.by_code.get(code)
        else:
            matches = self.by_title.get(title, [])
            if len(matches) > 1:
                self.problem(number, columns["title"],
                             f"台账中有 {len(matches)} 个名为“{title}”的事项，"
                             "请在编号列写明要更新的是哪一项")
                return False
            item_id = matches[0] if matches else None
            if item_id is None:
                earlier = self.seen_titles.setdefault(title, number)
                if earlier != number:
                    self.problem(number, columns["title"], f"与第 {earlier} 行是同一事项")
                    return False
        if item_id is not None:
            earlier = self.seen_items.setdefault(item_id, number)
            if earlier != number:
                self.problem(number, None, f"与第 {earlier} 行是台账中的同一事项")
                return False
        return item_id

    def number_new_items(self):
        """Codes for new rows that have none: the ledger's next free ones, in sheet order,
        never one already in the ledger or written elsewhere in the sheet."""
        taken = set(self.by_code) | set(self.seen_codes)
        number = 0
        for planned in self.plan.rows:
            if planned.action == "create" and not planned.code:
                number += 1
                while f"{self.ledger.code_prefix}-{number:03d}" in taken:
                    number += 1
                planned.code = f"{self.ledger.code_prefix}-{number:03d}"

    def _shown(self, values):
        return {
            "title": values["title"],
            "leader": self.leaders.name(values["leader"]),
            "lead_unit": self.units.name(values["lead_unit"]),
            "cooperating": [self.units.name(pk) for pk in values["cooperating"]],
            "goal": values["goal"], "measures": values["measures"],
            "deadline": deadline_text(values["deadline"]),
        }

    def _changes(self, item, values):
        """{field label: [as in the ledger, as in the sheet]} for each field that differs."""
        deadline = values["deadline"]
        stored = Deadline(date=item["deadline"]) if deadline.date else Deadline(
            working_days=item["working_days"])
        unit_names = self.units.name
        pairs = [
            ("title", item["title"], values["title"], str),
            ("leader", item["leader_id"], values["leader"], self.leaders.name),
            ("lead_unit", item["lead_unit_id"], values["lead_unit"], unit_names),
            ("cooperating", self.cooperating[item["pk"]], set(values["cooperating"]),
             lambda pks: "、".join(sorted(unit_names(pk) for pk in pks))),
            ("goal", item["goal"], values["goal"], str),
            ("measures", item["measures"], values["measures"], str),
            ("deadline", stored, deadline, lambda d: deadline_text(d) or "未定"),
        ]
        return {LABELS[name]: [show(before), show(after)]
                for name, before, after, show in pairs if before != after}


def _skip_reason(texts, columns):
    """Why a data row is not an item (blank, a section heading, a footer, a repeated header)."""
    filled = [text for text in texts if text]
    if len(filled) == 1 and FOOTER.match(filled[0]):
        return "表尾说明"
    if len(filled) == 1 and SECTION.match(filled[0]):
        return "分类标题"
    if len(filled) > 2 and all(text.isdigit() for text in filled):
        return "栏次（列序号）"
    if not any(texts[c.index] for f, c in columns.items() if f not in IGNORED):
        return "blank"
    title = texts[columns["title"].index]
    if len(title) < 20 and field_for(title) == "title" and len(
            read_header(texts, 0).columns) > 2:
        return "重复的表头"
    return None


def plan_import(ledger, data: bytes) -> ImportPlan:
    plan = ImportPlan(ledger.pk, hashlib.sha256(data).hexdigest())
    try:
        workbook = open_workbook(data)
    except FileProblem as problem:
        plan.problems.append(Problem(str(problem)))
        return plan
    try:
        _read(ledger, workbook, plan)
    except FileProblem as problem:
        plan.problems.append(Problem(str(problem)))
    finally:
        workbook.close()
    return plan


def _read(ledger, workbook, plan):
    sheet = find_sheet(workbook)
    columns = sheet.header.columns
    plan.sheet, plan.header_row = sheet.name, sheet.header.row
    plan.columns = [(LABELS[f], c.header, c.letter) for f, c in columns.items()]
    missing = [f for f in REQUIRED if f not in columns]
    if missing:
        for name in missing:
            plan.problems.append(Problem(
                f"第 {sheet.header.row} 行的表头中没有“{LABELS[name]}”列"
                f"（也可写作：{'、'.join(SYNONYMS[name][1:5])}）"))
        return
    for duplicate, first in sheet.header.duplicates:
        plan.notices.append(f"{duplicate.letter} 列“{duplicate.header}”与 {first.letter} 列"
                            f"“{first.header}”含义相同，按 {first.letter} 列导入")
    ignored = [c.header for f, c in columns.items() if f in IGNORED and f != "seq"]
    if ignored:
        plan.notices.append(f"{'、'.join(ignored)}列只供查看，导入时不读取：进展由责任单位在系统中"
                            "报送，状态和预警由系统生成")
    planner = Planner(ledger, plan)
    width = max(c.index for c in columns.values()) + 1
    read = 0
    for number, values in sheet.rows:
        if len(values) < width:
            values = (*values, *[None] * (width - len(values)))
        texts = [_text(value) for value in values]
        reason = _skip_reason(texts, columns)
        if reason == "blank":
            continue
        if reason:
            plan.notices.append(f"第 {number} 行是{reason}，未导入")
            continue
        read += 1
        if read > MAX_ROWS:
            raise FileProblem(f"表格超过 {MAX_ROWS} 行，请拆分后分批导入。")
        planner.read_row(number, values, texts, columns)
    planner.number_new_items()
    if not read:
        plan.problems.append(Problem(f"表头（第 {sheet.header.row} 行）下面没有事项。"))


def preview_import(ledger, file_bytes: bytes, actor) -> ImportPlan:
    """What importing ``file_bytes`` into ``ledger`` would do; writes nothing."""
    check_importer(actor)
    return plan_import(ledger, file_bytes)

