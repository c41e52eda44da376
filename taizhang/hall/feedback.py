"""What a citizen does after applying, without an account: look an application up, rate it.

The receipt number and the last four digits of the phone prove the citizen's claim together;
a wrong pair, a wrong half or an unknown number all get the same "not found", so the lookup
reveals nothing about which part was wrong. A bad rating becomes a rectification item (整改事项)
in the centre's ledger with a deadline, without anyone typing it in.
"""

import hmac

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..ledger.rectification import open_rectification
from ..org.constants import Role
from ..org.events import record_event
from ..org.models import Person
from .applications import Conflict, Invalid
from .constants import BAD_GRADES, RATEABLE_STATUSES, Grade
from .models import Application, Rating


def lookup(receipt_no, phone_last4):
    """The application with this receipt number and phone ending, or None."""
    receipt_no, phone_last4 = str(receipt_no).strip(), str(phone_last4).strip()
    # ASCII only: isdigit() also takes full-width digits, which compare_digest refuses.
    if not (receipt_no.isascii() and receipt_no.isdigit() and len(phone_last4) == 4
            and phone_last4.isascii() and phone_last4.isdigit()):
        return None
    application = (Application.objects.select_related("version", "centre")
                   .filter(receipt_no=receipt_no).first())
    if application is None:
        return None
    if not hmac.compare_digest(application.phone[-4:], phone_last4):
        return None
    return application


def may_rate(application) -> bool:
    return application.status in RATEABLE_STATUSES and not Rating.objects.filter(
        application=application).exists()


def rate_application(application, *, grade, comment="", today=None):
    """Record the applicant's rating; 不满意 or 非常不满意 opens a rectification item."""
    today = today or timezone.localdate()
    try:
        grade = Grade(int(grade))
    except (TypeError, ValueError):
        raise Invalid("请选择评价等级（非常满意至非常不满意）。", "grade") from None
    comment = comment.strip()
    if grade in BAD_GRADES and not comment:
        raise Invalid("请简要说明不满意的原因，我们将据此整改。", "comment")
    try:
        with transaction.atomic():
            application = (Application.objects.select_for_update(of=("self",))
                           .select_related("version", "centre__unit", "centre__head",
                                           "department").get(pk=application.pk))
            if application.status not in RATEABLE_STATUSES:
                raise Conflict(f"该办件当前为“{application.get_status_display()}”，"
                               "办理结束后才能评价。")
            rating = Rating.objects.create(application=application, grade=grade,
                                           comment=comment[:2000])
            record_event(application, "rate", note=grade.label, data={"grade": int(grade)})
            if grade in BAD_GRADES:
                rating.rectification = _open_rectification(application, rating, today)
                rating.save(update_fields=["rectification"])
    except IntegrityError:  # the OneToOne: a second rating of the same application
        raise Conflict("该办件已经评价过，每件只能评价一次。") from None
    return rating


def responsible_leader(unit, centre=None):
    """Who answers for a bad rating: the centre's head, else the unit's leader, else its first
    person (a unit with nobody in it cannot own an item, and says so)."""
    if centre is not None and centre.head_id:
        return centre.head
    people = Person.objects.filter(unit=unit, is_active=True)
    leader = (people.filter(role_grants__role=Role.LEADER).order_by("sort_order", "id").first()
              or people.order_by("sort_order", "id").first())
    if leader is None:
        raise Invalid(f"{unit.name}没有在职人员，无法登记整改事项；请先在组织机构中维护人员。")
    return leader


def _open_rectification(application, rating, today):
    centre = application.centre
    unit = centre.unit if centre is not None else application.department
    where = centre.name if centre is not None else application.department.name
    grade = Grade(rating.grade).label
    return open_rectification(
        unit=unit, leader=responsible_leader(unit, centre),
        title=f"群众差评整改：{application.version.name}（{application.receipt_no}）",
        goal=(f"申请人对{where}办理“{application.version.name}”评价为“{grade}”，"
              f"意见：{rating.comment}。请核实情况、整改到位并回访申请人。"),
        working_days=settings.TAIZHANG_RECTIFICATION_WORKING_DAYS,
        source=f"办件 {application.receipt_no} 收到“{grade}”评价", today=today,
    )
