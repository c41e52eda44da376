"""The citizens' ratings (好差评) of the demo year, and the rectification of the bad ones.

About three in four applicants rate at the window's rating pad right after completion, fewer
online; nearly all are satisfied. A dozen or two are not, each with a real complaint: those go
through ``hall.feedback.rate_application`` on the day they were given, which opens the 整改事项
in the centre's ledger, and are then settled through the ledger's rules as far as the time since
allows — the centre's head asks to close the item out with evidence of what was changed, the
supervision office (督查室) verifies a day or two later, always within the item's deadline. So
the old ones are closed, and the newest still in hand or waiting for the office. The acts are
dated to when they happened; the audit trail keeps the real time of writing.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from ...inbox.models import Notification
from ...ledger import people, rules
from ...org.events import timeline
from ...org.models import Event
from ...org.workdays import add_working_days
from ..constants import Channel, Grade, Mode, Status, Step
from ..feedback import rate_application
from ..models import Rating
from .stories import moment, working_days_before

SHARE_RATED = {Channel.COUNTER: 0.78, Channel.ONLINE: 0.45}
GOOD = {Grade.VERY_SATISFIED: 80, Grade.SATISFIED: 16, Grade.BASIC: 4}
SHARE_COMMENTED = 0.12
BAD_RATINGS = 18
# Of which given in the last few working days: their 整改事项 are not closed yet.
RECENT_BAD = 3
RECENT_DAYS = 5
# The head asks to close an item out after this share of its working days.
ASK_AFTER = (0.4, 0.8)
# Notifications older than this were read long ago; newer ones still wait in the inbox.
UNREAD_DAYS = 7

PRAISE = {
    None: ("办事效率高，一次就办好了。", "工作人员热情耐心，讲得很清楚。", "流程简单，不用来回跑。",
           "服务很周到，点赞！"),
    Mode.PROXY: ("代办员全程帮忙，省了很多事。",),
    Mode.ACCOMPANY: ("工作人员陪着一起办，心里踏实。",),
    Mode.DOORSTEP: ("上门给老人办理，太贴心了，谢谢！",),
    Channel.ONLINE: ("网上提交就办好了，一趟也没跑。",),
}
FAIR = ("等的时间稍微长了点。", "要带的材料有点多。")

# (what the applicant complained of, what the centre did about it): the first four fit
# particular stories (late, 补正, door-to-door, online), the rest any visit to a window.
COMPLAINTS = {
    "late": ("承诺的时间过了好几天才办好，中间也没人打电话说明原因。",
             "已约谈承办人员，建立临近时限办件每日提醒制度，超期办件逐件说明原因；已电话向"
             "申请人致歉并说明情况，申请人表示理解。"),
    "supplement": ("材料一次没说清，补了两次才办成，来回跑了好几趟。",
                   "已按办事指南重新梳理材料清单并在窗口公示，落实一次性告知制度，对窗口人员"
                   "开展业务培训；已回访申请人。"),
    "doorstep": ("约好上门办理的时间，工作人员晚到了一个多小时，也没提前打招呼。",
                 "已明确上门服务须提前一天电话确认、不能按时到达须提前告知；已向申请人当面致歉。"),
    "online": ("网上提交以后好几天没人联系，打电话问才知道已经受理了。",
               "已安排专人每日两次处理网上申请，受理后短信告知申请人；已回访申请人。"),
}
COMMON_COMPLAINTS = (
    ("排队时间太长，等了一个多小时才轮到。",
     "已在上午高峰时段增开综合受理窗口，推行电话和网上预约办理；已回访申请人，申请人表示认可。"),
    ("窗口工作人员态度生硬，问两句就不耐烦。",
     "已对当事窗口人员批评教育，组织全体窗口人员开展服务礼仪培训；已登门向申请人致歉，"
     "申请人表示满意。"),
    ("中午十一点半就说不接号了，白跑一趟。",
     "已重申按公示的办公时间受理，推行午间延时服务；已电话回访申请人。"),
    ("办事指南上写的材料和窗口要的不一样。",
     "已对照窗口实际要求修订办事指南并重新公示；已回访申请人。"),
    ("工作人员在窗口玩手机，让群众在外面等着。",
     "已约谈当事人并在中心内通报批评，落实窗口日常巡查制度；已回访申请人。"),
    ("叫号机坏了没人管，大厅里很乱。",
     "已修复叫号系统，安排导办人员维持秩序；已回访申请人。"),
    ("电话咨询打了好几次都没人接。",
     "已公布两部咨询电话并安排专人值守，未接来电当日回拨；已回访申请人。"),
)
CLOSE_NOTE = "经电话回访申请人并现场核查，整改措施已落实，同意销号。"


def rating(rng, story, today):
    """(grade, comment, moment) of a completed application's rating, or None if not rated."""
    if rng.random() >= SHARE_RATED[story.draw.channel]:
        return None
    grade = rng.choices(list(GOOD), list(GOOD.values()))[0]
    comment = ""
    if rng.random() < SHARE_COMMENTED:
        comment = rng.choice(FAIR if grade == Grade.BASIC else (
            *PRAISE[None], *PRAISE.get(story.draw.mode, ()), *PRAISE.get(story.draw.channel, ())))
    return grade, comment, _rated_at(rng, story, today)


