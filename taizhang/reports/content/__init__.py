"""A report's content, computed from the records: the blocks it is laid out in and every
figure with its trace. ``compute`` is the only way in; the result is plain JSON, stored with
the report and frozen when it is published.

- 周通报: the summary, each section's table by unit with the change from last week, the
  overdue items by name (点名通报), next week's work.
- 月考核: the same, preceded by every unit's score and rank and followed by each deduction.
- 季讲评: the summary, the month-by-month trend in charts, the best and worst units of the
  quarter's scores, the year's target progress, and the sections of the quarter.
"""

from ...documents.numbering import chinese_number
from ..constants import SECTIONS, ReportKind
from ..periods import label, period, previous
from .assessment import assess, assessment_section
from .book import Book
from .gather import gather
from .review import best_and_worst, targets_section, trend_section
from .sections import SECTIONS as SECTION_WRITERS
from .sections import summary

SCHEMA = 1
NEXT_STEPS = {
    ReportKind.WEEKLY: "请各单位对照点名通报的逾期事项，逐件明确整改时限和责任人，于下周五前报送"
                       "整改情况。",
    ReportKind.MONTHLY: "请排名靠后和有扣分事项的单位认真分析原因，制定整改措施，于下月 5 日前"
                        "将整改情况报区督查室。",
    ReportKind.QUARTERLY: "请各单位对照季度讲评指出的问题和目标任务进度，查漏补缺、压实责任，"
                          "确保全年目标如期完成。",
}


def compute(kind, scope, start, end, *, today, scheme=None):
    """The content of the ``kind`` report of ``scope`` for ``start``–``end``."""
    now = period(start, end, today)
    before = period(*previous(kind, start), today)
    sections = SECTIONS[scope]
    gathered = gather(now, before, sections)
    book = Book(now)
    headings = iter(range(1, 20))

    book.heading(f"{chinese_number(next(headings))}、总体情况")
    book.paragraph(f"{label(kind, start, end)}，{summary(gathered)}", key="summary")
    assessment = None
    if kind in (ReportKind.MONTHLY, ReportKind.QUARTERLY) and scheme is not None:
        assessment = assess(gathered, scheme)
    if kind == ReportKind.MONTHLY and assessment:
        book.heading(f"{chinese_number(next(headings))}、考核得分和排名")
        assessment_section(book, assessment)
    if kind == ReportKind.QUARTERLY:
        book.heading(f"{chinese_number(next(headings))}、本季度走势")
        trend_section(book, gathered)
        if assessment:
            book.heading(f"{chinese_number(next(headings))}、较好和较差的单位")
            best_and_worst(book, assessment)
        book.heading(f"{chinese_number(next(headings))}、目标任务进展")
        targets_section(book, gathered)
    for name in sections:
        heading, write = SECTION_WRITERS[name]
        write(book, gathered, f"{chinese_number(next(headings))}、{heading}")
    book.heading(f"{chinese_number(next(headings))}、下步工作")
    book.paragraph(NEXT_STEPS[kind], key="next_steps")
    return {
        "schema": SCHEMA, "kind": kind, "scope": scope,
        "period": _period(now, label(kind, start, end)),
        "previous": _period(before, ""),
        "blocks": book.blocks,
        "figures": book.figures,
        "assessment": assessment,
    }


def _period(p, text):
    return {"start": p.start.isoformat(), "end": p.end.isoformat(),
            "as_of": p.as_of.isoformat() if p.as_of else None, "label": text}
