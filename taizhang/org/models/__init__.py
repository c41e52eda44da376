from .audit import AuditEntry, AuditHead
from .calendar import CalendarDay, CalendarYear
from .events import Event
from .operations import IdempotencyKey, ScheduledRun
from .people import Person, RoleGrant, User
from .tokens import ApiToken
from .units import Unit, UnitClosure

__all__ = [
    "ApiToken", "AuditEntry", "AuditHead", "CalendarDay", "CalendarYear", "Event",
    "IdempotencyKey", "Person", "RoleGrant", "ScheduledRun", "Unit", "UnitClosure", "User",
]
