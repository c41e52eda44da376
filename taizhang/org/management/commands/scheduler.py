import signal
import threading

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from taizhang.org.schedule import tick
from taizhang.schedules import SCHEDULES


class Command(BaseCommand):
    help = ("按计划把定时任务放入队列（如每天 07:30 的催办督办扫描），由 taizhang db_worker 执行。"
            "同一周期只入队一次，同时运行多个也不会重复。")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true",
                            help="只检查一次：补上今天尚未入队的任务后退出（可由 cron 调用）")
        parser.add_argument("--interval", type=float, default=30.0,
                            help="两次检查之间的秒数（默认 30）")

    def handle(self, once, interval, **options):
        for schedule in SCHEDULES:
            self.stdout.write(f"计划任务 {schedule.name}：{schedule.cadence}")
        stop = threading.Event()
        if not once:
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, lambda *_: stop.set())
        startup = True
        while True:
            try:
                enqueued = tick(SCHEDULES, startup=startup)
            except DatabaseError as error:
                # A locked or restarting database: the next tick tries again.
                self.stderr.write(f"检查计划任务失败，{interval:g} 秒后重试：{error}")
            else:
                startup = False
                for run in enqueued:
                    self.stdout.write(f"{timezone.localtime():%Y-%m-%d %H:%M:%S} 已入队 "
                                      f"{run.name}（周期 {run.period}，任务 {run.task_id}）")
            # Shown at once, also when the output goes to a pipe or a log file.
            self.stdout.flush()
            if once:
                return
            if stop.wait(interval):
                break
            # The connection may have been dropped while we slept.
            close_old_connections()
        self.stdout.write("计划任务调度已停止。")
