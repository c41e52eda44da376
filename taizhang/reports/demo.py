"""The demo district's targets, a bonus, and its reports: last quarter's review and last
month's assessment published, last week's bulletin waiting as the schedule's draft.

The targets are the source article's promises that today's records can measure: the 20 road
projects and the 10 livelihood projects and 10 practical matters (their ledgers' items closed
out), the service centres' year (applications completed), and the backlog cases. Training
1,000 people and 4 concentrated promotion events wait for the apps that will record them.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ..hall.figures.months import summarise
from ..hall.models import SummarisedMonth
from ..ledger.models import Ledger
from ..org.constants import UnitKind
from ..org.demo.district import DISTRICT_CODE
from ..org.models import Unit, User
from .constants import ReportKind, ReportScope
from .models import Bonus, Report, Target
from .periods import last_complete
from .rules import edit_narrative, generate_report, publish_report

LEDGER_TARGETS = (("完成20项道路工程", "惠民计划·20项道路工程", 20),
                  ("完成10项民生工程", "惠民计划·10项民生工程", 10),
                  ("办好10件民生实事", "惠民计划·10件民生实事", 10))


def load_reports_demo(progress=None, today=None) -> dict[str, int]:
    say = progress or (lambda message: None)
    today = today or timezone.localdate()
    root = Unit.objects.filter(division_code=DISTRICT_CODE).first()
    office = User.objects.filter(username="duchashi").first()
    if root is None or office is None:
        raise ValueError("演示通报需要先加载演示单位和账号。")
    with transaction.atomic():
        targets = _targets(root, today.year)
        bonuses = _bonus(today, office)
        reports = _reports(today, office)
        # As the night's run would: the dashboard reads finished months from the summary.
        if not SummarisedMonth.objects.exists():
            summarise(today)
    say(f"目标：新建 {targets} 项；加分项：新建 {bonuses} 项；通报：新建 {reports} 份。")
    return {"targets": targets, "bonuses": bonuses, "reports": reports}


def _targets(root, year):
    wanted = [(name, "ledger.items_closed", str(ledger.pk), value)
              for name, ledger_name, value in LEDGER_TARGETS
              for ledger in Ledger.objects.filter(name=ledger_name, year=year)[:1]]
    wanted += [("便民服务中心办结群众办件12000件", "hall.completed", "", 12000),
               ("化解信访积案9件", "petitions.backlog_resolved", "", 9)]
    made = 0
    for order, (name, metric, option, value) in enumerate(wanted, start=1):
        _, new = Target.objects.get_or_create(
            name=name, year=year, defaults={"unit": root, "metric": metric, "option": option,
                                            "target_value": value, "sort_order": order})
        made += new
    return made


def _bonus(today, office):
    month = last_complete(ReportKind.MONTHLY, today)[0]
    township = Unit.objects.filter(parent__division_code=DISTRICT_CODE,
                                   kind=UnitKind.TOWNSHIP).order_by("sort_order", "pk").first()
    if township is None or Bonus.objects.filter(month=month).exists():
        return 0
    Bonus.objects.create(unit=township, month=month, points=Decimal(2), added_by=office,
                         reason="“一站式”便民服务经验在全市推广")
    return 1


def _reports(today, office):
    made = 0
    for kind, publish in ((ReportKind.QUARTERLY, True), (ReportKind.MONTHLY, True),
                          (ReportKind.WEEKLY, False)):
        start, end = last_complete(kind, today)
        if Report.objects.filter(kind=kind, scope=ReportScope.ALL, start=start).exists():
            continue
        report = generate_report(kind, ReportScope.ALL, start, end, actor=office, today=today)
        made += 1
        if publish:
            report = edit_narrative(report, {"next_steps": _NEXT[kind]}, actor=office)
            publish_report(report, actor=office)
    return made


_NEXT = {
    ReportKind.QUARTERLY: "四季度是全年目标冲刺的关键期。各单位要对照目标任务进展表，逐项倒排工期；"
                          "排名靠后的单位要在下次讲评会上作表态发言。",
    ReportKind.MONTHLY: "请被扣分单位于下月 5 日前向区督查室书面报告逾期事项的原因和整改时限；"
                        "区督查室将对整改情况开展实地督查。",
}
