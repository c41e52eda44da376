"""复查 and 复核: a petitioner who disagrees with the written reply asks the next level up to
review it (复查), and with the review's answer, the level above that (复核). Each is asked
within its window, answered by its time limit, and happens once: the regulation gives no
third round, and a petition answered on 复核 is not taken up again on the same facts.

The petition office records the request and the answer; the petition is 复查中 or 复核中 in
between, with the answer's time limit as its running limit, and 办结 after.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .constants import AttachmentPurpose, LimitKind, ReviewKind, Step
from .errors import Conflict, Invalid
from .limits import due, limit, unit
from .registration import check_files, store_attachments
from .rules import lock, move


@dataclass(frozen=True)
class Round:
    ask: str
    answer: str
    window: str  # the limit for asking, from the contested answer
    answer_limit: str  # the limit for answering, from the request
    contested: str  # what is contested, for messages


ROUNDS = {
    ReviewKind.REVIEW: Round(Step.REQUEST_REVIEW, Step.ANSWER_REVIEW, LimitKind.REVIEW_REQUEST,
                             LimitKind.REVIEW_ANSWER, "书面答复"),
    ReviewKind.RECHECK: Round(Step.REQUEST_RECHECK, Step.ANSWER_RECHECK,
                              LimitKind.RECHECK_REQUEST, LimitKind.RECHECK_ANSWER, "复查意见"),
}


def _contested_on(petition, kind):
    """The day the contested answer was given."""
    if kind == ReviewKind.REVIEW:
        return petition.replied_on
    review = petition.reviews.filter(kind=ReviewKind.REVIEW).first()
    if review is None or review.answered_on is None:
        raise Invalid("只有对复查意见不服的，才能请求复核。", field="kind")
    return review.answered_on


def request_review(petition, *, actor, kind, text, requested_on=None, reviewing_unit=None,
                   files=(), today=None, expected_status=None):
    """A 复查 or 复核 request received on ``requested_on`` (default today), within the window
    from the contested answer; its own answer is due by the answer limit."""
    kind = ReviewKind(kind)
    this = ROUNDS[kind]
    if not text.strip():
        raise Invalid("请填写请求事项和理由。", field="text")
    check_files(files)
    today = today or timezone.localdate()
    requested_on = requested_on or today
    if requested_on > today:
        raise Invalid("请求日期不能晚于今天。", field="requested_on")
    with transaction.atomic():
        petition = lock(petition, actor, this.ask, expected_status)
        if petition.reviews.filter(kind=kind).exists():
            raise Conflict(f"该信访件已经{kind.label}过，不能再次请求{kind.label}。")
        start = _contested_on(petition, kind)
        last = due(start, this.window).date
        if requested_on < start:
            raise Invalid(f"请求日期不能早于{this.contested}日期。", field="requested_on")
        if requested_on > last:
            raise Invalid(f"已超过请求{kind.label}的期限：应自收到{this.contested}之日起"
                          f"{limit(this.window).days}{unit(this.window)}内提出，"
                          f"最迟 {last:%Y年%m月%d日}。", field="requested_on")
        answer_due = due(requested_on, this.answer_limit).date
        review = petition.reviews.create(
            kind=kind, requested_on=requested_on, request_text=text.strip(),
            reviewing_unit=reviewing_unit, answer_due=answer_due, recorded_by=actor)
        store_attachments(petition, files, actor, AttachmentPurpose.REVIEW)
        return move(petition, this.ask, actor, today=today, due_on=answer_due,
                    note=text.strip(), data={"review": review.pk,
                                             "requested_on": str(requested_on)})


def answer_review(petition, *, actor, kind, text, files=(), today=None,
                  expected_status=None):
    """The 复查意见 or 复核意见, in writing; the petition is 办结 again."""
    kind = ReviewKind(kind)
    this = ROUNDS[kind]
    if not text.strip():
        raise Invalid(f"请填写{kind.label}意见。", field="text")
    check_files(files)
    today = today or timezone.localdate()
    with transaction.atomic():
        petition = lock(petition, actor, this.answer, expected_status)
        review = petition.reviews.select_for_update().get(kind=kind)
        review.answer_text, review.answered_on, review.answered_by = text.strip(), today, actor
        review.save()
        store_attachments(petition, files, actor, AttachmentPurpose.REVIEW)
        petition.closed_on = today
        return move(petition, this.answer, actor, today=today, note=text.strip()[:200],
                    data={"review": review.pk, "on_time": today <= review.answer_due})
