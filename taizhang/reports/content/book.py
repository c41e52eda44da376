"""The figures of a report, each with the question that produced it (its trace), and the
blocks (headings, paragraphs, tables, charts) the report is laid out in."""

from decimal import Decimal

from ...hall.figures.periods import Period


class Book:
    def __init__(self, period: Period):
        self.period = period
        self.figures = {}
        self.blocks = []

    def count(self, source, figure, value, *, unit=None, period=None, label="", option=""):
        """Record ``value`` as figure ``figure`` of ``source`` for ``unit`` (a unit's id, None
        for the whole district) in ``period``; the key its table cell links to. ``option``: a
        metric's parameter (source "metric", figure the metric's key)."""
        period = period or self.period
        key = (f"{source}.{figure}.{unit or 0}.{period.start:%Y%m%d}-{period.end:%Y%m%d}"
               + (f".{option}" if option else ""))
        self.figures[key] = {
            "label": label, "value": value,
            "trace": {"source": source, "figure": figure, "unit": unit, "option": option,
                      "start": period.start.isoformat(), "end": period.end.isoformat(),
                      "as_of": period.as_of.isoformat() if period.as_of else None},
        }
        return key

    def heading(self, text, level=1):
        self.blocks.append({"type": "heading", "level": level, "text": text})

    def paragraph(self, text, key=""):
        """A paragraph; with ``key`` the office may rewrite it before publishing."""
        self.blocks.append({"type": "paragraph", "key": key, "text": text})

    def table(self, title, columns, rows, *, links=None, note="", key=""):
        """``rows`` of values; ``links``: the same shape, a figure key or None per cell."""
        self.blocks.append({"type": "table", "key": key, "title": title, "columns": columns,
                            "rows": rows, "links": links or [[None] * len(r) for r in rows],
                            "note": note})

    def chart(self, title, chart, categories, series, *, percent=False):
        self.blocks.append({"type": "chart", "title": title, "chart": chart,
                            "categories": categories, "series": series, "percent": percent})


def percent(value):
    """A rate (Decimal or None) as the report prints it: 99.94%."""
    return "—" if value is None else f"{Decimal(value) * 100:.2f}%"


def fraction(value):
    """A rate as a number for a chart or the JSON: 0.9994, or None."""
    return None if value is None else float(round(Decimal(value), 6))


def change(now, before):
    """The change from the previous period as a bulletin writes it: +3, -2, 0."""
    difference = now - before
    return f"+{difference}" if difference > 0 else str(difference)


def table_number(book):
    return sum(1 for block in book.blocks if block["type"] == "table") + 1


def chart_number(book):
    return sum(1 for block in book.blocks if block["type"] == "chart") + 1
