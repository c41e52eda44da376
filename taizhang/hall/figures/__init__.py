"""The service hall's figures (办件统计): accepted, completed, refused, withdrawn, in progress,
overdue, completion and on-time rates, working days taken and satisfaction, for any period,
grouped by centre, department, matter, handling mode or channel and by month, quarter or week.

Definitions in ``definitions``; see docs/hall-figures.md.
"""

from .compute import Row, Table, figures, figures_for, records
from .definitions import COUNTS, LABELS, RATES, Figures
from .grouping import GROUPS
from .periods import BUCKETS, NAMED_PERIODS, Period, PeriodError, asked_period, named_period

__all__ = ["BUCKETS", "COUNTS", "GROUPS", "LABELS", "NAMED_PERIODS", "RATES", "Figures", "Period",
           "PeriodError", "Row",
           "Table", "asked_period", "figures", "figures_for", "named_period", "records"]
