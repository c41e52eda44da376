"""The catalogue keeps every version of a matter; search by name or pinyin initials."""

import pytest

from taizhang.hall import catalogue
from taizhang.hall.catalogue import CatalogueError, publish_matter
from taizhang.hall.constants import Category, MaterialForm, Mode
from taizhang.hall.models import Centre
from taizhang.org.events import timeline


@pytest.fixture
def birth(tree):
    return {
        "name": "出生登记", "department": tree.east, "category": Category.CONFIRMATION,
        "legal_basis": "《中华人民共和国户口登记条例》第七条",
        "materials": [
            {"name": "出生医学证明", "form": MaterialForm.ORIGINAL, "copies": 1, "note": ""},
            {"name": "父母居民户口簿", "form": MaterialForm.ORIGINAL_AND_COPY, "copies": 1,
             "note": "复印首页及本人页"},
        ],
        "steps": ["窗口受理", "审核", "办结"], "time_limit": 0, "fee": "不收费",
        "modes": [Mode.INSTANT, Mode.PROXY], "online": False, "max_trips": 1,
    }


def test_publishing_twice_unchanged_makes_no_new_version(tree, birth):
    first = publish_matter("HY-GA-001", **birth)
    assert (first.number, first.initials, first.matter.current) == (1, "csdj", first)
    assert publish_matter("HY-GA-001", **birth) is None
    assert first.matter.versions.count() == 1


def test_a_change_is_a_new_version_and_the_old_one_stays(tree, birth):
    first = publish_matter("HY-GA-001", **birth)
    second = publish_matter("HY-GA-001", actor=tree.supervisor, change_note="增加网上申请",
                            **{**birth, "online": True, "max_trips": 0})
    matter = second.matter
    matter.refresh_from_db()
    assert matter.current == second and second.number == 2
    first.refresh_from_db()
    assert first.online is False and first.max_trips == 1
    assert [(e.action, e.note) for e in timeline(matter)] == [
        ("publish", "出生登记"), ("revise", "增加网上申请")]


def test_the_centres_offering_a_matter_are_kept(tree, birth):
    centre = Centre.objects.create(unit=tree.east, name="东城街道便民服务中心",
                                   address="东城街道政府一楼", opening_hours="周一至周五")
    version = publish_matter("HY-GA-001", centres=[centre], **birth)
    assert list(version.matter.centres.all()) == [centre]


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"modes": []}, "modes", "请选择办理方式"),
    ({"modes": ["fax"]}, "modes", "请选择办理方式"),
    ({"modes": [Mode.PROXY]}, "modes", "须提供“即办”"),
    ({"time_limit": 5}, "time_limit", "承诺时限应为 0"),
    ({"steps": []}, "steps", "请填写办理流程"),
    ({"materials": [{"name": " ", "form": "original", "copies": 1}]}, "materials", "缺少名称"),
    ({"materials": [{"name": "证明", "form": "scan", "copies": 1}]}, "materials", "原件或复印件"),
    ({"materials": [{"name": "证明", "form": "copy", "copies": 0}]}, "materials", "至少为 1"),
])
def test_a_malformed_matter_is_refused_and_nothing_is_written(tree, birth, change, field,
                                                               message):
    with pytest.raises(CatalogueError, match=message) as refused:
        publish_matter("HY-GA-001", **{**birth, **change})
    assert refused.value.field == field
    assert not catalogue.Matter.objects.exists()


def test_every_versioned_field_is_required(tree, birth):
    del birth["fee"]
    with pytest.raises(CatalogueError, match="缺少：fee"):
        publish_matter("HY-GA-001", **birth)


@pytest.mark.parametrize(("query", "found"), [
    ("出生", True), ("csdj", True), ("CSDJ", True), ("cs", True), ("hy-ga-001", True),
    ("sdj", False), ("结婚", False), ("", True),
])
def test_search_by_name_initials_or_code(tree, birth, query, found):
    publish_matter("HY-GA-001", **birth)
    assert catalogue.search(query).exists() is found


def test_search_leaves_out_withdrawn_matters(tree, birth):
    matter = publish_matter("HY-GA-001", **birth).matter
    matter.is_active = False
    matter.save()
    assert not catalogue.search("出生").exists()


def test_initials_keep_latin_letters_and_digits():
    assert catalogue.initials("80周岁以上高龄津贴申领") == "80zsysgljtsl"
