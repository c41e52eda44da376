from django.db import models


class ReportKind(models.TextChoices):
    WEEKLY = "weekly", "周通报"
    MONTHLY = "monthly", "月考核"
    QUARTERLY = "quarterly", "季讲评"


class ReportScope(models.TextChoices):
    ALL = "all", "全部"
    LEDGER = "ledger", "台账事项"
    HALL = "hall", "政务服务"
    PETITIONS = "petitions", "信访"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class Ranking(models.TextChoices):
    """The two groups an assessment ranks separately."""

    TOWNSHIPS = "townships", "乡镇（街道）"
    DEPARTMENTS = "departments", "区直部门"


# The sections each scope's report holds.
SECTIONS = {
    ReportScope.ALL: ("ledger", "hall", "petitions"),
    ReportScope.LEDGER: ("ledger",),
    ReportScope.HALL: ("hall",),
    ReportScope.PETITIONS: ("petitions",),
}

# The events of a report's timeline.
GENERATED, REFRESHED, EDITED, PUBLISHED, CORRECTED = (
    "generated", "refreshed", "edited", "published", "corrected")
EVENT_LABELS = {GENERATED: "生成草稿", REFRESHED: "重新统计", EDITED: "修改文字",
                PUBLISHED: "发布", CORRECTED: "发起更正"}
