import sys

from django.core.management.base import BaseCommand, CommandError

from taizhang.org.audit import verify


class Command(BaseCommand):
    help = "审计日志工具。verify：逐条核对哈希链，发现被改动或删除的记录。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, action, **options):
        def progress(done, total):
            sys.stderr.write(f"\r已核对 {done}/{total} 条…")
            sys.stderr.flush()

        verdict = verify(progress=progress)
        sys.stderr.write("\n" if verdict.checked >= 5000 else "")
        if not verdict.ok:
            raise CommandError(
                f"审计日志不完整：{verdict.reason}（第一处问题：第 {verdict.broken_seq} 条）。"
                f"此前 {verdict.checked} 条核对无误。"
            )
        self.stdout.write(f"审计日志完整：共 {verdict.checked} 条，哈希链核对无误。")
