"""The month's scores (月考核): each ranked unit measured from the gathered figures and the
records behind its deductions, scored by the scheme (``scoring``), ranked in two tables."""

from collections import defaultdict

from ..constants import Ranking
from ..models import Bonus
from ..scoring import Measures, rank, score_unit
from ..sources import ledger, petitions
from .book import table_number

REASONS = {"overdue": "台账事项逾期未销号", "closed_late": "台账事项逾期销号",
           "unreplied_overdue": "信访事项逾期未答复"}


def _deductions(gathered, measures):
    period = gathered.period
    wanted = []
    if "ledger" in gathered.sections:
        for figure in ("overdue", "closed_late"):
            rows = (ledger.records(figure, period).order_by("deadline", "code")
                    .values_list("pk", "code", "title", "lead_unit_id"))
            wanted.extend((figure, "ledger", row) for row in rows)
    if "petitions" in gathered.sections:
        rows = (petitions.records("unreplied_overdue", period).order_by("received_on", "pk")
                .values_list("pk", "registration_no", "category__name", "handling_unit_id"))
        wanted.extend(("unreplied_overdue", "petitions", row) for row in rows)
    for figure, source, (pk, code, title, unit_id) in wanted:
        owner = gathered.top.get(unit_id)
        if owner in measures:
            measures[owner].deductions.append(
                (figure, {"source": source, "id": pk, "code": code, "title": title}))


def _measure(gathered):
    measures = {unit.id: Measures() for unit in gathered.units}
    for unit_id, m in measures.items():
        if "ledger" in gathered.now:
            figures = gathered.now["ledger"].units.get(unit_id)
            if figures:
                m.on_time += figures["closed"] - figures["closed_late"]
                m.on_time_due += figures["closed"]
                m.records += figures["open"] + figures["closed"]
        if "hall" in gathered.now and (figures := gathered.now["hall"].units.get(unit_id)):
            m.on_time += figures.on_time
            m.on_time_due += figures.completed
            m.satisfied += figures.satisfied
            m.rated += figures.rated
            m.records += figures.accepted + figures.not_accepted
        if "petitions" in gathered.now and (
                figures := gathered.now["petitions"].units.get(unit_id)):
            m.on_time += figures.replied_on_time
            m.on_time_due += figures.reply_due
            m.satisfied += figures.satisfied
            m.rated += figures.evaluated
            m.records += figures.petitions
    _deductions(gathered, measures)
    bonuses = Bonus.objects.filter(unit__in=list(measures), month__range=(
        gathered.period.start.replace(day=1), gathered.period.end)).order_by("month", "pk")
    for bonus in bonuses:
        measures[bonus.unit_id].bonuses.append((bonus.points, bonus.reason))
    return measures


def assess(gathered, scheme):
    """{"scheme": the scheme as it was, ranking name: the ranked score sheets}."""
    measures = _measure(gathered)
    groups = defaultdict(list)
    for unit in gathered.units:
        groups[unit.ranking].append(({"unit": unit.id, "name": unit.name},
                                     score_unit(scheme, measures[unit.id])))
    return {"scheme": snapshot(scheme),
            **{ranking.value: rank(groups[ranking.value]) for ranking in Ranking}}


def snapshot(scheme):
    names = ("base", "per_overdue", "per_late_close", "per_overdue_petition", "deduction_cap",
             "on_time_weight", "satisfaction_weight", "bonus_cap")
    return {"id": scheme.pk, "name": scheme.name,
            **{name: str(getattr(scheme, name)) for name in names}}


def assessment_section(book, assessment):
    scheme = assessment["scheme"]
    book.paragraph(
        f"依据《{scheme['name']}》：基础分 {scheme['base']} 分，"
        f"每件逾期未销号事项扣 {scheme['per_overdue']} 分、"
        f"逾期销号扣 {scheme['per_late_close']} 分、"
        f"信访逾期未答复扣 {scheme['per_overdue_petition']} 分，"
        f"扣分以 {scheme['deduction_cap']} 分为限；"
        f"按时办结率、满意率分别按 {scheme['on_time_weight']} 分、"
        f"{scheme['satisfaction_weight']} 分折算（无应办事项的计满分）；"
        f"加分以 {scheme['bonus_cap']} 分为限。", key="scheme")
    columns = ["名次", "单位", "基础分", "扣分", "按时办结率得分", "满意率得分", "加分", "总分"]
    for ranking in Ranking:
        sheets = assessment[ranking.value]
        rows = [[sheet["rank"] or "—", sheet["name"], sheet["base"], sheet["deduction_applied"],
                 sheet["on_time_points"], sheet["satisfaction_points"], sheet["bonus_applied"],
                 sheet["score"]] for sheet in sheets]
        if not rows:
            continue
        book.table(f"表{table_number(book)} {ranking.label}考核得分排名", columns, rows,
                   note="名次为“—”的单位本期无考核事项，不参与排名；同分同名次。")
    sheets = [sheet for ranking in Ranking for sheet in assessment[ranking.value]]
    deductions = [(sheet, d) for sheet in sheets for d in sheet["deductions"]]
    rows = [[sheet["name"], REASONS[d["kind"]], d["record"]["code"], d["record"]["title"],
             f"-{d['points']}"] for sheet, d in deductions]
    # Each deduction links to its record: "@source:id".
    links = [[None, None, f"@{d['record']['source']}:{d['record']['id']}", None, None]
             for _, d in deductions]
    for sheet in sheets:
        for b in sheet["bonuses"]:
            rows.append([sheet["name"], f"加分：{b['reason']}", "", "", f"+{b['points']}"])
            links.append([None] * 5)
    if rows:
        book.table(f"表{table_number(book)} 扣分和加分明细",
                   ["单位", "事由", "记录编号", "名称", "分值"], rows, links=links,
                   note="扣分超过上限的，按上限计入总分；加分同。")
    else:
        book.paragraph("本期各单位无扣分和加分事项。")
