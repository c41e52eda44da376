import pytest
from django.db import transaction

from taizhang.hall.catalogue import search
from taizhang.hall.constants import Mode
from taizhang.hall.demo import catalogue, centres
from taizhang.hall.demo.load import load_hall_demo
from taizhang.hall.models import Centre, Matter, MatterVersion, Window
from taizhang.org.demo.load import load_demo
from taizhang.org.models import Event, Person
from taizhang.org.tests.test_demo import table_snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    """The district and its hall demo without applications (test_demo_applications.py has
    those), loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield load_hall_demo(applications=0)
        transaction.set_rollback(True)


def test_loads_the_catalogue_across_the_departments(counts):
    assert counts["matters"] == Matter.objects.count() == len(catalogue.MATTERS) >= 40
    assert counts["matter_revisions"] == 0
    assert MatterVersion.objects.count() == Matter.objects.count()
    departments = set(MatterVersion.objects.values_list("department__name", flat=True))
    assert len(departments) >= 6
    assert {"公安分局", "卫生和计划生育局", "国土资源局", "林业站", "社会事务局",
            "人力资源和社会保障局", "住房和城乡建设局"} <= departments
    assert Event.objects.filter(action="publish").count() == Matter.objects.count()


def test_every_matter_is_offered_somewhere_and_reads_consistently(counts):
    for matter in Matter.objects.select_related("current").prefetch_related("centres"):
        version = matter.current
        assert matter.centres.exists(), matter.code
        assert (version.time_limit == 0) == (Mode.INSTANT in version.modes), matter.code
        assert version.online or version.max_trips > 0, matter.code
        assert version.materials and version.steps and version.legal_basis, matter.code
        assert all(m["copies"] >= 1 for m in version.materials), matter.code
    hall = Centre.objects.get(name=centres.HALL)
    assert hall.matters.count() > Matter.objects.count() // 2


def test_seven_centres_with_windows_and_staff(counts):
    assert counts["centres"] == Centre.objects.count() == 7
    assert counts["windows"] == Window.objects.count()
    for centre in Centre.objects.select_related("unit").prefetch_related("windows__staff"):
        assert centre.address and centre.phone and centre.opening_hours
        windows = list(centre.windows.all())
        assert 3 <= len(windows) <= 6, centre.name
        for window in windows:
            assert window.staff.exists(), f"{centre.name} {window}"
    townships = Centre.objects.exclude(name=centres.HALL)
    assert sorted(c.unit.name for c in townships) == sorted(
        ["河滨街道", "新城街道", "柳林街道", "双桥镇", "古泉镇", "北岭乡"])
    for centre in townships:
        own = Person.objects.filter(service_windows__centre=centre, unit=centre.unit)
        assert own.exists(), centre.name


def test_the_clerk_login_is_on_a_hebin_window(counts):
    clerk = Person.objects.get(user__username="clerk")
    windows = Window.objects.filter(staff=clerk)
    assert windows.exists()
    assert {w.centre.name for w in windows} == {centres.HEBIN}
    assert clerk.unit.name == "河滨街道"


def test_pinyin_initials_find_the_id_card_matters(counts):
    names = [m.current.name for m in search("jmsfz")]
    assert names
    assert all(name.startswith("居民身份证") for name in names)
    assert "居民身份证首次申领" in names
    assert [m.code for m in search("csdj")] == ["HY-GA-001"]


def test_loading_twice_creates_nothing(counts):
    before = table_snapshot()

    assert load_hall_demo(applications=0) == {
        "centres": 0, "windows": 0, "matters": 0, "matter_revisions": 0, "applications": 0,
        "window_logins": 0}

    assert table_snapshot() == before


def test_a_changed_demo_matter_gets_a_new_version(counts, monkeypatch):
    spec = {**catalogue.MATTERS[0], "time_limit": 0, "fee": "不收费（示例修订）"}
    monkeypatch.setattr(catalogue, "MATTERS", [spec, *catalogue.MATTERS[1:]])

    assert load_hall_demo(applications=0)["matter_revisions"] == 1

    matter = Matter.objects.get(code=spec["code"])
    assert (matter.current.number, matter.current.fee) == (2, "不收费（示例修订）")


def test_every_centre_has_a_head_to_answer_for_bad_ratings(counts):
    heads = dict(Centre.objects.values_list("name", "head__title"))
    assert heads[centres.HALL] == "局长"
    assert all(heads[name] == "便民服务中心主任" for name in centres.TOWNSHIPS)
