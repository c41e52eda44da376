from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from taizhang.org.tokens import create_token


class Command(BaseCommand):
    help = "为用户生成一个 API 令牌，令牌只显示这一次（输出的最后一行）。"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="令牌用途，便于日后识别和停用")

    def handle(self, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户“{username}”不存在。")
        if not user.is_active:
            raise CommandError(f"用户“{username}”已停用，不能生成令牌。")
        token, raw = create_token(user, name=name)
        self.stdout.write(f"已为 {username} 生成令牌 {token.prefix}…，请妥善保存，它不会再次显示：")
        self.stdout.write(raw)
