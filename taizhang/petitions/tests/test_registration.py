"""登记: what is accepted, what is refused and why, and what the first clocks say."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from taizhang.org.events import timeline
from taizhang.petitions.constants import Channel, Status
from taizhang.petitions.errors import Invalid, NotAllowed
from taizhang.petitions.models import Petitioner
from taizhang.petitions.registration import change_category
from taizhang.petitions.tests.factories import (
    ID_WANG,
    ID_ZHANG,
    TODAY,
    category,
    petitioner,
    register,
)

pytestmark = pytest.mark.django_db


def test_registration_numbers_by_year_and_starts_both_15_day_clocks(world):
    first = register(world)
    second = register(world, petitioners=[petitioner("李四", ID_WANG, "13900002222")])
    older = register(world, received_on=date(2025, 12, 30))
    assert (first.registration_no, second.registration_no) == ("XF2026-000001", "XF2026-000002")
    assert older.registration_no == "XF2025-000001"
    assert first.status == Status.REGISTERED and first.registered_by == world.officer
    # Calendar days from receipt (the start day does not count): 1 Sep + 15 = 16 Sep.
    assert first.accept_due == first.assign_due == first.due_on == date(2026, 9, 16)
    assert first.due_known
    event = timeline(first).get()
    assert (event.action, event.to_status, event.actor) == ("register", Status.REGISTERED,
                                                             world.officer)


def test_personal_data_is_encrypted_at_rest_and_found_by_keyed_hash(world):
    petition = register(world, petitioners=[petitioner(" 张 三", ID_ZHANG.lower(),
                                                       "138-0000-1111", "西河村三组")])
    row = Petitioner.objects.get(petition=petition)
    assert (row.name, row.id_number, row.phone) == ("张三", ID_ZHANG, "13800001111")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, id_number, phone, address, id_digest "
                       "FROM petitions_petitioner WHERE id = %s", [row.pk])
        stored = cursor.fetchone()
    assert not any(plain in value for value in stored[:4]
                   for plain in ("张三", ID_ZHANG, "13800001111", "西河村"))
    assert stored[4] and ID_ZHANG not in stored[4]


def test_a_group_visit_is_five_or_more_visitors(world):
    four = register(world, head_count=4)
    five = register(world, head_count=5, petitioners=[
        petitioner(f"代表{n}", "", f"1380000{n:04d}", "") for n in range(5)])
    letter = register(world, channel=Channel.LETTER, head_count=12)
    assert not four.is_group_visit and five.is_group_visit
    assert five.petitioners.count() == 5
    assert not letter.is_group_visit  # a letter signed by many is a 联名信


def test_bypassing_and_attachments_are_kept(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    letter = SimpleUploadedFile("来信.pdf", b"%PDF-1.4 letter", content_type="application/pdf")
    petition = register(world, bypassed=True, files=[letter])
    assert petition.bypassed
    attachment = petition.attachments.get()
    assert (attachment.name, attachment.purpose, attachment.size) == ("来信.pdf",
                                                                       "registration", 15)
    assert "来信" not in attachment.file.name  # stored under a random name


@pytest.mark.parametrize(("change", "field"), [
    ({"channel": "fax"}, "channel"),
    ({"content": "  "}, "content"),
    ({"received_on": TODAY + timedelta(days=1)}, "received_on"),
    ({"petitioners": []}, "petitioners"),
    ({"petitioners": [petitioner(name=" ")]}, "name"),
    ({"petitioners": [petitioner(id_number="110101199003074478")]}, "id_number"),
    ({"petitioners": [petitioner(phone="12345")]}, "phone"),
    ({"head_count": 0}, "head_count"),
    ({"petitioners": [petitioner(), petitioner("李四", ID_WANG)], "head_count": 1},
     "head_count"),
    ({"accused_unit": "west"}, "is_accusation"),
    ({"is_accusation": True}, "accused_unit"),
    ({"files": [SimpleUploadedFile("a.exe", b"MZ")]}, "files"),
])
def test_refusals_name_the_field_and_write_nothing(world, change, field):
    if change.get("accused_unit") == "west":
        change["accused_unit"] = world.tree.west
    with pytest.raises(Invalid) as refused:
        register(world, **change)
    assert refused.value.field == field and refused.value.message
    assert not world.category.petitions.exists() and not Petitioner.objects.exists()


def test_a_landline_is_a_phone_number(world):
    petition = register(world, petitioners=[petitioner(phone="0371-6555 1234")])
    assert petition.petitioners.get().phone == "037165551234"


def test_an_inactive_category_is_refused(world):
    retired = category("old", "旧类别")
    retired.is_active = False
    retired.save()
    with pytest.raises(Invalid, match="已停用"):
        register(world, category=retired)


def test_only_the_office_responsible_for_the_place_registers(world):
    with pytest.raises(NotAllowed):
        register(world, actor=world.renshe_clerk)
    with pytest.raises(NotAllowed):  # 西河乡's office does not reach 东城街道
        register(world, actor=world.west_officer, origin_unit=world.tree.east_village)
    assert register(world, actor=world.west_officer).origin_unit == world.tree.west_village


def test_an_anonymous_accusation_is_accepted(world):
    petition = register(world, petitioners=[], is_accusation=True,
                        accused_unit=world.tree.west_village)
    assert petition.head_count == 1 and not petition.petitioners.exists()


def test_an_office_cannot_register_an_accusation_against_itself(world):
    with pytest.raises(Invalid, match="转送上级机关") as refused:
        register(world, actor=world.west_officer, is_accusation=True,
                 accused_unit=world.tree.west)
    assert refused.value.field == "accused_unit"
    assert not world.category.petitions.exists()


def test_the_office_changes_the_category_with_a_reason(world):
    petition = register(world)
    building = category("chengxiang", "城乡建设")
    with pytest.raises(Invalid):
        change_category(petition, actor=world.officer, category=building, reason=" ")
    with pytest.raises(NotAllowed):
        change_category(petition, actor=world.renshe_clerk, category=building, reason="错类")
    changed = change_category(petition, actor=world.officer, category=building,
                              reason="实为工程款纠纷")
    assert changed.category == building
    event = timeline(petition).get(action="change_category")
    assert event.note == "实为工程款纠纷" and event.data["from_name"] == "劳动社保"

