"""A working scheme from the start, so the first monthly assessment can be generated; the
office adjusts it (or adds its own) under 考核办法."""

from django.db import migrations


def add_scheme(apps, schema_editor):
    Scheme = apps.get_model("reports", "Scheme")
    if not Scheme.objects.exists():
        Scheme.objects.create(name="月度工作考核办法")


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(add_scheme, migrations.RunPython.noop)]
