from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from ...apitypes import ObjectId, QueryText, with_errors
from ..constants import UnitKind
from ..visibility import visible_units
from .schemas import UnitOut

router = Router(tags=["单位"])


class UnitFilter(Schema):
    kind: UnitKind | None = None
    parent: ObjectId | None = None
    q: QueryText | None = None


def _filtered(qs, filters):
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.parent is not None:
        qs = qs.filter(parent_id=filters.parent)
    if filters.q:
        qs = qs.filter(Q(name__icontains=filters.q) | Q(division_code__startswith=filters.q))
    return qs


@router.get("", response=with_errors(list[UnitOut]), summary="单位列表")
@paginate
def list_units(request, filters: Query[UnitFilter]):
    return _filtered(visible_units(request.user), filters)


@router.get("/{unit_id}", response=with_errors(UnitOut, 404), summary="单位详情")
def get_unit(request, unit_id: ObjectId):
    return get_object_or_404(visible_units(request.user), pk=unit_id)


@router.get("/{unit_id}/subtree", response=with_errors(list[UnitOut], 404),
             summary="下级单位（含本级）")
@paginate
def unit_subtree(request, unit_id: ObjectId, filters: Query[UnitFilter]):
    unit = get_object_or_404(visible_units(request.user), pk=unit_id)
    return _filtered(visible_units(request.user).filter(pk__in=unit.descendants().values("pk")),
                     filters)
