"""What the office does with a report: generate it (on schedule or on demand), refresh a
draft's figures, rewrite its paragraphs, publish it (which freezes it and gives it its number)
and correct a published one with a new version. Each is one transaction that locks the report
and records the event; a stale page or a second publisher gets a Conflict naming who acted.
"""

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from ..org.constants import Role
from ..org.events import record_event
from ..org.membership import holds_role
from . import constants as c
from .constants import ReportKind, ReportScope, ReportStatus
from .content import compute
from .models import Report, Scheme
from .periods import label

EARLIEST = date(2000, 1, 1)  # no district kept its ledgers here before
DEFAULT_SCHEME = "月度工作考核办法"
TOPIC = {ReportScope.ALL: "重点工作", ReportScope.LEDGER: "台账事项办理",
         ReportScope.HALL: "政务服务", ReportScope.PETITIONS: "信访工作"}


class ReportError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.message, self.field = message, field


class NotAllowed(ReportError):
    pass


class Conflict(ReportError):
    pass


def may_manage(user, scope=None):
    """督查室 runs every report; the petition office also its own (信访) ones."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or holds_role(user, Role.SUPERVISION):
        return True
    return scope == ReportScope.PETITIONS and holds_role(user, Role.PETITION_OFFICER)


def may_read(user, report):
    """A published report is circulated to every unit; a draft stays with the office."""
    if report.is_published:
        return bool(getattr(user, "is_authenticated", False)
                    and (user.is_superuser or getattr(user, "person", None) is not None))
    return may_manage(user, report.scope)


def readable_reports(user):
    """The reports ``user`` may read: every one for 督查室, published ones for the rest."""
    if may_manage(user):
        return Report.objects.all()
    if not (getattr(user, "is_authenticated", False) and getattr(user, "person", None)):
        return Report.objects.none()
    condition = Q(status=ReportStatus.PUBLISHED)
    if may_manage(user, ReportScope.PETITIONS):
        condition |= Q(scope=ReportScope.PETITIONS)
    return Report.objects.filter(condition)


def title_of(kind, scope, start, end):
    topic, when = TOPIC[scope], label(kind, start, end)
    if kind == ReportKind.WEEKLY:
        return f"关于{when}{topic}推进情况的通报"
    if kind == ReportKind.MONTHLY:
        return f"关于{when}{topic}考核结果的通报"
    return f"{when}{topic}讲评"


def current_scheme():
    """The scheme in force. A district that never set one gets the default (as the migration
    makes it); one that retired them all must choose one first."""
    if not Scheme.objects.exists():
        return Scheme.objects.get_or_create(name=DEFAULT_SCHEME)[0]
    return Scheme.objects.filter(is_active=True).order_by("pk").first()


def generate_report(kind, scope, start, end, *, actor=None, today=None):
    """The draft of the period's report, made or with its figures refreshed. Refused when the
    period has not begun, or when its report is already published (correct it instead)."""
    today = today or timezone.localdate()
    if start > today:
        raise ReportError("统计期间尚未开始，不能生成通报。", "period")
    if start < EARLIEST:
        raise ReportError("统计期间不能早于 2000 年。", "period")
    scheme = current_scheme() if kind != ReportKind.WEEKLY else None
    if kind != ReportKind.WEEKLY and scheme is None:
        raise ReportError("尚无在用的考核办法，请先在“考核办法”中设定。", "kind")
    with transaction.atomic():
        existing = (Report.objects.select_for_update()
                    .filter(kind=kind, scope=scope, start=start, end=end)
                    .order_by("-version").first())
        if existing and existing.is_published:
            raise Conflict(f"该期通报已于{_day(existing.published_at)}发布"
                           f"（{existing.number}）；如有错误，请发布更正版。")
        if existing:
            existing.scheme = scheme
            return _recount(existing, actor, today)
        # Two at once (the schedule and the office): the unique constraint lets one create.
        report = Report.objects.create(
            kind=kind, scope=scope, start=start, end=end, title=title_of(kind, scope, start, end),
            scheme=scheme, content=compute(kind, scope, start, end, today=today, scheme=scheme),
            created_by=_user(actor))
        record_event(report, c.GENERATED, actor=actor, to_status=report.status,
                     note="按计划自动生成" if actor is None else "")
        return report


def _lock_draft(report, action):
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.is_published:
        raise Conflict(f"该通报已由{_who_published(locked)}发布（{locked.number}），"
                       f"不能再{action}；如有错误，请发布更正版。")
    return locked


def _who_published(report):
    user = report.published_by
    name = (user.get_full_name() or user.username) if user else "他人"
    return f"{name}于{_day(report.published_at)} {timezone.localtime(report.published_at):%H:%M}"


def _day(moment):
    day = timezone.localtime(moment).date()
    return f"{day.year}年{day.month}月{day.day}日"


def refresh_report(report, *, actor, today=None):
    """Count a draft's figures again; its paragraphs stay as the office wrote them."""
    with transaction.atomic():
        return _recount(_lock_draft(report, "重新统计"), actor, today or timezone.localdate())


