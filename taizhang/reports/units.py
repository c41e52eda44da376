"""The units a report ranks: the townships (乡镇、街道) and the district departments (区直部门)
directly under the district. A record of a village, a grid or a department's office counts for
the township or department above it."""

from dataclasses import dataclass

from ..org.constants import UnitKind
from ..org.models import Unit, UnitClosure
from .constants import Ranking

RANKING_OF = {UnitKind.TOWNSHIP: Ranking.TOWNSHIPS, UnitKind.SUBDISTRICT: Ranking.TOWNSHIPS,
              UnitKind.DEPARTMENT: Ranking.DEPARTMENTS}


@dataclass(frozen=True)
class RankedUnit:
    id: int
    name: str
    ranking: str
    order: tuple


def ranked_units():
    """The active units directly under a district, in the tree's order."""
    found = (Unit.objects.filter(parent__kind=UnitKind.DISTRICT, is_active=True,
                                 kind__in=list(RANKING_OF))
             .values_list("pk", "name", "kind", "sort_order"))
    return [RankedUnit(pk, name, RANKING_OF[kind], (order, pk))
            for pk, name, kind, order in sorted(found, key=lambda row: (row[3], row[0]))]


def top_units():
    """{unit id: the id of the ranked unit it belongs to}, for every unit under one."""
    ranked = [unit.id for unit in ranked_units()]
    return dict(UnitClosure.objects.filter(ancestor_id__in=ranked)
                .values_list("descendant_id", "ancestor_id"))


def rollup(per_unit, top, add):
    """``per_unit`` ({unit id: figures}) added up per ranked unit with ``add(a, b)``; records
    of units outside every ranked unit (the district's own offices) are left out."""
    summed = {}
    for unit_id, figures in per_unit.items():
        owner = top.get(unit_id)
        if owner is None:
            continue
        summed[owner] = figures if owner not in summed else add(summed[owner], figures)
    return summed


def subtree(unit_id):
    """A subquery of the ids of ``unit_id`` and every unit under it."""
    return UnitClosure.objects.filter(ancestor_id=unit_id).values("descendant_id")
