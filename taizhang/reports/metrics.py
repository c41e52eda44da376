"""The one small interface through which an app lets targets (目标) be measured by its records.

An app registers its metrics in its own ``metrics.py`` (found at start-up, as admin modules
are)::

    from taizhang.reports.metrics import Metric, register

    register(Metric("hall.completed", "办结办件", "件", records=completed_between,
                    describe=describe, visible=visible_applications))

``records(start, end, units, option)`` returns the records counted for the days ``start`` to
``end`` (both included), of the units in ``units`` (a subquery of unit ids, or None for the
whole district); its count is the metric's value. ``options()`` lists the choices of
``option`` (e.g. a ledger kind), if the metric takes one. ``describe(record)`` gives the
record's code, title, unit, status, date and address for the list behind a figure;
``visible(user)`` the records that user may see. Nothing else of the app is known here.
"""

from collections.abc import Callable
from dataclasses import dataclass

_REGISTRY = {}


@dataclass(frozen=True)
class Metric:
    key: str  # "app.name"
    label: str  # 统计口径, as a target shows it
    measure: str  # the unit of the count: 件, 人, 场
    records: Callable
    describe: Callable
    visible: Callable
    related: tuple = ()  # select_related paths ``describe`` reads
    options: Callable | None = None
    option_label: str = ""

    def count(self, start, end, units=None, option=""):
        return self.records(start, end, units, option).count()

    def option_name(self, option):
        if not option or self.options is None:
            return ""
        return dict(self.options()).get(option, option)


def register(metric):
    if metric.key in _REGISTRY and _REGISTRY[metric.key] != metric:
        raise ValueError(f"metric {metric.key!r} is registered twice")
    _REGISTRY[metric.key] = metric
    return metric


def get(key):
    return _REGISTRY.get(key)


def choices():
    """(key, label) of every registered metric, for forms."""
    return [(key, metric.label) for key, metric in sorted(_REGISTRY.items())]


def with_options():
    return [metric for _, metric in sorted(_REGISTRY.items()) if metric.options is not None]
