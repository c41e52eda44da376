"""The three sections every report shares: ledger items, the service hall and petitions,
each a table by unit with the district's total, and for ledgers the overdue items by name."""

from django.conf import settings

from ...hall.figures import Figures as HallFigures
from ...petitions.figures import Figures as PetitionFigures
from ..sources import hall, ledger, petitions
from .book import change, percent, table_number

LEDGER_COLUMNS = ("opened", "closed", "closed_late", "open", "overdue")
HALL_COLUMNS = ("accepted", "completed", "overdue")
PETITION_COLUMNS = ("petitions", "unreplied_overdue", "backlog_opened", "backlog_resolved")


LABELS = {"ledger": ledger.LABELS, "hall": hall.LABELS, "petitions": petitions.LABELS}


def _counts(book, source, names, figures, unit, read, place):
    """The values of ``names`` and, for each that is not 0, the key of its traced figure,
    labelled as a reader says it: 东城街道逾期未销号."""
    values = [read(figures, name) for name in names]
    links = [book.count(source, name, value, unit=unit, label=f"{place}{LABELS[source][name]}")
             if value else None for name, value in zip(names, values, strict=True)]
    return values, links


def ledger_section(book, gathered, heading):
    now, before = gathered.now["ledger"], gathered.before["ledger"]
    empty = dict.fromkeys(ledger.LABELS, 0)
    book.heading(heading)
    rows, links = [], []
    for unit in gathered.units:
        if unit.id not in now.units and unit.id not in before.units:
            continue
        figures = now.units.get(unit.id, empty)
        values, cells = _counts(book, "ledger", LEDGER_COLUMNS, figures, unit.id, dict.get,
                                unit.name)
        previous = before.units.get(unit.id, empty)["overdue"]
        rows.append([unit.name, *values, change(figures["overdue"], previous)])
        links.append([None, *cells, None])
    values, cells = _counts(book, "ledger", LEDGER_COLUMNS, now.total, None, dict.get, "全区")
    rows.append(["全区合计", *values, change(now.total["overdue"], before.total["overdue"])])
    links.append([None, *cells, None])
    book.table(f"表{table_number(book)} 各单位台账事项办理情况",
               ["单位", *(ledger.LABELS[name] for name in LEDGER_COLUMNS), "逾期较上期"],
               rows, links=links,
               note="新增、销号按统计期间内的日期计；在办、逾期未销号为统计截止日的状态；"
                    "合计含区本级事项。")
    _named_overdue(book, gathered)


def _named_overdue(book, gathered):
    """点名通报: the items overdue at the period's end, longest overdue first, by name."""
    limit = settings.TAIZHANG_REPORT_NAMED_LIMIT
    items = list(ledger.overdue_items(gathered.period, limit))
    total = gathered.now["ledger"].total["overdue"]
    last = gathered.period.last
    rows = [[n, item.code, item.title, item.lead_unit.name if item.lead_unit_id else "未交办",
             item.leader.name if item.leader_id else "", f"{item.deadline:%Y-%m-%d}",
             (last - item.deadline).days] for n, item in enumerate(items, start=1)]
    if not rows:
        book.paragraph(f"截至{last.month}月{last.day}日，无逾期未销号事项。")
        return
    note = "逾期天数为自完成时限次日至统计截止日的自然日数。"
    if total > len(rows):
        note += f"另有 {total - len(rows)} 件逾期事项未列出，可在系统中按“逾期未销号”查看全部。"
    book.table(f"表{table_number(book)} 逾期未销号事项（点名通报）",
               ["序号", "编号", "事项名称", "责任单位", "责任领导", "完成时限", "逾期天数"],
               rows, note=note)


