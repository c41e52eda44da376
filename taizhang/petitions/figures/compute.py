"""The petition figures of a period, grouped any way, in one GROUP BY; and the records behind
any one of them.

The rows of a table are cells keyed by (group keys…, bucket), filled from the petitions'
GROUP BY; the backlog cases opened and resolved in the period are one more GROUP BY each, over
the same keys but dated by the case (``definitions.BACKLOG``), ``_merge``d into the same cells.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.utils import timezone

from ...hall.figures.periods import BucketStart, Period, bucket_end, bucket_label
from ...org.models import UnitClosure
from ..queries import visible_petitions
from .definitions import (
    BACKLOG,
    CASES,
    RATES,
    VOLUME,
    Figures,
    aggregates,
    backlog_scope,
    conditions,
    in_scope,
)
from .grouping import GROUPS, describe, groupings

# Query aliases carry a prefix: several figures share a name with a relation of Petition
# (``repeats``), which an annotation may not.
PREFIX = "f_"


@dataclass(frozen=True)
class Row:
    """The figures of one group (and time bucket) of a table."""

    group: dict  # grouping name → key (an id, a channel, or None)
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
    """The rows of a grouped question and the total. A repeat chain is one case (件) in every
    row it reaches and once in the total, so rows are not merged after the fact: ask again
    with the grouping wanted."""

    period: Period
    by: tuple[str, ...]
    bucket: str | None
    rows: list[Row]
    total: Figures

    @property
    def empty(self):
        return self.total.empty


def _merge(cells, found, keys):
    """Add query results (dicts with ``keys`` and prefixed figures) into ``cells``."""
    for result in found:
        cell = cells.setdefault(tuple(result[key] for key in keys), {})
        for alias, value in result.items():
            if alias.startswith(PREFIX):
                name = alias.removeprefix(PREFIX)
                cell[name] = cell.get(name, 0) + (value or 0)


def figures_for(queryset, period: Period, by=(), bucket=None) -> Table:
    """The figures of ``period`` over the petitions of ``queryset``, grouped ``by`` one or more
    of ``GROUPS`` and, if asked, by time ``bucket`` of ``received_on``; with the total."""
    by = groupings(by)
    today = period.as_of or timezone.localdate()
    each = {PREFIX + name: value for name, value in aggregates(period.as_of, today).items()}
    rows = queryset.filter(in_scope(period)).order_by()
    if not by and not bucket:
        found = _unprefixed(rows.aggregate(**each))
        for figure in BACKLOG:
            scope = backlog_scope(figure, period)
            found[figure] = 0 if scope is None else queryset.filter(scope).count()
        return Table(period, by, bucket, [], Figures.of(found))

    keys = [GROUPS[name].field for name in by]
    if bucket:
        rows = rows.annotate(bucket=BucketStart("received_on", bucket))
        keys.append("bucket")
    cells = {}
    _merge(cells, rows.values(*keys).annotate(**each), keys)
    for figure, day in BACKLOG.items():
        scope = backlog_scope(figure, period)
        if scope is None:
            continue
        cases = queryset.filter(scope).order_by()
        if bucket:
            cases = cases.annotate(bucket=BucketStart(day, bucket))
        _merge(cells, cases.values(*keys).annotate(**{PREFIX + figure: Count("pk")}), keys)
    described = {name: describe(name, {key[n] for key in cells}) for n, name in enumerate(by)}
    table = []
    for key, counts in cells.items():
        group = dict(zip(by, key, strict=False))
        start = key[-1] if bucket else None
        table.append((
            (*(described[name][k][0] for name, k in group.items()), start or date.min),
            Row(group=group, labels={name: described[name][k][1] for name, k in group.items()},
                bucket=start,
                period=period.within(start, bucket_end(start, bucket)) if start else period,
                figures=Figures.of(counts),
                bucket_label=bucket_label(start, bucket) if start else ""),
        ))
    table.sort(key=lambda pair: pair[0])
    found = [row for _, row in table]
    cases = rows.aggregate(**{PREFIX + "cases": CASES})[PREFIX + "cases"] if found else 0
    return Table(period, by, bucket, found,
                 Figures.total([row.figures for row in found], cases))


def _unprefixed(result):
    return {alias.removeprefix(PREFIX): value for alias, value in result.items()}


def arising_in(queryset, unit):
    """The petitions of ``queryset`` whose matter arose in ``unit`` or a unit under it."""
    return queryset.filter(origin_unit__in=UnitClosure.objects.filter(
        ancestor_id=getattr(unit, "pk", unit)).values("descendant_id"))


def figures(user, period: Period, by=(), bucket=None, *, unit=None) -> Table:
    """The figures of the petitions ``user`` may see (``queries.visible_petitions``: an
    accusation is never counted for the accused), of matters arising in ``unit`` if given."""
    petitions = visible_petitions(user)
    if unit is not None:
        petitions = arising_in(petitions, unit)
    return figures_for(petitions, period, by, bucket)


def records(queryset, figure, period: Period, group=None):
    """The petitions of ``queryset`` that make figure ``figure`` of ``period`` in ``group``
    ({grouping name: key}, as in ``Row.group``; a bucket's row has its own ``period``).
    Counting them gives a count; for 人次 add up their head counts, for 件 count their
    distinct ``case_id``."""
    if figure in RATES:
        raise ValueError(f"{figure!r} is a rate: its records are those of {RATES[figure]}")
    each = conditions(period.as_of, period.as_of or timezone.localdate())
    if figure in BACKLOG:
        scope = backlog_scope(figure, period)
        rows = queryset.none() if scope is None else queryset.filter(scope)
    elif (condition := each.get(VOLUME.get(figure, figure))) is None:
        raise ValueError(f"unknown figure {figure!r}")
    else:
        rows = queryset.filter(in_scope(period)).filter(condition)
    for name, key in (group or {}).items():
        field = GROUPS[groupings(name)[0]].field
        rows = rows.filter(**{f"{field}__isnull": True} if key is None else {field: key})
    return rows
