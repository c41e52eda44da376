"""The reception-desk registration page: who may use it, what a valid form saves, every refusal
next to its field, and the duplicate warning before saving — which never betrays a petition
the clerk may not see."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from taizhang.petitions.constants import Channel
from taizhang.petitions.models import Attachment, Petition, Petitioner
from taizhang.petitions.tests.factories import (
    ID_LI,
    ID_WANG,
    ID_ZHANG,
    TODAY,
    category,
    petitioner,
    register,
)

pytestmark = pytest.mark.django_db

URL = "/petitions/new/"
CHECK_URL = "/petitions/new/check/"


def form_data(world, *people, **changes):
    people = people or (petitioner(),)
    data = {
        "channel": Channel.VISIT, "received_on": TODAY.isoformat(),
        "category": world.category.pk, "origin_unit": world.tree.west_village.pk,
        "content": "反映某工地拖欠工资", "head_count": "",
        "accused_unit": "", "accused_person": "", "accused_name": "",
        "p-TOTAL_FORMS": "5", "p-INITIAL_FORMS": "0",
        "p-MIN_NUM_FORMS": "0", "p-MAX_NUM_FORMS": "5",
    }
    for index in range(5):
        person = people[index] if index < len(people) else {}
        for field in ("name", "id_number", "phone", "address"):
            data[f"p-{index}-{field}"] = person.get(field, "")
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_urls_are_where_the_app_says():
    assert reverse("petitions:register") == URL
    assert reverse("petitions:register-check") == CHECK_URL


def test_the_office_gets_the_form_and_others_a_clear_refusal(client, world):
    client.force_login(world.officer)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'autofocus' in html and 'accesskey="s"' in html and "Alt+S" in html
    assert "petitions/register.js" in html and "<script>" not in html
    form = page.context["form"]
    assert form.initial["received_on"] == TODAY
    # Only where the office reaches: the 信访局 the whole district, 西河乡's officer 西河乡.
    assert world.tree.east_village in form.fields["origin_unit"].queryset
    client.force_login(world.west_officer)
    units = client.get(URL).context["form"].fields["origin_unit"].queryset
    assert world.tree.west_village in units and world.tree.east_village not in units
    assert world.tree.west_grid not in units
    for user in (world.supervisor, world.renshe_clerk, world.west_head):
        client.force_login(user)
        for response in (client.get(URL), client.post(URL, form_data(world)),
                         client.post(CHECK_URL, form_data(world))):
            assert response.status_code == 403
            assert "只有信访工作机构" in response.content.decode()
    assert not Petition.objects.exists()


def test_a_valid_form_registers_and_goes_to_the_petition(client, world):
    client.force_login(world.officer)
    letter = SimpleUploadedFile("来信.pdf", b"%PDF-1.4 letter", content_type="application/pdf")
    photo = SimpleUploadedFile("现场.jpg", b"\xff\xd8\xff photo", content_type="image/jpeg")
    data = form_data(world, petitioner(),
                     petitioner(name="王 五", id_number=ID_WANG.lower(), phone="0371-6612345",
                                address="西河村五组"),
                     head_count="6", bypassed="on")
    response = client.post(URL, {**data, "files": [letter, photo]})
    petition = Petition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("petitions:detail", args=[petition.pk])
    assert petition.registration_no == "XF2026-000001"
    assert (petition.head_count, petition.bypassed, petition.is_group_visit) == (6, True, True)
    assert petition.registered_by == world.officer
    people = list(petition.petitioners.all())
    assert [(p.name, p.id_number, p.phone) for p in people] == [
        ("张三", ID_ZHANG, "13800001111"), ("王五", ID_WANG, "03716612345")]
    # Encrypted at rest: the column holds no plain ID number.
    with connection.cursor() as raw:
        raw.execute("SELECT id_number, name FROM petitions_petitioner WHERE id = %s",
                    [people[0].pk])
        cipher, name = raw.fetchone()
    assert ID_ZHANG not in cipher and "张三" not in name
    assert sorted(Attachment.objects.values_list("name", flat=True)) == ["来信.pdf", "现场.jpg"]


@pytest.mark.parametrize(("changes", "where", "says"), [
    ({"p-0-id_number": "110101199003074478"}, ("row", 0, "id_number"), "身份证号码无效"),
    ({"p-1-name": "李四", "p-1-phone": "12345"}, ("row", 1, "phone"), "第 2 名信访人"),
    ({"p-1-phone": "13900002222"}, ("row", 1, "name"), "请填写姓名"),
    ({"p-0-name": "", "p-0-id_number": "", "p-0-phone": "", "p-0-address": ""},
     ("petitioners",), "请至少登记一名信访人"),
    ({"received_on": "2026-09-02"}, ("form", "received_on"), "不能晚于今天"),
    ({"content": "   "}, ("form", "content"), "请填写信访内容"),
    ({"head_count": "1", "p-1-name": "李四"}, ("form", "head_count"), "信访人数应在"),
    ({"is_accusation": "on"}, ("form", "accused_unit"), "须写明被检举单位"),
    ({"accused_name": "某某"}, ("form", "is_accusation"), "只有检举揭发件"),
])
def test_each_refusal_is_shown_next_to_its_field(client, world, changes, where, says):
    client.force_login(world.officer)
    page = client.post(URL, form_data(world, **changes))
    assert page.status_code == 400
    if where[0] == "row":
        errors = page.context["formset"].forms[where[1]].errors[where[2]]
    elif where[0] == "form":
        errors = page.context["form"].errors[where[1]]
    else:
        errors = [page.context["petitioners_error"]]
    assert says in " ".join(errors)
    assert says in page.content.decode()
    assert not Petition.objects.exists() and not Petitioner.objects.exists()


def test_a_refused_file_and_a_retired_category_are_refused(client, world):
    client.force_login(world.officer)
    script = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    page = client.post(URL, {**form_data(world), "files": [script]})
    assert page.status_code == 400
    assert "文件类型不支持" in " ".join(page.context["form"].errors["files"])
    retired = category("old", "旧类别")
    retired.is_active = False
    retired.save()
    page = client.post(URL, form_data(world, category=retired.pk))
    assert page.status_code == 400 and page.context["form"].errors["category"]
    assert not Petition.objects.exists()


def test_an_accusation_against_the_office_itself_is_refused_at_the_field(client, world):
    client.force_login(world.west_officer)
    page = client.post(URL, form_data(world, is_accusation="on", accused_unit=world.tree.west.pk))
    assert page.status_code == 400
    assert "转送上级机关" in " ".join(page.context["form"].errors["accused_unit"])
    assert not Petition.objects.exists()


def test_the_duplicate_warning_comes_before_saving(client, world):
    earlier = register(world)  # 张三, same category and village: this would be a repeat
    client.force_login(world.officer)
    data = form_data(world, petitioner(id_number=""))  # matched by name and phone alone
    page = client.post(URL, data)
    assert page.status_code == 200
    duplicates = page.context["duplicates"]
    assert [row["petition"] for row in duplicates["rows"]] == [earlier]
    assert duplicates["repeat_of"] == earlier and duplicates["checked"] == str(earlier.pk)
    html = page.content.decode()
    assert earlier.registration_no in html and "已核对，仍登记" in html
    assert "姓名和电话" in html and "将被认定为" in html
    assert Petition.objects.count() == 1  # nothing saved yet

    # Ticking the box without what was checked (a forged or stale form) asks again.
    again = client.post(URL, {**data, "confirmed": "on"})
    assert again.status_code == 200 and again.context["duplicates"]
    assert Petition.objects.count() == 1

    # Ticked, but the content forgotten: refused at its field, the tick kept, nothing saved.
    ticked = {**data, "confirmed": "on", "checked": duplicates["checked"]}
    page = client.post(URL, {**ticked, "content": ""})
    assert page.status_code == 400 and page.context["form"].errors["content"]
    assert page.context["duplicates"]["acknowledged"]
    assert 'name="confirmed" id="id_confirmed" value="on" checked' in page.content.decode()
    assert Petition.objects.count() == 1

    response = client.post(URL, ticked)
    new = Petition.objects.exclude(pk=earlier.pk).get()
    assert response["Location"] == reverse("petitions:detail", args=[new.pk])
    assert new.repeat_of == earlier


def test_a_new_match_after_ticking_asks_again(client, world):
    first = register(world)
    other = register(world, petitioners=[petitioner(name="李四", id_number=ID_LI,
                                                    phone="13900002222")])
    client.force_login(world.officer)
    data = form_data(world, **{"confirmed": "on", "checked": str(first.pk),
                               "p-1-name": "李四", "p-1-id_number": ID_LI})
    page = client.post(URL, data)
    assert page.status_code == 200
    assert {row["petition"] for row in page.context["duplicates"]["rows"]} == {first, other}
    assert Petition.objects.count() == 2


def test_another_matter_is_warned_of_but_not_linked(client, world):
    earlier = register(world)
    client.force_login(world.officer)
    data = form_data(world, category=category("jiaoyu", "教育").pk)
    letter = SimpleUploadedFile("来信.pdf", b"%PDF-1.4 letter", content_type="application/pdf")
    page = client.post(URL, {**data, "files": [letter]})
    assert "刚才选择的附件尚未保存" in page.content.decode()  # browsers never refill a file field
    duplicates = page.context["duplicates"]
    assert duplicates["repeat_of"] is None and duplicates["matter_known"]
    assert "不会被认定为其重复信访" in page.content.decode()
    client.post(URL, {**data, "confirmed": "on", "checked": str(earlier.pk)})
    assert Petition.objects.exclude(pk=earlier.pk).get().repeat_of is None


def test_the_check_returns_the_warning_as_a_fragment(client, world):
    earlier = register(world)
    client.force_login(world.officer)
    # While the form is half filled: only the ID number typed so far.
    fragment = client.post(CHECK_URL, form_data(world, {"id_number": ID_ZHANG}, category="",
                                                origin_unit="", content=""))
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert "<html" not in html and earlier.registration_no in html
    assert "选择事项类别和问题属地后" in html and 'name="checked"' in html
    # Nobody matches: nothing at all.
    empty = client.post(CHECK_URL, form_data(world, {"id_number": ID_LI}))
    assert empty.status_code == 200 and not empty.content.decode().strip()
    # A GET is refused, and a POST without the CSRF token too.
    assert client.get(CHECK_URL).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.officer)
    assert strict.post(CHECK_URL, form_data(world)).status_code == 403


def test_the_check_betrays_nothing_the_clerk_may_not_see(client, world):
    # An accusation against 西河乡 itself, registered by the district's 信访局: 西河乡's own
    # officer is blind to it, and to a petition of 东城街道 beyond the township's reach.
    accusation = register(world, is_accusation=True, accused_unit=world.tree.west,
                          content="检举乡政府截留补助")
    elsewhere = register(world, origin_unit=world.tree.east_village)
    client.force_login(world.west_officer)
    for data in (form_data(world), form_data(world, is_accusation="on",
                                             accused_name="某某")):
        fragment = client.post(CHECK_URL, data).content.decode()
        assert not fragment.strip()
        for hidden in (accusation, elsewhere):
            assert hidden.registration_no not in fragment
    page = client.post(URL, form_data(world))
    assert page.status_code == 302  # no warning: saved at once
    new = Petition.objects.get(registration_no="XF2026-000003")
    assert new.repeat_of is None  # the only visible-matter earlier one is in 东城街道
    # The district office sees both and is warned of both.
    client.force_login(world.officer)
    fragment = client.post(CHECK_URL, form_data(world)).content.decode()
    for shown in (accusation, elsewhere, new):
        assert shown.registration_no in fragment
