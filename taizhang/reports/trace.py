"""The records behind a figure of a report, found again from the figure's trace.

A trace is the question that produced the figure: source, figure, unit, period and the day
its state was read as of. Asking it again lists the records; counting them gives the figure,
unless records were changed afterwards — the page then says the count no longer matches.
Whoever asks sees only the records they may see (``visible`` of the source), never more.
"""

from datetime import date

from ..hall.figures.periods import Period
from . import metrics
from .sources import SOURCES
from .units import subtree


class UnknownFigure(LookupError):
    pass


def _period(trace):
    as_of = trace.get("as_of")
    return Period(date.fromisoformat(trace["start"]), date.fromisoformat(trace["end"]),
                  date.fromisoformat(as_of) if as_of else None)


def resolve(trace):
    """(every record behind the figure, a function describing one, the visibility rule)."""
    units = subtree(trace["unit"]) if trace.get("unit") else None
    if trace["source"] == "metric":
        metric = metrics.get(trace["figure"])
        if metric is None:
            raise UnknownFigure(trace["figure"])
        p = _period(trace)
        rows = metric.records(p.start, p.end, units, trace.get("option", ""))
        return rows.select_related(*metric.related), metric.describe, metric.visible
    source = SOURCES.get(trace["source"])
    if source is None:
        raise UnknownFigure(trace["source"])
    rows = source.records(trace["figure"], _period(trace), units)
    return rows.select_related(*source.RELATED), source.describe, source.visible


def records_for(user, trace):
    """The records of the figure that ``user`` may see, and how many there are in all."""
    rows, describe, visible = resolve(trace)
    everything = rows.count()
    seen = rows.filter(pk__in=visible(user).values("pk")).order_by("pk")
    return seen, describe, everything


def recount(trace):
    """The figure counted again from the records."""
    rows, _, _ = resolve(trace)
    return rows.count()
