"""The public catalogue pages: anyone may read them, nothing personal shows, nothing is written."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.hall.catalogue import publish_matter
from taizhang.hall.constants import Category, MaterialForm, Mode
from taizhang.hall.models import Centre
from taizhang.org.constants import UnitKind
from taizhang.org.tests.factories import UnitFactory


def particulars(department, **changes):
    return {
        "name": "出生登记", "department": department, "category": Category.CONFIRMATION,
        "legal_basis": "《中华人民共和国户口登记条例》第七条",
        "materials": [
            {"name": "出生医学证明", "form": MaterialForm.ORIGINAL, "copies": 1, "note": ""},
            {"name": "父母居民户口簿", "form": MaterialForm.ORIGINAL_AND_COPY, "copies": 2,
             "note": "复印首页及本人页"},
        ],
        "steps": ["窗口受理", "审核材料", "登记入户", "办结"], "time_limit": 0,
        "fee": "不收费", "modes": [Mode.INSTANT, Mode.PROXY], "online": True, "max_trips": 0,
        **changes,
    }


@pytest.fixture
def hall(tree):
    police = UnitFactory(name="公安分局", kind=UnitKind.DEPARTMENT, parent=tree.district)
    civil = UnitFactory(name="民政局", kind=UnitKind.DEPARTMENT, parent=tree.district)
    east = Centre.objects.create(unit=tree.east, name="东城街道便民服务中心",
                                 address="东城街道政府一楼", phone="0371-1234567",
                                 opening_hours="周一至周五 8:30—17:30", sort_order=2)
    west = Centre.objects.create(unit=tree.west, name="西河乡便民服务中心",
                                 address="西河乡政府院内", opening_hours="周一至周六 9:00—17:00",
                                 sort_order=1)
    birth = publish_matter("HY-GA-001", centres=[east, west], **particulars(police))
    move = publish_matter("HY-GA-002", centres=[east], **particulars(
        police, name="户口迁入", time_limit=5, modes=[Mode.PROXY, Mode.ACCOMPANY],
        online=False, max_trips=1))
    aid = publish_matter("HY-MZ-001", centres=[west], **particulars(
        civil, name="最低生活保障申请", time_limit=20, modes=[Mode.DOORSTEP], max_trips=2,
        steps=["窗口受理", "入户调查", "审核审批"]))
    retired = publish_matter("HY-MZ-009", centres=[west], **particulars(civil, name="临时救助"))
    retired.matter.is_active = False
    retired.matter.save()
    return type("Hall", (), {"police": police, "civil": civil, "east": east, "west": west,
                             "birth": birth.matter, "move": move.matter, "aid": aid.matter})


def names(response):
    return [m.current.name for m in response.context["matters"]]


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_catalogue_lists_every_active_matter_without_login(client, hall):
    response = client.get(reverse("public:catalogue"))
    assert response.status_code == 200
    assert names(response) == ["出生登记", "户口迁入", "最低生活保障申请"]
    page = text(response)
    assert "即办" in page and "5 个工作日" in page and "20 个工作日" in page
    assert "零跑动" in page and "最多跑一次" in page and "最多跑 2 次" in page
    assert "可网上申请" in page and "上门办理" in page and "陪办" in page
    assert "临时救助" not in page


@pytest.mark.parametrize(("query", "found"), [
    ("户口", ["户口迁入"]), ("csdj", ["出生登记"]), ("HKQR", ["户口迁入"]),
    ("hy-mz-001", ["最低生活保障申请"]), ("lsjz", []),
])
def test_search_by_name_initials_or_code(client, hall, query, found):
    assert names(client.get(reverse("public:catalogue"), {"q": query})) == found


def test_filters_by_centre_and_department(client, hall):
    url = reverse("public:catalogue")
    assert names(client.get(url, {"centre": hall.east.pk})) == ["出生登记", "户口迁入"]
    assert names(client.get(url, {"department": hall.civil.pk})) == ["最低生活保障申请"]
    assert names(client.get(url, {"centre": hall.west.pk, "department": hall.police.pk,
                                  "q": "cs"})) == ["出生登记"]
    # A stale link filters nothing rather than failing.
    assert len(names(client.get(url, {"centre": 9999}))) == 3


def test_the_department_filter_offers_only_departments_with_matters(client, hall):
    form = client.get(reverse("public:catalogue")).context["form"]
    assert set(form.fields["department"].queryset) == {hall.police, hall.civil}


def test_an_empty_result_says_what_to_try(client, hall):
    page = text(client.get(reverse("public:catalogue"), {"q": "结婚登记"}))
    assert "没有找到与“结婚登记”相符的事项" in page
    assert "拼音首字母" in page and "显示全部事项" in page


def test_the_matter_page_shows_the_current_version(client, hall):
    response = client.get(reverse("public:matter", args=["HY-GA-001"]))
    assert response.status_code == 200
    page = text(response)
    for fact in ("公安分局", "行政确认", "《中华人民共和国户口登记条例》第七条", "不收费",
                 "即办", "代办", "可网上申请", "零跑动"):
        assert fact in page
    rows = re.findall(r"<tr> <td class=\"num\">\d+</td> <td>(.*?)</td> <td class=\"nowrap\">"
                      r"(.*?)</td> <td class=\"num\">(\d+)</td> <td>(.*?)</td>", page)
    assert rows == [("出生医学证明", "原件", "1", "—"),
                    ("父母居民户口簿", "原件及复印件", "2", "复印首页及本人页")]


def test_a_revised_matter_shows_its_new_version(client, hall):
    publish_matter("HY-GA-001", **particulars(hall.police, fee="工本费 20 元"))
    assert "工本费 20 元" in text(client.get(reverse("public:matter", args=["HY-GA-001"])))


def test_the_flow_chart_draws_the_steps_in_order(client, hall):
    page = text(client.get(reverse("public:matter", args=["HY-MZ-001"])))
    chart = re.search(r'<ol class="flow" aria-label="办理流程图，共 3 步">(.*?)</ol>', page)
    steps = re.findall(r'第 (\d) 步：</span><span class="flow__name">(.*?)</span>', chart[1])
    assert steps == [("1", "窗口受理"), ("2", "入户调查"), ("3", "审核审批")]


def test_the_matter_page_lists_the_centres_offering_it(client, hall):
    page = text(client.get(reverse("public:matter", args=["HY-GA-001"])))
    assert page.index("西河乡便民服务中心") < page.index("东城街道便民服务中心")
    for fact in ("东城街道政府一楼", "0371-1234567", "周一至周五 8:30—17:30", "西河乡政府院内",
                 "周一至周六 9:00—17:00"):
        assert fact in page
    assert "西河乡便民服务中心" not in text(
        client.get(reverse("public:matter", args=["HY-GA-002"])))


@pytest.mark.parametrize("code", ["HY-XX-404", "HY-MZ-009"])
def test_unknown_or_inactive_matters_are_not_found(client, hall, code):
    response = client.get(reverse("public:matter", args=[code]))
    assert response.status_code == 404
    assert "临时救助" not in text(response) and "到事项清单查找" in text(response)


def test_the_commitments_page_groups_matters_by_department(client, hall):
    response = client.get(reverse("public:commitments"))
    assert response.status_code == 200
    assert [(d.name, [m.code for m in ms]) for d, ms in response.context["departments"]] == [
        ("公安分局", ["HY-GA-001", "HY-GA-002"]), ("民政局", ["HY-MZ-001"])]
    page = text(response)
    assert page.index("公安分局（2 项）") < page.index("户口迁入") < page.index("民政局（1 项）")
    assert page.index("民政局（1 项）") < page.index("最低生活保障申请") < page.index("20 个工作日")
    assert "最多跑 2 次" in page and "临时救助" not in page
    assert "周一至周五 8:30—17:30" in page and "周一至周六 9:00—17:00" in page


@pytest.mark.parametrize(("name", "args"), [
    ("public:catalogue", []), ("public:matter", ["HY-GA-001"]), ("public:commitments", []),
])
def test_pages_need_no_login_write_nothing_and_take_only_reads(client, hall, name, args):
    url = reverse(name, args=args)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies  # no session, no CSRF cookie: nothing kept about the reader
    writes = [q["sql"] for q in queries
              if re.match(r"\s*(INSERT|UPDATE|DELETE)\b", q["sql"], re.IGNORECASE)
              or "FOR UPDATE" in q["sql"].upper()]
    assert writes == []
    # Applications (names, ID numbers, phones) are never even read.
    assert not [q for q in queries if "hall_application" in q["sql"]]
    # The staff layout (workbench link, internal-use notice) is not shown to citizens.
    page = response.content.decode()
    assert f'href="{reverse("workbench")}"' not in page and "内部工作" not in page
    # Every page leads a citizen to where they follow an application they made.
    assert f'<a class="mainnav__link" href="{reverse("public:lookup")}">办件查询</a>' in page
    assert client.post(url).status_code == 405


def test_the_catalogue_reads_a_fixed_number_of_queries(client, hall, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(reverse("public:catalogue"))
    with django_assert_max_num_queries(3):
        client.get(reverse("public:commitments"))
