"""The figures a report is written from: each source's figures per ranked unit and in total,
for the period and the one before it. One grouped query per source and period."""

from dataclasses import dataclass, field

from ...petitions.figures import Figures as PetitionFigures
from ..sources import hall, ledger, petitions
from ..units import ranked_units, rollup, top_units


def _add_petitions(a, b):
    # 件 (distinct chains) cannot be added up; reports do not use it.
    return PetitionFigures.total([a, b], 0)


@dataclass
class Side:
    """One source's figures for one period: per ranked unit, and the district's total."""

    units: dict = field(default_factory=dict)
    total: object = None


@dataclass
class Gathered:
    period: object
    previous: object
    units: list  # RankedUnit
    top: dict  # unit id → the ranked unit it counts for (``units.top_units``)
    sections: tuple
    now: dict = field(default_factory=dict)  # source name → Side
    before: dict = field(default_factory=dict)


def gather(period, previous, sections):
    units = ranked_units()
    top = top_units()
    found = Gathered(period, previous, units, top, sections)
    for name, target in (("now", period), ("before", previous)):
        sides = getattr(found, name)
        if "ledger" in sections:
            per_unit = ledger.unit_figures(target)
            sides["ledger"] = Side(rollup(per_unit, top, ledger.add), ledger.total(per_unit))
        if "hall" in sections:
            per_unit, total = hall.unit_figures(target)
            sides["hall"] = Side(rollup(per_unit, top, lambda a, b: a + b), total)
        if "petitions" in sections:
            per_unit, total = petitions.unit_figures(target)
            sides["petitions"] = Side(rollup(per_unit, top, _add_petitions), total)
    return found
