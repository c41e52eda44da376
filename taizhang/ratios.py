"""Rates as every figure gives them: an exact decimal, None when there is nothing to divide by
(a rate of nothing is not 0% — the tables print "—")."""

from decimal import ROUND_HALF_UP, Decimal


def rate(part, whole, places="0.000001"):
    """``part / whole`` rounded half up to ``places`` (None: not rounded), or None."""
    if not whole:
        return None
    value = Decimal(part) / Decimal(whole)
    return value if places is None else value.quantize(Decimal(places), ROUND_HALF_UP)
