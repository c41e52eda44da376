import time

from django.core.management.base import BaseCommand, CommandError

from taizhang.hall.demo.demand import ANNUAL_ACCEPTED
from taizhang.hall.demo.load import load_hall_demo
from taizhang.ledger.demo.load import load_ledger_demo
from taizhang.org.demo.district import DEMO_LOGINS, DEMO_PASSWORD
from taizhang.org.demo.load import load_demo
from taizhang.org.models import Unit
from taizhang.petitions.demo.load import PETITIONS, load_petitions_demo
from taizhang.reports.demo import load_reports_demo

LABELS = {"units": "单位", "people": "人员", "role_grants": "角色授权", "users": "登录账号",
          "ledgers": "台账", "items": "台账事项", "handlers": "台账联络员账号",
          "centres": "便民服务中心", "windows": "服务窗口", "matters": "服务事项",
          "matter_revisions": "事项修订", "applications": "办件",
          "window_logins": "窗口人员账号", "petitions": "信访件", "backlog_cases": "信访积案",
          "targets": "目标", "bonuses": "加分项", "reports": "通报"}


class Command(BaseCommand):
    help = (
        "加载演示数据“河阳示范区”（单位、人员、角色、演示账号、本年度台账、便民服务中心、"
        "事项清单、近一年的办件和信访件、目标和通报）。可重复运行，已有的记录不会改动。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true",
                            help="只在数据库里还没有任何单位时加载（make run 使用）")
        parser.add_argument("--applications", type=int, default=ANNUAL_ACCEPTED, metavar="N",
                            help=f"近一年办件的大约件数（默认 {ANNUAL_ACCEPTED}；0 表示不生成办件，"
                                 "测试时可用较小的数）")
        parser.add_argument("--petitions", type=int, default=PETITIONS, metavar="N",
                            help=f"近一年信访件的件数（默认 {PETITIONS}；0 表示不生成信访件）")

    def handle(self, if_empty, applications, petitions, **options):
        if applications < 0 or petitions < 0:
            raise CommandError("--applications 和 --petitions 不能为负数。")
        if if_empty and Unit.objects.exists():
            self.stdout.write("数据库中已有单位数据，跳过演示数据加载。")
            return
        say = self.stdout.write
        started = time.perf_counter()
        # The organisation first, as the others hang on it.
        counts = {**load_demo(progress=say), **load_ledger_demo(progress=say),
                  **load_hall_demo(progress=say, applications=applications),
                  **load_petitions_demo(progress=say, petitions=petitions),
                  # Reports last: they are written from all the records above.
                  **load_reports_demo(progress=say)}
        elapsed = time.perf_counter() - started
        if any(counts.values()):
            summary = "，".join(f"{LABELS[key]} {n}" for key, n in counts.items())
            self.stdout.write(f"演示数据加载完成（{elapsed:.1f} 秒），本次新建：{summary}。")
        else:
            self.stdout.write("演示数据已经齐全，没有变化。")
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, role, unit in DEMO_LOGINS:
            self.stdout.write(f"  {username:<10}{role}，{unit}")
