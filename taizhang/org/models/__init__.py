from .audit import AuditEntry, AuditHead
from .calendar import CalendarDay, CalendarYear
from .events import Event
from .operations import IdempotencyKey, ScheduledRun, ThrottleWindow
from .people import Person, RoleGrant, User
from .tokens import ApiToken
from .units import Unit, UnitClosure

__all__ = [
    "ApiToken", "AuditEntry", "AuditHead", "CalendarDay", "CalendarYear", "Event",
    "IdempotencyKey", "Person", "RoleGrant", "ScheduledRun", "ThrottleWindow", "Unit",
    "UnitClosure", "User",
]
