"""Deadlines as people write them in a 完成时限 cell, read into a date or a working-day count.

Understood (``year`` is the ledger's year, used when the cell names no year):

- Excel dates (date cells, or the bare serial number such as 46203);
- ``2026-06-30``, ``2026/6/30``, ``2026.6.30``, ``2026年6月30日``, ``6月30日``, ``6月30号``;
- ``6月底``, ``6月``, ``2026年6月底`` → the last day of the month;
  ``6月上旬/中旬/下旬`` → the 10th, the 20th, the last day;
- ``年底``, ``年内``, ``年末``, ``今年底`` → 31 December; ``上半年``/``年中`` → 30 June;
  ``下半年`` → 31 December;
- ``一季度末``, ``第三季度``, ``3季度末`` … → the last day of the quarter;
- ``15个工作日``, ``交办后15个工作日内`` → 15 working days from assignment.

Words around the date are dropped: ``力争``, ``确保``, ``于``, ``前``, ``以前``, ``之前``,
``内``, ``完成``, ``办结`` …, so ``力争6月底前完成`` reads as the end of June.
Chinese numerals (``六月底``, ``十二月``) are read too.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl.utils.datetime import from_excel

# Serial numbers Excel uses for 2000-01-01 … 2099-12-31: a bare number in this range is a date.
SERIAL_RANGE = (36526, 73050)
YEAR_RANGE = (2000, 2099)

NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
            "九": 9, "十": 10, "十一": 11, "十二": 12}
WIDE_DIGITS = str.maketrans("０１２３４５６７８９／－．", "0123456789/-.")

PREFIX = re.compile(r"^(?:力争|确保|计划|预计|要求|争取|截至|截止|限于|于|在|到)+")
SUFFIX = re.compile(r"(?:前|以前|之前|内|以内|止|为止)?(?:全部|基本)?"
                    r"(?:完成|完工|办结|竣工|解决|到位|整改到位)?$")
NUMBER = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"

FULL_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$")
MONTH_DAY = re.compile(rf"^{NUMBER}月(\d{{1,2}})[日号]$")
MONTH_PART = re.compile(rf"^(?:(\d{{4}})年)?{NUMBER}月(份)?(底|末|上旬|中旬|下旬)?$")
YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
# "年内" and "年底前" arrive here as "年" and "年底": the suffix is already gone.
YEAR_END = re.compile(r"^(?:(\d{4})年|今年|本年|全年)?年?[底末]?$")
HALF = re.compile(r"^(?:(\d{4})年)?(上半年|年中|下半年)(?:末|底)?$")
QUARTER = re.compile(r"^(?:(\d{4})年)?第?([1-4一二三四])季度(?:末|底)?$")
WORKING_DAYS = re.compile(r"^(?:交办后|接件后|收到后|自交办之日起)?(\d{1,4})个?工作日$")
TIME_OF_DAY = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?$")
VAGUE = ("长期", "持续", "常态", "立行立改", "随时", "定期")


@dataclass(frozen=True)
class Deadline:
    """A deadline read from a cell: a date, or a number of working days after assignment."""

    date: "dt.date | None" = None
    working_days: int | None = None


class DateProblem(ValueError):
    """The cell holds something that is not a deadline; the message says why, in Chinese."""


def _number(text):
    return int(text) if text.isdigit() else NUMERALS[text]


def _make(year, month, day):
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise DateProblem(f"年份 {year} 不在 {YEAR_RANGE[0]}—{YEAR_RANGE[1]} 之间")
    try:
        return date(year, month, day)
    except ValueError:
        raise DateProblem(f"{year}年{month}月{day}日不是有效日期") from None


def _month_end(year, month):
    if not 1 <= month <= 12:
        raise DateProblem(f"没有{month}月")
    return _make(year, month, calendar.monthrange(year, month)[1])


def _from_cell_value(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
            return from_excel(value).date()
        raise DateProblem(f"数字 {value:g} 不是日期")
    return None


def parse_deadline(value, year: int) -> Deadline:
    """The deadline in ``value`` (a cell's value); raises ``DateProblem`` when it is not one."""
    day = _from_cell_value(value)
    if day is not None:
        _make(day.year, day.month, day.day)
        return Deadline(date=day)
    text = TIME_OF_DAY.sub("", str(value).strip())
    text = re.sub(r"\s+", "", text).translate(WIDE_DIGITS)
    if not text:
        raise DateProblem("未填写完成时限")
    core = SUFFIX.sub("", PREFIX.sub("", text)) or text
    try:
        return _parse_text(core, year)
    except DateProblem:
        raise
    except (KeyError, ValueError):
        pass
    if any(word in text for word in VAGUE):
        raise DateProblem(f"“{text}”不是确定的完成时限，请写明日期，如 {year}年12月31日")
    raise DateProblem(f"无法识别“{text}”，请写成 {year}-06-30、{year}年6月30日、6月底前"
                      "或年底前等形式")


def _parse_text(text, year):
    if match := WORKING_DAYS.match(text):
        days = int(match[1])
        if days == 0:
            raise DateProblem("工作日数须大于 0")
        return Deadline(working_days=days)
    if match := FULL_DATE.match(text):
        return Deadline(date=_make(int(match[1]), int(match[2]), int(match[3])))
    if match := MONTH_DAY.match(text):
        return Deadline(date=_make(year, _number(match[1]), int(match[2])))
    if match := YEAR_MONTH.match(text):
        return Deadline(date=_month_end(int(match[1]), int(match[2])))
    if match := MONTH_PART.match(text):
        the_year = int(match[1]) if match[1] else year
        month, part = _number(match[2]), match[4]
        if part == "上旬":
            return Deadline(date=_make(the_year, month, 10))
        if part == "中旬":
            return Deadline(date=_make(the_year, month, 20))
        return Deadline(date=_month_end(the_year, month))
    if match := YEAR_END.match(text):
        return Deadline(date=_make(int(match[1]) if match[1] else year, 12, 31))
    if match := HALF.match(text):
        the_year = int(match[1]) if match[1] else year
        return Deadline(date=_make(the_year, 6, 30) if match[2] != "下半年"
                        else _make(the_year, 12, 31))
    if match := QUARTER.match(text):
        the_year = int(match[1]) if match[1] else year
        return Deadline(date=_month_end(the_year, _number(match[2]) * 3))
    raise ValueError(text)
