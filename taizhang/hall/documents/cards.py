"""Cadre contact cards (干部连心卡): one card per cadre of a township or sub-district (and,
when asked, of its villages and communities) with name, unit, post, duties and mobile number,
for the cadres to hand out so that residents know whom to call.

The number is printed in full, which is the point of the card; so making cards to print is a
disclosure of personal data, and every card printed is recorded in the audit trail, one entry
per person, like any other phone shown unmasked. The preview shows numbers masked and records
nothing. Whose cards one may make is the one visibility rule: a township one can see, and only
the people of it one can see.
"""

from dataclasses import dataclass

from django.db import transaction

from ...org import audit
from ...org.constants import AuditAction, UnitKind
from ...org.models import Person
from ...org.visibility import restrict, visible_units
from ..models import Centre

TOWNSHIP_KINDS = (UnitKind.TOWNSHIP, UnitKind.SUBDISTRICT)
PLACE_KINDS = (UnitKind.VILLAGE, UnitKind.COMMUNITY)
PER_PAGE = 8  # two columns of four on A4
PURPOSE = "干部连心卡"


@dataclass(frozen=True)
class Card:
    name: str
    unit: str
    title: str
    duties: str
    phone: str


@dataclass(frozen=True)
class CardSet:
    township: str
    cards: list[Card]
    without_phone: list[str]  # people left out: a card without a number is no use
    hotline: str  # the township's service centre and its phone, printed at the foot

    @property
    def sheets(self):
        """The cards in pages of ``PER_PAGE``."""
        return [self.cards[i:i + PER_PAGE] for i in range(0, len(self.cards), PER_PAGE)]


def townships(user):
    """The townships and sub-districts whose cards ``user`` may make."""
    return (visible_units(user).filter(kind__in=TOWNSHIP_KINDS, is_active=True)
            .order_by("sort_order", "pk"))


def cadres(user, township, *, with_villages=False):
    """The people in service of ``township`` (its own offices included) and, with
    ``with_villages``, of its villages and communities, as ``user`` may see them: the township's
    own, then its offices', then each village's, each unit's in the order of its posts."""
    below = township.descendants().filter(is_active=True).exclude(pk=township.pk)
    kinds = [UnitKind.DEPARTMENT, *(PLACE_KINDS if with_villages else ())]
    units = [township.pk, *below.filter(kind__in=kinds).values_list("pk", flat=True)]
    people = Person.objects.filter(is_active=True, unit_id__in=units).select_related("unit")

    def order(person):
        unit = person.unit
        rank = 0 if unit.pk == township.pk else 1 if unit.kind == UnitKind.DEPARTMENT else 2
        return rank, unit.sort_order, unit.pk, person.sort_order, person.pk

    return sorted(restrict(people, user), key=order)


def card_set(user, township, *, with_villages=False, unmasked=False, request=None, medium=""):
    """The cards of ``township``. With ``unmasked`` the numbers are in full and each one shown
    is audited (``medium``: "html" or "pdf"), all or nothing; otherwise they are masked."""
    people = cadres(user, township, with_villages=with_villages)
    holders = [person for person in people if person.phone]
    if unmasked:
        with transaction.atomic():
            for person in holders:
                audit.record(AuditAction.PII_DISCLOSURE, actor=user, subject=person,
                             request=request,
                             detail={"field": "phone", "purpose": PURPOSE, "format": medium})
    centre = Centre.objects.filter(unit=township).order_by("sort_order", "pk").first()
    return CardSet(
        township=township.name,
        cards=[_card(person, township, unmasked) for person in holders],
        without_phone=[person.name for person in people if not person.phone],
        hotline=f"{centre.name} {centre.phone}" if centre and centre.phone else "",
    )


def _card(person, township, unmasked):
    unit = person.unit.name
    if person.unit_id != township.pk and not unit.startswith(township.name):
        unit = f"{township.name}{unit}"
    return Card(name=person.name, unit=unit, title=person.title, duties=person.duties,
                phone=spaced_phone(person.phone) if unmasked else person.phone_masked)


def spaced_phone(phone):
    """A mobile number as people read it out: 139 1234 5678."""
    digits = phone.replace(" ", "")
    if len(digits) == 11 and digits.isdigit():
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    return phone
