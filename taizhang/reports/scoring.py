"""Scoring the month (月考核): every ranked unit by the office's scheme (``Scheme``).

A unit's score is::

    base − min(Σ deductions, deduction cap) + Σ weight × rate + min(Σ bonus, bonus cap)

Each deduction names its record: an item overdue at the month's end, an item closed out late
in the month, a petition whose reply is overdue. The rates are the unit's whole month: on time
(ledger items closed by their deadline, applications completed by their deadline, petitions
replied within the limit, over all of each that were due) and satisfaction (satisfied ratings
of applications and petitions over all ratings). A rate the unit had nothing to be measured by
earns its whole weight.

Townships and departments are ranked separately; equal scores share a rank (1, 1, 3). A unit
with nothing at all to be assessed on — no record, no deduction, no bonus — is listed but not
ranked, so an idle office does not head the table.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..ratios import rate

CENT = Decimal("0.01")


@dataclass
class Measures:
    """What one unit is scored on."""

    deductions: list = field(default_factory=list)  # (kind, record dict) pairs
    on_time: int = 0
    on_time_due: int = 0
    satisfied: int = 0
    rated: int = 0
    bonuses: list = field(default_factory=list)  # (points, reason)
    records: int = 0  # how many records of the month the unit had

    @property
    def assessed(self):
        return bool(self.records or self.deductions or self.bonuses)


def score_unit(scheme, measures):
    """The unit's score sheet (a JSON-able dict), every part of it explained."""
    per = {"overdue": scheme.per_overdue, "closed_late": scheme.per_late_close,
           "unreplied_overdue": scheme.per_overdue_petition}
    deductions = [{"kind": kind, "points": str(per[kind]), "record": record}
                  for kind, record in measures.deductions]
    deducted = sum((per[kind] for kind, _ in measures.deductions), Decimal(0))
    applied = min(deducted, scheme.deduction_cap)
    # Exact rates: only the points they earn are rounded.
    on_time = rate(measures.on_time, measures.on_time_due, places=None)
    satisfaction = rate(measures.satisfied, measures.rated, places=None)
    on_time_points = scheme.on_time_weight * (Decimal(1) if on_time is None else on_time)
    satisfaction_points = scheme.satisfaction_weight * (
        Decimal(1) if satisfaction is None else satisfaction)
    bonus = sum((Decimal(points) for points, _ in measures.bonuses), Decimal(0))
    bonus_applied = min(bonus, scheme.bonus_cap)
    total = scheme.base - applied + on_time_points + satisfaction_points + bonus_applied
    return {
        "base": _points(scheme.base),
        "deducted": _points(deducted),
        "deduction_applied": _points(applied),
        "on_time": [measures.on_time, measures.on_time_due],
        "on_time_points": _points(on_time_points),
        "satisfaction": [measures.satisfied, measures.rated],
        "satisfaction_points": _points(satisfaction_points),
        "bonus": _points(bonus),
        "bonus_applied": _points(bonus_applied),
        "bonuses": [{"points": str(points), "reason": reason}
                    for points, reason in measures.bonuses],
        "score": _points(total),
        "assessed": measures.assessed,
        "deductions": deductions,
    }


def rank(sheets):
    """``sheets``: [(unit dict, score sheet)] of one ranking. The assessed ones in order of
    score with their rank (ties share it, by name after), then the unassessed, unranked."""
    assessed = sorted((pair for pair in sheets if pair[1]["assessed"]),
                      key=lambda pair: (-Decimal(pair[1]["score"]), pair[0]["name"]))
    ranked, previous, position = [], None, 0
    for index, (unit, sheet) in enumerate(assessed, start=1):
        if sheet["score"] != previous:
            position, previous = index, sheet["score"]
        ranked.append({**unit, **sheet, "rank": position})
    ranked += [{**unit, **sheet, "rank": None} for unit, sheet in sheets
               if not sheet["assessed"]]
    return ranked


def _points(value):
    return str(Decimal(value).quantize(CENT, ROUND_HALF_UP))
