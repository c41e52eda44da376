from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from taizhang.org import pii
from taizhang.org.fields import EncryptedTextField


def encrypted_fields():
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if fields:
            yield model, fields


def rows_under_old_keys(model, fields, current_key_id):
    """Primary keys of rows with any value encrypted under a key other than the current one.

    Reads the stored ciphertext directly, since the ORM would hand back decrypted values.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    sql = f"SELECT {quote(model._meta.pk.column)}, {columns} FROM {quote(model._meta.db_table)}"  # noqa: S608 (names from model metadata)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [
            pk for pk, *values in cursor.fetchall()
            if any(v and pii.key_id_of(v) != current_key_id for v in values)
        ]


class Command(BaseCommand):
    help = (
        "个人信息密钥工具。rotate：把用旧密钥加密的个人信息用当前密钥"
        "（TAIZHANG_PII_KEYS 的第一个）重新加密，之后即可从配置中删去旧密钥。"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rotate"])
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, action, batch, **options):
        current = pii.keyring()[0][0]
        total = 0
        for model, fields in encrypted_fields():
            stale = rows_under_old_keys(model, fields, current)
            names = [f.name for f in fields]
            for start in range(0, len(stale), batch):
                with transaction.atomic():
                    chunk = model._base_manager.select_for_update().filter(
                        pk__in=stale[start:start + batch]
                    )
                    for obj in chunk:
                        obj.save(update_fields=names)
                done = min(start + batch, len(stale))
                self.stdout.write(f"{model._meta.verbose_name}：已重新加密 {done}/{len(stale)}")
            total += len(stale)
        self.stdout.write(f"完成：{total} 条记录改用当前密钥“{current}”加密。")
