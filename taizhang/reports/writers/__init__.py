"""Writers that turn a report document (a JSON-able dict of title, number, issuer, date and
blocks) into files: GB/T 9704 .docx, .xlsx, PDF, and the chart images they share.

The helpers here keep the three formats saying the same thing the same way."""

import unicodedata
from datetime import date

EMPTY = "—"  # a table cell without a value
DRAFT = "（草稿）"


def cell_text(value):
    """A table cell as printed: None as "—", 12.0 as "12", 0.5 as "0.5"."""
    if value is None:
        return EMPTY
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.2f}".rstrip("0")
    return str(value)


def written_date(iso):
    """"2026-11-23" as a document dates itself: 2026年11月23日 (Arabic digits, no zeros)."""
    day = date.fromisoformat(iso)
    return f"{day.year}年{day.month}月{day.day}日"


def text_width(text):
    """The width of ``text`` in half-width units: a Chinese character or mark counts 2 (so do
    "—" and quotation marks, full width in Chinese type), a Latin letter or digit 1."""
    return sum(2 if unicodedata.east_asian_width(char) in "WFA" else 1 for char in str(text))


def signature_spaces(issuer, dated):
    """How many characters the issuing unit and the date stand in from the right margin.

    GB/T 9704 (7.3.5.2): the unit 2 characters in, the date on the next line starting 2
    characters right of the unit's first; a date longer than that stands 2 in and the unit
    moves left instead."""
    issuer_chars, date_chars = text_width(issuer) / 2, text_width(dated) / 2
    if issuer_chars - date_chars >= 2:
        return 2, issuer_chars - date_chars
    return date_chars + 4 - issuer_chars, 2
