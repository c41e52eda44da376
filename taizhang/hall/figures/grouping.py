"""The ways figures can be grouped: by centre, department, matter, handling mode or channel.

Each grouping names the application column its key is read from and how keys get their
labels and order; the labels are read in one small query per table, after the figures.
"""

from collections.abc import Callable
from dataclasses import dataclass

from ...org.models import Unit
from ..constants import Channel, Mode
from ..models import Centre, Matter

NONE_LABEL = {"centre": "未指定服务中心（网上申请）"}


@dataclass(frozen=True)
class Grouping:
    name: str
    label: str
    field: str  # the ORM path of the key on Application
    # keys → {key: (sort key, label)} for the keys present
    describe: Callable[[set], dict]


def _centres(keys):
    return {pk: ((order, pk), name) for pk, name, order in
            Centre.objects.filter(pk__in=keys).values_list("pk", "name", "sort_order")}


def _units(keys):
    return {pk: ((depth, order, pk), name) for pk, name, depth, order in
            Unit.objects.filter(pk__in=keys).values_list("pk", "name", "depth", "sort_order")}


def _matters(keys):
    return {pk: ((code,), f"{name}（{code}）") for pk, code, name in
            Matter.objects.filter(pk__in=keys).values_list("pk", "code", "current__name")}


def _choices(choices):
    order = {value: ((n,), label) for n, (value, label) in enumerate(choices.choices)}
    return lambda keys: {key: order.get(key, ((len(order),), key)) for key in keys}


GROUPS = {g.name: g for g in (
    Grouping("centre", "服务中心", "centre", _centres),
    Grouping("department", "承办部门", "department", _units),
    Grouping("matter", "事项", "version__matter", _matters),
    Grouping("mode", "办理方式", "mode", _choices(Mode)),
    Grouping("channel", "申请渠道", "channel", _choices(Channel)),
)}


def describe(name, keys):
    """{key: (sort key, label)} for grouping ``name``; a missing key (None) sorts last."""
    described = {key: ((0, *order), label) for key, (order, label)
                 in GROUPS[name].describe({key for key in keys if key is not None}).items()}
    if None in keys:
        described[None] = ((1,), NONE_LABEL.get(name, "未指定"))
    return described
