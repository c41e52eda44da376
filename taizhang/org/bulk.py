"""Writing many rows at once without model instances, for the few paths that write tens of
thousands (the daily warning scan, Excel import).

``insert_rows`` is ``bulk_create`` minus the per-object work: the caller passes tuples of
values already in database form (``connection.ops.adapt_*``, ``field.get_db_prep_save``), and
they go out in multi-row INSERT statements of about a thousand values each (SQLite's limit,
and no slower on PostgreSQL than Django 5.2's UNNEST arrays, which cost the client more).
"""

from django.db import connection
from django.db.models.constants import OnConflict


def insert_rows(model, fields, rows, *, ignore_conflicts=False, returning=False):
    """INSERT ``rows`` (tuples of database-ready values for ``fields``); the new ids if asked,
    in the order of ``rows`` (rows skipped as conflicts return nothing)."""
    ops, meta = connection.ops, model._meta
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    columns = ", ".join(ops.quote_name(meta.get_field(name).column) for name in fields)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    suffix = ops.on_conflict_suffix_sql(fields, on_conflict, None, None) or ""
    if returning:
        suffix += f" RETURNING {ops.quote_name(meta.pk.column)}"
    per_statement = (connection.features.max_query_params or 1000) // len(fields)
    table = ops.quote_name(meta.db_table)
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start:start + per_statement]
            # Names come from model metadata, values go as parameters.
            cursor.execute(
                f"{ops.insert_statement(on_conflict=on_conflict)} {table} ({columns}) "  # noqa: S608
                f"VALUES {', '.join([row_sql] * len(batch))} {suffix}",
                [value for row in batch for value in row],
            )
            if returning:
                ids += [pk for pk, in cursor.fetchall()]
    return ids
