from datetime import date, datetime

import pytest

from taizhang.ledger.excel.dates import DateProblem, Deadline, parse_deadline

YEAR = 2026


@pytest.mark.parametrize(("written", "meant"), [
    (datetime(2026, 6, 30), date(2026, 6, 30)),
    (date(2026, 6, 30), date(2026, 6, 30)),
    (46203, date(2026, 6, 30)),  # an Excel serial number in a cell not formatted as a date
    (46203.0, date(2026, 6, 30)),
    ("2026-06-30", date(2026, 6, 30)),
    ("2026-06-30 00:00:00", date(2026, 6, 30)),
    ("2026/6/30", date(2026, 6, 30)),
    ("2026.6.30", date(2026, 6, 30)),
    ("２０２６．６．３０", date(2026, 6, 30)),
    ("2026年6月30日", date(2026, 6, 30)),
    ("2026年6月30日前", date(2026, 6, 30)),
    ("2026 年 6 月 30 日", date(2026, 6, 30)),
    ("6月30日前", date(2026, 6, 30)),
    ("6月30号", date(2026, 6, 30)),
    ("于6月30日前完成", date(2026, 6, 30)),
    ("6月底前", date(2026, 6, 30)),
    ("6月底", date(2026, 6, 30)),
    ("六月底前", date(2026, 6, 30)),
    ("2月底前", date(2026, 2, 28)),
    ("力争9月底前完成", date(2026, 9, 30)),
    ("2027年3月底", date(2027, 3, 31)),
    ("10月份", date(2026, 10, 31)),
    ("十二月", date(2026, 12, 31)),
    ("2026-09", date(2026, 9, 30)),
    ("5月上旬", date(2026, 5, 10)),
    ("5月中旬", date(2026, 5, 20)),
    ("5月下旬", date(2026, 5, 31)),
    ("年底前", date(2026, 12, 31)),
    ("年底", date(2026, 12, 31)),
    ("年内", date(2026, 12, 31)),
    ("年末", date(2026, 12, 31)),
    ("今年底前", date(2026, 12, 31)),
    ("2027年底前", date(2027, 12, 31)),
    ("年底前全部完成", date(2026, 12, 31)),
    ("上半年", date(2026, 6, 30)),
    ("年中", date(2026, 6, 30)),
    ("下半年", date(2026, 12, 31)),
    ("一季度末", date(2026, 3, 31)),
    ("二季度", date(2026, 6, 30)),
    ("三季度末", date(2026, 9, 30)),
    ("第三季度末前", date(2026, 9, 30)),
    ("4季度末", date(2026, 12, 31)),
])
def test_written_dates_are_read_in_the_ledgers_year(written, meant):
    assert parse_deadline(written, YEAR) == Deadline(date=meant)


@pytest.mark.parametrize("written", ["15个工作日", "交办后15个工作日内", "15工作日"])
def test_working_days_count_from_assignment(written):
    assert parse_deadline(written, YEAR) == Deadline(working_days=15)


@pytest.mark.parametrize(("written", "reason"), [
    ("", "未填写完成时限"),
    ("2026-02-30", "2026年2月30日不是有效日期"),
    ("13月底", "没有13月"),
    ("长期坚持", "不是确定的完成时限"),
    ("持续推进", "不是确定的完成时限"),
    ("尽快", "无法识别“尽快”"),
    (12, "数字 12 不是日期"),
    ("1900-01-01", "年份 1900"),
    ("0个工作日", "工作日数须大于 0"),
])
def test_what_is_not_a_deadline_is_said_plainly(written, reason):
    with pytest.raises(DateProblem) as problem:
        parse_deadline(written, YEAR)
    assert reason in str(problem.value)
