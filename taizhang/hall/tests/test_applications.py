"""An application's life: intake, the clock in working days, 补正 pausing it, and the end."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from taizhang.hall import applications as apps
from taizhang.hall.constants import Channel, Mode, Status, Step
from taizhang.hall.models import Application
from taizhang.org.events import timeline

ID_NUMBER = "11010519491231002X"
AT_NINE = datetime(2026, 9, 24, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


def applicant(**changes):
    return {"name": "王秀英", "id_number": ID_NUMBER, "phone": "13912345678", **changes}


def accept(hall, version="allowance", mode=Mode.PROXY, today=date(2026, 9, 21), **changes):
    return apps.accept_at_counter(hall[version], actor=hall["clerk"], centre=hall["centre"],
                                  mode=mode, applicant=applicant(**changes),
                                  staff=hall["helper"], today=today)


def test_the_deadline_counts_working_days_over_mid_autumn(hall):
    application = accept(hall)  # Monday 21 September; Friday 25 September is a holiday
    assert application.status == Status.ACCEPTED and application.deadline == date(2026, 9, 29)
    assert len(application.receipt_no) == 16 and application.receipt_no.startswith("2026")


def test_supplement_stops_the_clock_over_national_day(hall):
    application = accept(hall)
    application = apps.take_step(application, Step.REQUEST_SUPPLEMENT, actor=hall["clerk"],
                                 reason="缺少户口簿原件", today=date(2026, 9, 23))
    assert application.status == Status.SUPPLEMENT and application.paused_from == "accepted"
    # Three working days were left (24, 28, 29 Sep); they restart on 9 October and run over
    # the make-up Saturday 10 October.
    application = apps.take_step(application, Step.SUPPLEMENTED, actor=hall["clerk"],
                                 today=date(2026, 10, 9))
    assert application.status == Status.ACCEPTED
    assert application.deadline == date(2026, 10, 13)
    assert application.paused_days == 6  # 24, 28, 29, 30 Sep, 8, 9 Oct
    assert application.paused_on is None
    # Completed on 12 October: 10 working days since acceptance, 6 of them spent waiting.
    application = apps.take_step(application, Step.COMPLETE, actor=hall["clerk"],
                                 today=date(2026, 10, 12))
    assert application.days_taken == 4


def test_withdrawn_while_waiting_the_wait_is_not_counted_as_work(hall):
    application = accept(hall)
    apps.take_step(application, Step.REQUEST_SUPPLEMENT, actor=hall["clerk"], reason="缺照片",
                   today=date(2026, 9, 22))
    application = apps.take_step(application, Step.WITHDRAW, actor=hall["clerk"],
                                 reason="申请人书面撤回", today=date(2026, 9, 29))
    assert application.days_taken == 1


def test_a_supplement_answered_the_same_day_moves_nothing(hall):
    application = accept(hall)
    apps.take_step(application, Step.REQUEST_SUPPLEMENT, actor=hall["clerk"], reason="缺照片",
                   today=date(2026, 9, 22))
    application = apps.take_step(application, Step.SUPPLEMENTED, actor=hall["clerk"],
                                 today=date(2026, 9, 22))
    assert (application.deadline, application.paused_days) == (date(2026, 9, 29), 0)


def test_an_instant_matter_is_completed_at_acceptance(hall):
    application = accept(hall, version="certificate", mode=Mode.INSTANT)
    assert application.status == Status.COMPLETED
    assert application.deadline == application.completed_on == date(2026, 9, 21)
    assert [e.action for e in timeline(application)] == [Step.ACCEPT, Step.COMPLETE]


def test_the_whole_way_to_completion(hall):
    application = accept(hall)
    application = apps.take_step(application, Step.ASSIGN, actor=hall["clerk"],
                                 handler=hall["worker"], today=date(2026, 9, 22))
    assert application.status == Status.IN_PROGRESS and application.handler == hall["worker"]
    application = apps.take_step(application, Step.COMPLETE, actor=hall["worker"],
                                 today=date(2026, 9, 28))
    assert (application.status, application.completed_on) == (Status.COMPLETED,
                                                               date(2026, 9, 28))
    assert [(e.action, e.from_status, e.to_status) for e in timeline(application)] == [
        (Step.ACCEPT, "", "accepted"), (Step.ASSIGN, "accepted", "in_progress"),
        (Step.COMPLETE, "in_progress", "completed")]


def test_online_applications_wait_to_be_accepted(hall):
    with pytest.raises(apps.Invalid, match="不能网上申请"):
        apps.submit_online(hall["certificate"], mode=Mode.INSTANT, applicant=applicant())
    application = apps.submit_online(hall["allowance"], mode=Mode.DOORSTEP,
                                     applicant=applicant(address="东关社区3号楼2单元101",
                                                         appointment_at=AT_NINE),
                                     centre=hall["centre"])
    assert (application.status, application.channel) == (Status.SUBMITTED, Channel.ONLINE)
    assert application.deadline is None
    application = apps.take_step(application, Step.ACCEPT, actor=hall["clerk"],
                                 today=date(2026, 9, 21))
    assert application.deadline == date(2026, 9, 29)


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"id_number": "110105194912310021"}, "id_number", "身份证号码无效"),
    ({"phone": "2345"}, "phone", "手机号码无效"),
    ({"name": " "}, "applicant_name", "请填写申请人姓名"),
])
def test_a_bad_applicant_is_refused_by_field(hall, changes, field, message):
    with pytest.raises(apps.Invalid, match=message) as refused:
        accept(hall, **changes)
    assert refused.value.field == field
    assert not Application.objects.exists()


def test_modes_need_what_they_promise(hall):
    with pytest.raises(apps.Invalid, match="可选的办理方式为：代办、陪办、上门办理"):
        accept(hall, mode=Mode.INSTANT)
    with pytest.raises(apps.Invalid, match="须登记上门地址和预约时间"):
        accept(hall, mode=Mode.DOORSTEP)
    with pytest.raises(apps.Invalid, match="须登记办理的工作人员"):
        apps.accept_at_counter(hall["allowance"], actor=hall["clerk"], centre=hall["centre"],
                               mode=Mode.PROXY, applicant=applicant())


def test_only_the_centres_clerks_accept(hall, tree):
    with pytest.raises(apps.NotAllowed, match="窗口工作人员"):
        apps.accept_at_counter(hall["allowance"], actor=tree.west_clerk, centre=hall["centre"],
                               mode=Mode.PROXY, applicant=applicant(), staff=hall["helper"])
    application = accept(hall)
    with pytest.raises(apps.NotAllowed):
        apps.take_step(application, Step.COMPLETE, actor=tree.west_clerk)


@pytest.mark.parametrize("step", [Step.REFUSE, Step.DENY, Step.REQUEST_SUPPLEMENT,
                                  Step.WITHDRAW])
def test_refusals_pauses_and_withdrawals_need_a_reason(hall, step):
    with pytest.raises(apps.Invalid) as refused:
        apps.take_step(accept(hall), step, actor=hall["clerk"], reason="  ")
    assert refused.value.field == "reason"


def test_a_step_from_the_wrong_status_is_a_conflict(hall):
    application = accept(hall)
    apps.take_step(application, Step.DENY, actor=hall["clerk"], reason="不符合申领条件",
                   today=date(2026, 9, 22))
    with pytest.raises(apps.Conflict, match="当前为“不予许可”，不能办结"):
        apps.take_step(application, Step.COMPLETE, actor=hall["clerk"])
    with pytest.raises(apps.Conflict):
        apps.take_step(accept(hall), Step.COMPLETE, actor=hall["clerk"],
                       expected_status=Status.IN_PROGRESS)


def test_the_applicants_identity_is_encrypted_and_masked(hall):
    application = accept(hall)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM hall_application WHERE id = %s",
                       [application.pk])
        stored = cursor.fetchone()
    assert ID_NUMBER not in stored[0] and "13912345678" not in stored[1]
    assert application.id_number_masked != ID_NUMBER and "1234" not in application.phone_masked
    assert Application.objects.get(id_digest=application.id_digest).pk == application.pk


def test_an_online_proxy_application_names_its_staff_member_at_acceptance(hall):
    application = apps.submit_online(hall["allowance"], mode=Mode.PROXY, applicant=applicant(),
                                     centre=hall["centre"])
    with pytest.raises(apps.Invalid, match="代办须登记办理的工作人员") as refused:
        apps.take_step(application, Step.ACCEPT, actor=hall["clerk"], today=date(2026, 9, 21))
    assert refused.value.field == "staff"
    accepted = apps.take_step(application, Step.ACCEPT, actor=hall["clerk"],
                              staff=hall["helper"], today=date(2026, 9, 21))
    assert accepted.status == Status.ACCEPTED and accepted.staff == hall["helper"]


def test_an_instant_matter_applied_for_online_is_completed_when_accepted(hall):
    hall["certificate"].online = True
    hall["certificate"].save()
    application = apps.submit_online(hall["certificate"], mode=Mode.INSTANT,
                                     applicant=applicant(), centre=hall["centre"])
    done = apps.take_step(application, Step.ACCEPT, actor=hall["clerk"], today=date(2026, 9, 21))
    assert (done.status, done.completed_on, done.days_taken) == (
        Status.COMPLETED, date(2026, 9, 21), 0)
    assert [e.action for e in timeline(done)] == ["submit", "accept", "complete"]
