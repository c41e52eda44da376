"""Programme targets (目标): each measured by its registered metric over its year, up to a day.
Nothing here is typed in: the actual value is a count of records, and so is its trace."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from . import metrics
from .models import Target
from .units import subtree


@dataclass(frozen=True)
class Progress:
    target: Target
    metric: metrics.Metric | None
    start: date
    end: date
    actual: int | None  # None: the metric is no longer registered

    @property
    def ratio(self):
        if self.actual is None:
            return None
        return (Decimal(self.actual) / Decimal(self.target.target_value)).quantize(
            Decimal("0.0001"), ROUND_HALF_UP)

    @property
    def percent(self):
        ratio = self.ratio
        return None if ratio is None else min(ratio, Decimal(1)) * 100

    @property
    def option_label(self):
        """What the target's parameter names, e.g. the ledger's name."""
        return self.metric.option_name(self.target.option) if self.metric else ""

    @property
    def met(self):
        return self.actual is not None and self.actual >= self.target.target_value


def window(year, day):
    """From 1 January of ``year`` to ``day`` (or to 31 December for a past year)."""
    return date(year, 1, 1), min(day, date(year, 12, 31))


def is_district(unit):
    return unit.parent_id is None


def records(target, start, end, metric=None):
    metric = metric or metrics.get(target.metric)
    units = None if is_district(target.unit) else subtree(target.unit_id)
    return metric.records(start, end, units, target.option)


def progress(target, day):
    metric = metrics.get(target.metric)
    start, end = window(target.year, day)
    if metric is None or start > end:
        return Progress(target, metric, start, end, None if metric is None else 0)
    return Progress(target, metric, start, end, records(target, start, end, metric).count())


def progress_of_year(year, day):
    targets = Target.objects.filter(year=year).select_related("unit")
    return [progress(target, day) for target in targets]
