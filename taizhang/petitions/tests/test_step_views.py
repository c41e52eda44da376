"""Each step from a petition's page: done by the person it belongs to, refused with the reason
next to the field, confirmed first when it ends the petition, and stale pages turned back."""

import pytest
from django.urls import reverse

from taizhang.petitions import rules
from taizhang.petitions.constants import Status
from taizhang.petitions.models import Petition
from taizhang.petitions.tests.factories import register

pytestmark = pytest.mark.django_db


def post(client, user, petition, step, **data):
    client.force_login(user)
    data.setdefault("expected_status", Petition.objects.get(pk=petition.pk).status)
    return client.post(reverse("petitions:step", args=[petition.pk, step]), data)


def status(petition):
    return Petition.objects.get(pk=petition.pk).status


def test_a_petition_from_acceptance_to_close_through_its_page(client, world):
    petition = register(world)
    assert post(client, world.officer, petition, "accept", note="属于受理范围").status_code == 302
    assert post(client, world.officer, petition, "assign", unit=world.renshe.pk).status_code == 302
    answer = post(client, world.renshe_clerk, petition, "start",
                  handler=world.renshe_handler.person.pk)
    assert answer.status_code == 302 and status(petition) == Status.HANDLING
    post(client, world.renshe_handler, petition, "reply", text="已督促施工单位支付工资")
    post(client, world.officer, petition, "evaluate", evaluation="satisfied")
    assert status(petition) == Status.EVALUATED
    page = post(client, world.officer, petition, "close", note="信访人满意")
    assert page.status_code == 200 and "确认办结" in page.content.decode()
    assert status(petition) == Status.EVALUATED  # not yet: confirmed on the second page
    answer = post(client, world.officer, petition, "close", note="信访人满意", confirmed="1")
    assert answer.status_code == 302 and status(petition) == Status.CLOSED
    messages = [str(m) for m in client.get(answer["Location"]).context["messages"]]
    assert messages == ["已办结。"]


def test_refusal_needs_a_notice_and_a_confirmation(client, world):
    petition = register(world)
    page = post(client, world.officer, petition, "refuse", notice="")
    assert page.status_code == 400
    [form] = [f for f in page.context["forms"] if f.step == "refuse"]
    assert form.errors["notice"]
    page = post(client, world.officer, petition, "refuse", notice="属于诉讼程序，请向法院提出")
    assert "确认不予受理" in page.content.decode() and status(petition) == Status.REGISTERED
    post(client, world.officer, petition, "refuse", notice="属于诉讼程序，请向法院提出",
         confirmed="1")
    assert status(petition) == Status.NOT_ACCEPTED


def test_a_stale_page_is_turned_back_with_who_acted(client, world):
    petition = register(world)
    rules.accept_petition(petition, actor=world.officer2)
    answer = post(client, world.officer, petition, "accept", expected_status="registered")
    messages = [str(m) for m in client.get(answer["Location"]).context["messages"]]
    assert len(messages) == 1 and "信访局乙" in messages[0]


def test_a_step_not_theirs_is_forbidden_and_one_out_of_sight_is_a_404(client, world):
    petition = register(world)
    assert post(client, world.supervisor, petition, "accept").status_code == 403
    assert post(client, world.east_staff, petition, "accept").status_code == 404
    assert post(client, world.officer, petition, "no-such-step").status_code == 403
    assert status(petition) == Status.REGISTERED


def test_an_extension_asked_by_the_unit_and_decided_by_its_head(client, world):
    petition = register(world)
    rules.accept_petition(petition, actor=world.officer)
    rules.assign_petition(petition, actor=world.officer, unit=world.renshe)
    post(client, world.renshe_clerk, petition, "request_extension", days="15",
         reason="涉及多个部门，需要会商")
    answer = post(client, world.renshe_head, petition, "approve_extension", note="同意")
    assert answer.status_code == 302
    assert Petition.objects.get(pk=petition.pk).extensions.get().status == "approved"


def test_repeats_linked_and_unlinked_by_hand(client, world):
    first = register(world)
    other = register(world, category=world.category, origin_unit=world.tree.east_village)
    page = post(client, world.officer, other, "repeat_link", earlier="XF-nope")
    assert page.status_code == 400
    post(client, world.officer, other, "repeat_link", earlier=first.registration_no,
         note="同一欠薪事项")
    assert Petition.objects.get(pk=other.pk).repeat_of_id == first.pk
    post(client, world.officer, other, "repeat_unlink", reason="两处工地，不是同一事项")
    assert Petition.objects.get(pk=other.pk).repeat_of_id is None
