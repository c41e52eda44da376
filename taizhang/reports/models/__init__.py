from .reports import Report
from .schemes import Bonus, Scheme
from .targets import Target

__all__ = ["Bonus", "Report", "Scheme", "Target"]