def _recount(report, actor, today):
    report.content = compute(report.kind, report.scope, report.start, report.end,
                             today=today, scheme=report.scheme)
    report.computed_at = timezone.now()
    report.save(update_fields=["content", "scheme", "computed_at"])
    record_event(report, c.REFRESHED, actor=actor, to_status=report.status, note="重新统计数据")
    return report


def edit_narrative(report, texts, *, actor):
    """Replace the paragraphs the office may rewrite (``texts``: key → text)."""
    keys = {block["key"] for block in report.content.get("blocks", [])
            if block["type"] == "paragraph" and block.get("key")}
    unknown = set(texts) - keys
    if unknown:
        raise ReportError(f"没有可修改的段落“{sorted(unknown)[0]}”。")
    with transaction.atomic():
        locked = _lock_draft(report, "修改")
        changed = sorted(key for key, text in texts.items()
                         if locked.narrative.get(key) != text)
        locked.narrative = {**locked.narrative, **texts}
        locked.save(update_fields=["narrative"])
        if changed:
            record_event(locked, c.EDITED, actor=actor, to_status=locked.status,
                         data={"paragraphs": changed})
        return locked


def publish_report(report, *, actor):
    """Freeze the report as it stands and give it the next number of its kind this year."""
    with transaction.atomic():
        locked = _lock_draft(report, "发布")
        year = timezone.localdate().year
        # The numbers are unique per kind and year; a publisher racing us gets the next one.
        for _attempt in range(5):
            serial = (Report.objects.filter(kind=locked.kind, year=year)
                      .aggregate(n=Max("serial"))["n"] or 0) + 1
            try:
                with transaction.atomic():
                    Report.objects.filter(pk=locked.pk).update(
                        year=year, serial=serial, number=number_of(locked.kind, year, serial))
                break
            except IntegrityError:
                continue
        else:
            raise Conflict("发文字号正被他人占用，请稍后重试。")
        locked.refresh_from_db()
        locked.status = ReportStatus.PUBLISHED
        locked.published_at, locked.published_by = timezone.now(), _user(actor)
        locked.save(update_fields=["status", "published_at", "published_by"])
        record_event(locked, c.PUBLISHED, actor=actor, from_status=ReportStatus.DRAFT,
                     to_status=ReportStatus.PUBLISHED, note=locked.number)
        return locked


def number_of(kind, year, serial):
    return f"{settings.TAIZHANG_REPORT_NUMBER_PREFIX[kind]}〔{year}〕{serial}号"


def correct_report(report, *, actor, note, today=None):
    """A new draft version of a published report, saying what it corrects; the figures are
    counted again and the paragraphs carried over for the office to amend."""
    note = (note or "").strip()
    if not note:
        raise ReportError("请写明更正的内容和原因。", "note")
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if not locked.is_published:
            raise Conflict("草稿可直接修改，无需更正。")
        newer = Report.objects.filter(kind=locked.kind, scope=locked.scope, start=locked.start,
                                      end=locked.end, version__gt=locked.version).first()
        if newer:
            raise Conflict(f"该通报已有更正版（第 {newer.version} 版），请在最新版本上更正。")
        correction = Report.objects.create(
            kind=locked.kind, scope=locked.scope, start=locked.start, end=locked.end,
            version=locked.version + 1, corrects=locked, correction_note=note,
            title=locked.title, scheme=locked.scheme, narrative=dict(locked.narrative),
            content=compute(locked.kind, locked.scope, locked.start, locked.end,
                            today=today or timezone.localdate(), scheme=locked.scheme),
            created_by=_user(actor))
        record_event(locked, c.CORRECTED, actor=actor, to_status=locked.status,
                     note=note, data={"correction": correction.pk})
        record_event(correction, c.GENERATED, actor=actor, to_status=correction.status,
                     note=f"更正{locked.number}：{note}")
        return correction


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
