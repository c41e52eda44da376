from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from ...apitypes import ObjectId, QueryText, with_errors
from ..constants import Role
from ..disclosure import reveal
from ..models import Person
from ..visibility import restrict
from .schemas import PersonOut, PhoneOut

router = Router(tags=["人员"])


class PersonFilter(Schema):
    unit: ObjectId | None = None
    role: Role | None = None
    q: QueryText | None = None
    phone: QueryText | None = None


def visible_people(user):
    return restrict(Person.objects.filter(is_active=True), user).select_related(
        "unit").prefetch_related("role_grants")


@router.get("", response=with_errors(list[PersonOut]), summary="人员列表")
@paginate
def list_people(request, filters: Query[PersonFilter]):
    qs = visible_people(request.user)
    if filters.unit is not None:
        qs = qs.filter(unit_id=filters.unit)
    if filters.role:
        qs = qs.filter(role_grants__role=filters.role).distinct()
    if filters.q:
        qs = qs.filter(name__icontains=filters.q)
    if filters.phone:
        qs = qs.filter(pk__in=Person.objects.with_phone(filters.phone).values("pk"))
    return qs


@router.get("/{person_id}", response=with_errors(PersonOut, 404), summary="人员详情")
def get_person(request, person_id: ObjectId):
    return get_object_or_404(visible_people(request.user), pk=person_id)


@router.get("/{person_id}/phone", response=with_errors(PhoneOut, 403, 404),
            summary="查看完整手机号码（留痕）")
def get_person_phone(request, person_id: ObjectId):
    person = get_object_or_404(visible_people(request.user), pk=person_id)
    phone = reveal(request.user, person, "phone", owner_person=person, request=request)
    return {"id": person.pk, "phone": phone}
