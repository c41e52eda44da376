from django.db import migrations

# The kinds of ledger a district keeps; administrators add more in the admin.
KINDS = [
    ("minsheng", "民生问题"),
    ("zhongdian", "重点工作"),
    ("huimin", "惠民工程"),
    ("shishi", "民生实事"),
    ("qiye", "企业诉求"),
    ("zhenggai", "整改事项"),
]


def add_kinds(apps, schema_editor):
    LedgerKind = apps.get_model("ledger", "LedgerKind")
    for order, (code, name) in enumerate(KINDS, start=1):
        LedgerKind.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


def remove_kinds(apps, schema_editor):
    apps.get_model("ledger", "LedgerKind").objects.filter(
        code__in=[code for code, _ in KINDS], ledgers__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]
    operations = [migrations.RunPython(add_kinds, remove_kinds)]
