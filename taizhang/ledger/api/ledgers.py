from django.db import IntegrityError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from ...apitypes import ObjectId, with_errors
from ...org.models import UnitClosure
from .. import rules
from ..forms import units_for
from ..models import LedgerKind
from ..people import is_supervision
from ..queries import light_counts, overdue, visible_items, visible_ledgers
from .errors import created, invalid, write
from .schemas import KindCode, KindOut, LedgerDetailOut, LedgerIn, LedgerOut

router = Router(tags=["台账"])


class LedgerFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    kind: KindCode | None = Field(None, description="台账类型代码")
    unit: ObjectId | None = Field(None, description="所属单位（含其下级单位）")


@router.get("/kinds", response=with_errors(list[KindOut]), summary="台账类型")
def list_kinds(request):
    return LedgerKind.objects.all()


@router.get("/ledgers", response=with_errors(list[LedgerOut]), summary="台账列表")
@paginate
def list_ledgers(request, filters: Query[LedgerFilter]):
    ledgers = visible_ledgers(request.user).select_related("kind", "unit")
    if filters.year is not None:
        ledgers = ledgers.filter(year=filters.year)
    if filters.kind:
        ledgers = ledgers.filter(kind__code=filters.kind)
    if filters.unit is not None:
        ledgers = ledgers.filter(unit__in=UnitClosure.objects.filter(
            ancestor_id=filters.unit).values("descendant_id"))
    return ledgers


def ledger_detail(ledger, user, today):
    items = visible_items(user).filter(ledger=ledger)
    counts = light_counts(items, today)
    return {
        **LedgerOut.from_orm(ledger).model_dump(mode="json"),
        "item_count": sum(counts.values()),
        "overdue": overdue(items, today).count(),
        "lights": counts,
    }


@router.get("/ledgers/{ledger_id}", response=with_errors(LedgerDetailOut, 404),
            summary="台账详情（含红黄绿灯数）")
def get_ledger(request, ledger_id: ObjectId):
    ledger = get_object_or_404(visible_ledgers(request.user).select_related("kind", "unit"),
                               pk=ledger_id)
    return ledger_detail(ledger, request.user, timezone.localdate())


@router.post("/ledgers", response=created(LedgerDetailOut, 403),
             summary="新建台账（督查室）")
@write
def create_ledger(request, payload: LedgerIn):
    if not is_supervision(request.user):
        raise rules.NotAllowed("只有督查室可以新建台账。")
    kind = LedgerKind.objects.filter(code=payload.kind).first()
    if kind is None:
        return invalid("kind", f"没有代码为“{payload.kind}”的台账类型。")
    unit = units_for(request.user).filter(pk=payload.unit).first()
    if unit is None:
        return invalid("unit", "所属单位不存在，或您无权选择。")
    name = payload.name.strip()
    try:
        ledger = rules.create_ledger(
            actor=request.user, kind=kind, name=name, unit=unit, year=payload.year,
            code_prefix=payload.code_prefix, description=payload.description.strip(),
        )
    except IntegrityError:
        return invalid("name", f"{unit.name}{payload.year}年已有名为“{name}”的台账。")
    return 201, ledger_detail(ledger, request.user, timezone.localdate())