def hall_section(book, gathered, heading):
    now, before = gathered.now["hall"], gathered.before["hall"]
    book.heading(heading)
    rows, links = [], []

    def line(label, figures, unit, previous):
        place = label if unit else "全区"
        values, cells = _counts(book, "hall", HALL_COLUMNS, figures, unit, getattr, place)
        rows.append([label, *values[:2], percent(figures.completion_rate),
                     percent(figures.on_time_rate), percent(figures.satisfaction_rate),
                     values[2], change(figures.accepted, previous.accepted)])
        links.append([None, *cells[:2], None, None, None, cells[2], None])

    for unit in gathered.units:
        if unit.id in now.units or unit.id in before.units:
            line(unit.name, now.units.get(unit.id, HallFigures()), unit.id,
                 before.units.get(unit.id, HallFigures()))
    line("全区合计", now.total, None, before.total)
    book.table(f"表{table_number(book)} 各单位政务服务办件情况",
               ["承办单位", "受理", "办结", "办结率", "按时办结率", "满意率", "逾期",
                "受理较上期"], rows, links=links,
               note="按受理日期在统计期间内的办件统计，状态截至统计截止日；满意率为好评（满意、"
                    "非常满意）占评价数的比例。")


def petitions_section(book, gathered, heading):
    now, before = gathered.now["petitions"], gathered.before["petitions"]
    book.heading(heading)
    rows, links = [], []

    def line(label, figures, unit, previous):
        place = label if unit else "全区"
        values, cells = _counts(book, "petitions", PETITION_COLUMNS, figures, unit, getattr,
                                place)
        rows.append([label, values[0], percent(figures.on_time_acceptance_rate),
                     percent(figures.on_time_completion_rate),
                     percent(figures.satisfaction_rate), *values[1:],
                     change(figures.petitions, previous.petitions)])
        links.append([None, cells[0], None, None, None, *cells[1:], None])

    for unit in gathered.units:
        if unit.id in now.units or unit.id in before.units:
            line(unit.name, now.units.get(unit.id, PetitionFigures()), unit.id,
                 before.units.get(unit.id, PetitionFigures()))
    line("全区合计", now.total, None, before.total)
    book.table(f"表{table_number(book)} 各单位信访事项办理情况",
               ["承办单位", "信访件次", "按期受理率", "按期办结率", "满意率", "逾期未答复",
                "新列积案", "积案化解", "件次较上期"], rows, links=links,
               note="按收到日期在统计期间内的信访件统计（重复信访计件次）；合计含尚未交办的件。")


SECTIONS = {"ledger": ("台账事项办理情况", ledger_section),
            "hall": ("政务服务情况", hall_section),
            "petitions": ("信访工作情况", petitions_section)}


def summary(gathered):
    """The opening paragraph's default text, from the district's totals."""
    parts = []
    if "ledger" in gathered.now:
        now, before = gathered.now["ledger"].total, gathered.before["ledger"].total
        parts.append(f"全区新增台账事项 {now['opened']} 件，销号 {now['closed']} 件"
                     f"（其中逾期销号 {now['closed_late']} 件），"
                     f"截至统计截止日在办 {now['open']} 件、逾期未销号 {now['overdue']} 件，"
                     f"逾期件数较上期{_more(now['overdue'], before['overdue'])}")
    if "hall" in gathered.now:
        now, before = gathered.now["hall"].total, gathered.before["hall"].total
        parts.append(f"各便民服务中心受理办件 {now.accepted} 件，办结 {now.completed} 件，"
                     f"{_rate('办结率', now.completion_rate)}，受理量较上期"
                     f"{_more(now.accepted, before.accepted)}")
    if "petitions" in gathered.now:
        now, before = gathered.now["petitions"].total, gathered.before["petitions"].total
        parts.append(f"受理群众信访 {now.petitions} 件次，"
                     f"{_rate('按期办结率', now.on_time_completion_rate)}，件次较上期"
                     f"{_more(now.petitions, before.petitions)}")
    return "；".join(parts) + "。" if parts else "本期无统计数据。"


def _rate(label, value):
    return f"{label} {percent(value)}" if value is not None else f"暂无可计算{label}的件"


def _more(now, before):
    if now == before:
        return "持平"
    return f"增加 {now - before} 件" if now > before else f"减少 {before - now} 件"
