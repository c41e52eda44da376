"""The figures of a period, grouped any way, in one GROUP BY; and the records behind any one."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..queries import visible_applications
from .definitions import RATES, Figures, conditions, counted, in_scope
from .grouping import GROUPS, describe
from .periods import BucketStart, Period, bucket_end, bucket_label


@dataclass(frozen=True)
class Row:
    """The figures of one group (and time bucket) of a table."""

    group: dict  # grouping name → key (an id, a code, or None)
    labels: dict  # grouping name → label
    bucket: date | None  # the bucket's first day
    period: Period  # the part of the table's period this row covers
    figures: Figures
    bucket_label: str = ""

    @property
    def label(self):
        return " · ".join([*self.labels.values(), *([self.bucket_label] if self.bucket else [])])


@dataclass(frozen=True)
class Table:
    period: Period
    by: tuple[str, ...]
    bucket: str | None
    rows: list[Row]
    total: Figures

    @property
    def empty(self):
        return self.total.empty

    def by_group(self):
        """One row per group, summed over the time buckets, in the table's order."""
        merged = {}
        for row in self.rows:
            key = tuple(row.group.items())
            if key in merged:
                first = merged[key]
                merged[key] = Row(first.group, first.labels, None, self.period,
                                  first.figures + row.figures)
            else:
                merged[key] = Row(row.group, row.labels, None, self.period, row.figures)
        return list(merged.values())

    def by_bucket(self):
        """One row per time bucket, summed over the groups, in time order."""
        merged = {}
        for row in self.rows:
            if row.bucket in merged:
                first = merged[row.bucket]
                merged[row.bucket] = Row({}, {}, row.bucket, row.period,
                                         first.figures + row.figures, row.bucket_label)
            else:
                merged[row.bucket] = Row({}, {}, row.bucket, row.period, row.figures,
                                         row.bucket_label)
        return [merged[bucket] for bucket in sorted(merged, key=lambda b: b or date.min)]


def _groupings(by):
    by = (by,) if isinstance(by, str) else tuple(by or ())
    unknown = [name for name in by if name not in GROUPS]
    if unknown:
        raise ValueError(f"unknown grouping {unknown[0]!r}")
    return by


def figures_for(queryset, period: Period, by=(), bucket=None) -> Table:
    """The figures of ``period`` over the applications of ``queryset``, grouped ``by`` one or
    more of ``GROUPS`` and, if asked, by time ``bucket``; with the total."""
    by = _groupings(by)
    today = period.as_of or timezone.localdate()
    each = counted(period.as_of, today)
    aggregates = {name: Count("pk", filter=condition) for name, condition in each.items()}
    aggregates["days_total"] = Sum("days_taken", filter=each["completed"])
    rows = queryset.filter(in_scope(period)).order_by()
    if not by and not bucket:
        return Table(period, by, bucket, [], _figures(rows.aggregate(**aggregates)))

    keys = [GROUPS[name].field for name in by]
    if bucket:
        # 不予受理 has no accepted day: it falls in the bucket of the day it was refused.
        rows = rows.annotate(bucket=BucketStart(Coalesce("accepted_on", "completed_on"), bucket))
        keys.append("bucket")
    found = list(rows.values(*keys).annotate(**aggregates))
    described = {name: describe(name, {r[GROUPS[name].field] for r in found}) for name in by}
    table = []
    for result in found:
        group = {name: result[GROUPS[name].field] for name in by}
        start = result.get("bucket")
        table.append((
            (*(described[name][key][0] for name, key in group.items()), start or date.min),
            Row(group=group, labels={name: described[name][key][1] for name, key in group.items()},
                bucket=start,
                period=period.within(start, bucket_end(start, bucket)) if start else period,
                figures=_figures(result),
                bucket_label=bucket_label(start, bucket) if start else ""),
        ))
    table.sort(key=lambda pair: pair[0])
    rows = [row for _, row in table]
    return Table(period, by, bucket, rows, sum((row.figures for row in rows), Figures()))


def _figures(result):
    return Figures(**{name: result[name] or 0 for name in Figures.__dataclass_fields__})


def figures(user, period: Period, by=(), bucket=None) -> Table:
    """The figures of the applications ``user`` may see."""
    return figures_for(visible_applications(user), period, by, bucket)


def records(queryset, figure, period: Period, group=None):
    """The applications of ``queryset`` that make figure ``figure`` of ``period`` in ``group``
    ({grouping name: key}, as in ``Row.group``; a bucket's row has its own ``period``).
    Counting them gives the figure."""
    if figure in RATES:
        raise ValueError(f"{figure!r} is a rate: its records are those of {RATES[figure]}")
    each = conditions(period.as_of, period.as_of or timezone.localdate())
    if figure not in each:
        raise ValueError(f"unknown figure {figure!r}")
    rows = queryset.filter(in_scope(period)).filter(each[figure])
    for name, key in (group or {}).items():
        field = GROUPS[_groupings(name)[0]].field
        rows = rows.filter(**{f"{field}__isnull": True} if key is None else {field: key})
    return rows
