"""The item filters shared by the item list page, the Excel export and the API."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from ..org.models import UnitClosure
from .constants import OPEN_STATUSES, ItemStatus, Light
from .lights import annotate_light


@dataclass(frozen=True)
class ItemFilter:
    ledger: int | None = None
    kind: str | None = None  # LedgerKind.code
    status: str | None = None
    light: str | None = None
    unit: int | None = None  # lead unit, with the units under it
    lead_unit: int | None = None  # exactly this lead unit (the workbench's overdue-by-unit rows)
    leader: int | None = None  # Person id
    overdue: bool = False
    q: str = ""

    @classmethod
    def from_params(cls, params):
        """Read a filter from GET parameters, ignoring values that are not well-formed."""
        def number(name):
            value = params.get(name, "")
            return int(value) if value.isdigit() and len(value) < 19 else None

        def choice(name, choices):
            value = params.get(name, "")
            return value if value in choices else None

        return cls(
            ledger=number("ledger"),
            kind=(params.get("kind") or "")[:30] or None,
            status=choice("status", ItemStatus.values),
            light=choice("light", Light.values),
            unit=number("unit"),
            lead_unit=number("lead_unit"),
            leader=number("leader"),
            overdue=params.get("overdue") in ("1", "true", "on"),
            q=(params.get("q") or "").strip()[:100].replace("\x00", ""),
        )

    def apply(self, items, today: date):
        """Filter ``items`` (already restricted to what the user may see)."""
        if self.ledger:
            items = items.filter(ledger_id=self.ledger)
        if self.kind:
            items = items.filter(ledger__kind__code=self.kind)
        if self.status:
            items = items.filter(status=self.status)
        if self.unit:
            items = items.filter(lead_unit__in=UnitClosure.objects.filter(
                ancestor_id=self.unit).values("descendant_id"))
        if self.lead_unit:
            items = items.filter(lead_unit_id=self.lead_unit)
        if self.leader:
            items = items.filter(leader_id=self.leader)
        if self.overdue:
            items = items.filter(status__in=OPEN_STATUSES, deadline__lt=today)
        if self.q:
            items = items.filter(Q(title__icontains=self.q) | Q(code__icontains=self.q)
                                 | Q(goal__icontains=self.q) | Q(measures__icontains=self.q))
        if self.light:
            items = annotate_light(items, today).filter(light=self.light)
        return items

    def as_params(self) -> dict[str, str]:
        """The filter as GET parameters (for export links and pagination)."""
        params = {
            "ledger": self.ledger, "kind": self.kind, "status": self.status,
            "light": self.light, "unit": self.unit, "lead_unit": self.lead_unit,
            "leader": self.leader,
            "overdue": "1" if self.overdue else None, "q": self.q,
        }
        return {k: str(v) for k, v in params.items() if v}
