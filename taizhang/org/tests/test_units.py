import pytest
from django.core.exceptions import ValidationError

from taizhang.org.constants import UnitKind
from taizhang.org.models import Unit, UnitClosure
from taizhang.org.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def closure_pairs():
    return set(UnitClosure.objects.values_list("ancestor_id", "descendant_id", "depth"))


def names(qs):
    return set(qs.values_list("name", flat=True))


def test_subtree_and_ancestors(tree):
    assert names(tree.west.descendants()) == {"西河乡", "西河村", "西河村第一网格"}
    assert names(tree.west.descendants(include_self=False)) == {"西河村", "西河村第一网格"}
    assert [u.name for u in tree.west_grid.ancestors()] == ["示范区", "西河乡", "西河村"]
    assert tree.west_grid.depth == 3
    assert names(Unit.objects.subtree_of(tree.east_village, tree.west_village)) == {
        "东关社区", "西河村", "东关社区第一网格", "西河村第一网格"}


def test_moving_a_unit_moves_its_subtree(tree):
    tree.west_village.parent = tree.east
    tree.west_village.save()
    assert names(tree.east.descendants()) >= {"西河村", "西河村第一网格"}
    assert names(tree.west.descendants()) == {"西河乡"}
    tree.west_grid.refresh_from_db()
    assert tree.west_grid.depth == 3
    incremental = closure_pairs()
    Unit.objects.rebuild_closure()
    assert closure_pairs() == incremental


def test_rebuild_matches_incremental_maintenance(tree):
    incremental = closure_pairs()
    Unit.objects.rebuild_closure()
    assert closure_pairs() == incremental


def test_tree_rules(tree):
    with pytest.raises(ValidationError, match="上级单位不能是本单位或其下级单位"):
        tree.west.parent = tree.west_grid
        tree.west.full_clean()
    with pytest.raises(ValidationError, match="下不能设"):
        Unit(name="错挂的村", kind=UnitKind.VILLAGE, parent=tree.district).full_clean()
    with pytest.raises(ValidationError, match="只有村、社区和网格登记常住人口"):
        Unit(name="某局", kind=UnitKind.DEPARTMENT, parent=tree.district,
             population=10).full_clean()
    with pytest.raises(ValidationError, match="只有“区”可以没有上级单位"):
        Unit(name="孤立乡", kind=UnitKind.TOWNSHIP).full_clean()


def test_division_codes_are_unique(tree):
    with pytest.raises(ValidationError):
        UnitFactory.build(name="重复", kind=UnitKind.TOWNSHIP, parent=tree.district,
                          division_code=tree.west.division_code).full_clean()