def bad(rng, stories, today):
    """Index -> (grade, comment, evidence, moment) of the bad ratings: one of a late
    application, a few in the last days (their 整改事项 not closed yet), the rest spread over the
    year; each complaint fits what happened."""
    done = sorted((n for n, s in enumerate(stories) if s.status == Status.COMPLETED),
                  key=lambda n: stories[n].completed_on)
    late = [n for n in done if stories[n].late]
    since = working_days_before(today, RECENT_DAYS)
    recent = [n for n in done if stories[n].completed_on >= since]
    picks = set(rng.sample(late, min(1, len(late))) + rng.sample(recent, min(RECENT_BAD,
                                                                            len(recent))))
    spread = min(BAD_RATINGS - len(picks), len(done))
    for k in range(spread):
        picks.add(rng.choice(done[k * len(done) // spread:(k + 1) * len(done) // spread]))
    found = {}
    for n in sorted(picks):
        comment, evidence = _complaint(rng, stories[n])
        grade = rng.choices((Grade.DISSATISFIED, Grade.VERY_DISSATISFIED), (2, 1))[0]
        found[n] = (grade, comment, evidence, _rated_at(rng, stories[n], today))
    return found


def _complaint(rng, story):
    theme = ("late" if story.late else
             "supplement" if any(step[1] == Step.SUPPLEMENTED for step in story.steps) else
             "doorstep" if story.draw.mode == Mode.DOORSTEP else
             "online" if story.draw.channel == Channel.ONLINE else None)
    return COMPLAINTS[theme] if theme else rng.choice(COMMON_COMPLAINTS)


def _rated_at(rng, story, today):
    completed = story.steps[-1][0]
    if story.draw.channel == Channel.COUNTER:  # on the rating pad at the window
        return completed + timedelta(minutes=rng.randint(1, 4))
    later = completed + timedelta(hours=rng.randint(1, 30))
    return later if timezone.localdate(later) < today else completed + timedelta(minutes=30)


def rate_badly(rng, application, given, head, supervisor, today):
    """Give the bad rating through the real rule on its day, then settle its 整改事项 as far
    as the time since allows; date every act to when it happened."""
    grade, comment, evidence, at = given
    day = timezone.localdate(at)
    rating = rate_application(application, grade=grade, comment=comment, today=day)
    Rating.objects.filter(pk=rating.pk).update(rated_at=at)
    timeline(application).filter(action="rate").update(at=at)
    item, moments = rating.rectification, [at, at]
    notified = _Notified(item, today)
    notified.stamp(at)
    limit = settings.TAIZHANG_RECTIFICATION_WORKING_DAYS
    asked = add_working_days(day, max(1, round(limit * rng.uniform(*ASK_AFTER)))).date
    closed = min(add_working_days(asked, rng.randint(1, 2)).date, item.deadline)
    if asked < today:
        moments.append(moment(asked, 16 * 60 + rng.randint(0, 50)))
        rules.request_close_out(item, actor=head, evidence=evidence)
        notified.stamp(moments[-1])
    if asked < closed < today:
        moments.append(moment(closed, 10 * 60 + rng.randint(0, 50)))
        rules.close_out_item(item, actor=supervisor, note=CLOSE_NOTE, today=closed)
        notified.stamp(moments[-1])
    events = list(timeline(item).order_by("pk").values_list("pk", flat=True))
    for pk, when in zip(events, moments, strict=True):
        Event.objects.filter(pk=pk).update(at=when)
    type(item).objects.filter(pk=item.pk).update(created_at=at, updated_at=moments[-1])
    return rating


class _Notified:
    """Dates the notifications each act just sent about one item, and marks old ones read."""

    def __init__(self, item, today):
        self.rows, self.today, self.mark = (
            Notification.objects.filter(link=people.item_link(item)), today, 0)

    def stamp(self, at):
        fresh = self.rows.filter(pk__gt=self.mark)
        latest = fresh.order_by("-pk").values_list("pk", flat=True).first()
        if latest is not None:
            read = timezone.localdate(at) < self.today - timedelta(days=UNREAD_DAYS)
            fresh.update(created_at=at, read_at=at + timedelta(hours=2) if read else None)
            self.mark = latest
