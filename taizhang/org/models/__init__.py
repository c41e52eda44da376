from .audit import AuditEntry, AuditHead
from .calendar import CalendarDay, CalendarYear
from .events import Event
from .people import Person, RoleGrant, User
from .tokens import ApiToken
from .units import Unit, UnitClosure

__all__ = [
    "ApiToken", "AuditEntry", "AuditHead", "CalendarDay", "CalendarYear", "Event",
    "Person", "RoleGrant", "Unit", "UnitClosure", "User",
]
