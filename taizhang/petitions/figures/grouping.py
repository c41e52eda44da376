"""The ways petition figures can be grouped: by the unit where the matter arose (问题属地), the
handling unit, the category or the channel.

Each grouping names the petition column its key is read from and how keys get their labels
and order; the labels are read in one small query per grouping, after the figures.
"""

from collections.abc import Callable
from dataclasses import dataclass

from ...org.models import Unit
from ..constants import Channel
from ..models import Category

NONE_LABEL = {"handling_unit": "未交办"}


@dataclass(frozen=True)
class Grouping:
    name: str
    label: str
    field: str  # the column of the key on Petition
    # keys → {key: (sort key, label)} for the keys present
    describe: Callable[[set], dict]


def _units(keys):
    return {pk: ((depth, order, pk), name) for pk, name, depth, order in
            Unit.objects.filter(pk__in=keys).values_list("pk", "name", "depth", "sort_order")}


def _categories(keys):
    return {pk: ((order, pk), name) for pk, name, order in
            Category.objects.filter(pk__in=keys).values_list("pk", "name", "sort_order")}


def _channels(keys):
    order = {value: ((n,), label) for n, (value, label) in enumerate(Channel.choices)}
    return {key: order.get(key, ((len(order),), key)) for key in keys}


GROUPS = {g.name: g for g in (
    Grouping("origin_unit", "问题属地", "origin_unit_id", _units),
    Grouping("handling_unit", "承办单位", "handling_unit_id", _units),
    Grouping("category", "事项类别", "category_id", _categories),
    Grouping("channel", "信访渠道", "channel", _channels),
)}


def groupings(by):
    """``by`` as a tuple of grouping names: one name, several, or none."""
    by = (by,) if isinstance(by, str) else tuple(by or ())
    unknown = [name for name in by if name not in GROUPS]
    if unknown:
        raise ValueError(f"unknown grouping {unknown[0]!r}")
    return by


def describe(name, keys):
    """{key: (sort key, label)} for grouping ``name``; a missing key (None) sorts last."""
    described = {key: ((0, *order), label) for key, (order, label)
                 in GROUPS[name].describe({key for key in keys if key is not None}).items()}
    if None in keys:
        described[None] = ((1,), NONE_LABEL.get(name, "未指定"))
    return described
