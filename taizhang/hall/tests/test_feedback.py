"""Status lookup without an account, and the rating that turns a bad one into a rectification."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from taizhang.hall import applications as apps
from taizhang.hall import feedback
from taizhang.hall.constants import Grade, Mode, Status, Step
from taizhang.hall.tests.test_applications import accept, applicant
from taizhang.ledger.constants import ItemStatus
from taizhang.org.events import timeline

pytestmark = pytest.mark.django_db


def completed(hall, **changes):
    application = accept(hall, **changes)
    return apps.take_step(application, Step.COMPLETE, actor=hall["clerk"],
                          today=date(2026, 9, 22))


def test_lookup_needs_the_receipt_number_and_the_phone_ending_together(hall):
    application = accept(hall)
    assert feedback.lookup(application.receipt_no, "5678") == application
    assert feedback.lookup(f" {application.receipt_no} ", "5678 ") == application
    for receipt, digits in ((application.receipt_no, "5679"), ("2026092100000000", "5678"),
                            (application.receipt_no, ""), ("", "5678"),
                            (application.receipt_no, "56789"), ("x' OR 1=1 --", "5678"),
                            (application.receipt_no, "abcd")):
        assert feedback.lookup(receipt, digits) is None


def test_a_good_rating_is_recorded_once_on_the_timeline(hall):
    application = completed(hall)
    rating = feedback.rate_application(application, grade=Grade.SATISFIED, comment=" 很快 ")
    assert (rating.grade, rating.comment, rating.rectification) == (4, "很快", None)
    assert timeline(application).last().action == "rate"
    assert not feedback.may_rate(application)
    with pytest.raises(apps.Conflict, match="已经评价过"):
        feedback.rate_application(application, grade=Grade.VERY_SATISFIED)


def test_only_an_application_with_an_outcome_can_be_rated(hall):
    application = accept(hall)
    assert not feedback.may_rate(application)
    with pytest.raises(apps.Conflict, match="办理结束后"):
        feedback.rate_application(application, grade=Grade.SATISFIED)
    refused = apps.take_step(application, Step.DENY, actor=hall["clerk"], reason="不符合条件")
    assert refused.status == Status.DENIED and feedback.may_rate(refused)


@pytest.mark.parametrize("grade", ["", "6", "0", None, "很好"])
def test_a_grade_outside_the_five_levels_is_refused(hall, grade):
    with pytest.raises(apps.Invalid) as refused:
        feedback.rate_application(completed(hall), grade=grade)
    assert refused.value.field == "grade"


@override_settings(TAIZHANG_RECTIFICATION_WORKING_DAYS=10)
def test_a_bad_rating_opens_a_rectification_item_in_the_centres_ledger(hall):
    application = completed(hall)
    with pytest.raises(apps.Invalid, match="不满意的原因"):
        feedback.rate_application(application, grade=Grade.DISSATISFIED, comment=" ")
    rating = feedback.rate_application(application, grade=Grade.VERY_DISSATISFIED,
                                       comment="让我跑了三趟", today=date(2026, 9, 28))
    item = rating.rectification
    assert item.ledger.unit == hall["centre"].unit and item.ledger.kind.code == "zhenggai"
    assert item.status == ItemStatus.IN_PROGRESS and item.lead_unit == hall["centre"].unit
    # Ten working days from Monday 28 September: National Day (1–7 October) is skipped and
    # Saturday 10 October, a make-up working day, counts.
    assert item.assigned_on == date(2026, 9, 28) and item.deadline == date(2026, 10, 16)
    assert application.receipt_no in item.title and "让我跑了三趟" in item.goal
    assert [e.action for e in timeline(item)] == ["create", "assign"]
    assert str(application.phone) not in item.goal and applicant()["id_number"] not in item.goal


def test_the_centres_head_answers_for_the_rectification(hall):
    hall["centre"].head = hall["helper"]
    hall["centre"].save()
    first = feedback.rate_application(completed(hall), grade=Grade.DISSATISFIED, comment="态度差")
    second = feedback.rate_application(completed(hall), grade=Grade.DISSATISFIED, comment="慢")
    assert first.rectification.leader == hall["helper"]
    assert first.rectification.ledger == second.rectification.ledger
    assert first.rectification.code != second.rectification.code


def _upload(name, size=10):
    return SimpleUploadedFile(name, b"%" * size, content_type="application/pdf")


def test_online_materials_are_stored_with_the_application(hall):
    application = apps.submit_online(hall["allowance"], mode=Mode.PROXY, applicant=applicant(),
                                     files=[("居民身份证", _upload("身份证.pdf"))])
    stored = application.files.get()
    assert (stored.material, stored.name, stored.size) == ("居民身份证", "身份证.pdf", 10)
    assert "身份证" not in stored.file.name


@override_settings(TAIZHANG_UPLOAD_MAX_BYTES=100, TAIZHANG_HALL_MAX_FILES=2)
@pytest.mark.parametrize("files, message", [
    ([("", _upload("a.exe"))], "文件类型不支持"),
    ([("", _upload("big.pdf", 101))], "超过"),
    ([("", _upload("empty.pdf", 0))], "空文件"),
    ([("", _upload(f"{n}.pdf")) for n in range(3)], "最多上传 2 个文件"),
])
def test_unacceptable_materials_refuse_the_whole_application(hall, files, message):
    with pytest.raises(apps.Invalid, match=message):
        apps.submit_online(hall["allowance"], mode=Mode.PROXY, applicant=applicant(), files=files)
    assert not hall["allowance"].applications.exists()
