"""The petition figures (信访统计): 件次, 人次 and 件, acceptance and completion on time,
satisfaction, repeats, group and bypassing visits, for any period and unit, grouped by the
unit where the matter arose, the handling unit, the category or the channel and by month,
quarter or week — the inputs of the weekly notification and the monthly assessment
(周通报、月考核).

Definitions in ``definitions``; periods and time buckets are the service hall's
(``hall.figures.periods``). See docs/petitions.md, "统计 (Figures)".
"""

from ...hall.figures.periods import (
    BUCKETS,
    NAMED_PERIODS,
    Period,
    PeriodError,
    asked_period,
    named_period,
)
from .compute import Row, Table, arising_in, figures, figures_for, records
from .definitions import COUNTS, LABELS, RATES, Figures
from .grouping import GROUPS

__all__ = ["BUCKETS", "COUNTS", "GROUPS", "LABELS", "NAMED_PERIODS", "RATES", "Figures", "Period",
           "PeriodError", "Row", "Table", "arising_in", "asked_period", "figures", "figures_for",
           "named_period", "records"]
