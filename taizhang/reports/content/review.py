"""The quarter's review (季讲评): the trend month by month with charts, the best and the worst
units of the quarter's assessment, and the progress of the year's targets."""

from django.conf import settings

from ...hall.figures.periods import Period, bucket_end, months_between
from ..constants import Ranking
from ..sources import hall, ledger, petitions
from ..targets import is_district, progress_of_year
from .book import chart_number, fraction, percent, table_number


def trend_section(book, gathered):
    period = gathered.period
    months = [period.within(month, bucket_end(month, "month")) for month in months_between(
        period.start, period.end)]
    names = [f"{month.start.month}月" for month in months]
    if "ledger" in gathered.sections:
        per_month = [ledger.total(ledger.unit_figures(month)) for month in months]
        book.chart(f"图{chart_number(book)} 台账事项新增与销号（按月）", "bar", names,
                   [{"name": "新增", "values": [m["opened"] for m in per_month]},
                    {"name": "销号", "values": [m["closed"] for m in per_month]}])
        for month, figures in zip(months, per_month, strict=True):
            for name in ("opened", "closed"):
                book.count("ledger", name, figures[name], period=month,
                           label=f"{month.start.month}月{ledger.LABELS[name]}")
    if "hall" in gathered.sections:
        rows = hall.by_month(period)
        book.chart(f"图{chart_number(book)} 政务服务办结率（按月）", "line",
                   [f"{row.bucket.month}月" for row in rows],
                   [{"name": "办结率", "values": [fraction(r.figures.completion_rate)
                                                  for r in rows]},
                    {"name": "按时办结率", "values": [fraction(r.figures.on_time_rate)
                                                     for r in rows]}], percent=True)
    if "petitions" in gathered.sections:
        rows = petitions.by_month(period)
        book.chart(f"图{chart_number(book)} 信访件次与积案化解（按月）", "bar",
                   [f"{row.bucket.month}月" for row in rows],
                   [{"name": "信访件次", "values": [r.figures.petitions for r in rows]},
                    {"name": "积案化解", "values": [r.figures.backlog_resolved for r in rows]}])


def best_and_worst(book, assessment):
    """The quarter's top and bottom units of each ranking, by the quarter's scores."""
    n = settings.TAIZHANG_REPORT_BEST_WORST
    rows = []
    for ranking in Ranking:
        ranked = [sheet for sheet in assessment[ranking.value] if sheet["rank"]]
        # The last n, worst first, never one already named among the best.
        worst = ranked[max(n, len(ranked) - n):][::-1]
        for tag, sheets in (("较好", ranked[:n]), ("较差", worst)):
            rows += [[ranking.label, tag, sheet["rank"], sheet["name"], sheet["score"],
                      len(sheet["deductions"])] for sheet in sheets]
    if not rows:
        book.paragraph("本季度无参与排名的单位。")
        return
    book.table(f"表{table_number(book)} 本季度考核较好和较差的单位",
               ["类别", "评价", "名次", "单位", "季度得分", "扣分事项数"], rows,
               note="按本季度累计数据和现行考核办法计分；只有一个或几个单位参与排名的，只列较好单位。")


def targets_section(book, gathered):
    day = gathered.period.last
    found = progress_of_year(gathered.period.start.year, day)
    if not found:
        book.paragraph("本年度尚未设定目标。可在“目标管理”中按统计口径设定，进度由系统自动统计。")
        return []
    rows, links = [], []
    for p in found:
        key = None
        if p.actual:
            key = book.count("metric", p.target.metric, p.actual, label=p.target.name,
                             unit=None if is_district(p.target.unit) else p.target.unit_id,
                             option=p.target.option, period=Period(p.start, p.end, p.end))
        rows.append([p.target.name, p.target.unit.name,
                     p.metric.label if p.metric else "（统计口径已停用）",
                     p.target.target_value, p.actual, percent(p.ratio)])
        links.append([None, None, None, None, key, None])
    book.table(f"表{table_number(book)} {gathered.period.start.year}年目标任务进展",
               ["目标", "责任单位", "统计口径", "目标值", "完成值", "完成进度"], rows,
               links=links, note=f"完成值由系统按统计口径自动统计，截至{day:%Y年%m月%d日}。")
    return found
