from django.db import migrations

# The categories a district petition office sorts petitions into; administrators add more.
CATEGORIES = [
    ("zhengdi", "征地拆迁"),
    ("laodong", "劳动社保"),
    ("shefa", "涉法涉诉"),
    ("chengxiang", "城乡建设"),
    ("huanjing", "环境保护"),
    ("yiliao", "医疗卫生"),
    ("nongye", "农业农村"),
    ("jiaoyu", "教育"),
    ("minzheng", "民政"),
    ("qita", "其他"),
]

# The time limits as first set (docs/petitions.md, "Time limits"): (kind, days, counting,
# legal ceiling, basis). Frozen here, not read from constants: later changes are the admin's.
LIMITS = [
    ("accept", 15, "calendar", 15,
     "《信访工作条例》第二十三条：不能当场告知的，自收到信访事项之日起15日内书面告知信访人"),
    ("assign", 15, "calendar", 15,
     "《信访工作条例》第二十二条：信访部门收到信访事项登记后，15日内转送、交办"),
    ("handling", 60, "calendar", 60, "《信访工作条例》第三十二条第二款：自受理之日起60日内办结"),
    ("extension", 30, "calendar", 30,
     "《信访工作条例》第三十二条第二款：情况复杂的，经本机关、单位负责人批准可以延长，"
     "延长期限不得超过30日，并告知信访人延期理由"),
    ("review_request", 30, "calendar", 30,
     "《信访工作条例》第三十三条：自收到书面答复之日起30日内请求上一级机关、单位复查"),
    ("review_answer", 30, "calendar", 30,
     "《信访工作条例》第三十三条：自收到复查请求之日起30日内提出复查意见，并书面答复"),
    ("recheck_request", 30, "calendar", 30,
     "《信访工作条例》第三十四条：自收到复查意见之日起30日内请求上一级机关、单位复核"),
    ("recheck_answer", 30, "calendar", 30,
     "《信访工作条例》第三十四条：自收到复核请求之日起30日内提出复核意见"),
    ("warning", 3, "working", None, "本区规定：期限届满前亮黄灯"),
    ("repeat_window", 180, "calendar", None,
     "本区规定：同一信访人同一事项在此期间内再次信访，认定为重复信访"),
]


def seed(apps, schema_editor):
    Category = apps.get_model("petitions", "Category")
    for order, (code, name) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    TimeLimit = apps.get_model("petitions", "TimeLimit")
    for kind, days, counting, legal_days, basis in LIMITS:
        TimeLimit.objects.get_or_create(kind=kind, defaults={
            "days": days, "counting": counting, "legal_days": legal_days, "basis": basis})


def unseed(apps, schema_editor):
    apps.get_model("petitions", "Category").objects.filter(
        code__in=[code for code, _ in CATEGORIES], petitions__isnull=True).delete()
    apps.get_model("petitions", "TimeLimit").objects.filter(
        kind__in=[kind for kind, *_ in LIMITS]).delete()


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
