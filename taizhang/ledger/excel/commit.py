"""Writing an import: all rows in one transaction, or none of them.

New items are written in bulk — the items, their cooperating units, and one ``import`` event
per item on its timeline — with ONE audit entry for the whole import that names the file's
SHA-256, the counts and the range of event ids it wrote (``record_event`` would write one
audit entry per item; for thousands of rows that is the slow part, and the single entry,
chained like every other, still proves who imported what and when). Changed items go through
``rules.update_item`` one by one, so each change is locked, evented and audited as usual.
The new rows go out as multi-row INSERTs (``org.bulk.insert_rows``): building ten thousand
model instances and preparing each value cost more than the database's own work.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from ...org import audit
from ...org.bulk import insert_rows
from ...org.constants import AuditAction
from ...org.models import Event, Unit
from ..constants import ItemStatus
from ..models import Item, Ledger
from ..rules import update_item
from .importer import ImportRejected, check_importer, plan_import

IMPORT_ACTION = "import"
# Every column of a new item without a database default, in the order the rows give them.
ITEM_FIELDS = ("ledger", "code", "title", "leader", "lead_unit", "goal", "measures", "deadline",
               "working_days", "deadline_known", "frequency", "status", "close_evidence",
               "created_at", "updated_at")
EVENT_FIELDS = ("content_type", "object_id", "action", "from_status", "to_status", "note",
                "data", "actor", "at")


@dataclass
class ImportResult:
    ledger_id: int
    digest: str
    created: list = field(default_factory=list)  # item ids
    updated: list = field(default_factory=list)
    unchanged: int = 0

    def to_dict(self):
        return {"ledger": self.ledger_id, "sha256": self.digest,
                "counts": {"create": len(self.created), "update": len(self.updated),
                           "unchanged": self.unchanged},
                "created": self.created, "updated": self.updated}


def bulk_create_items(ledger, rows, actor, digest):
    """Create the items of the planned ``rows`` with their links and events; the ids."""
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    frequency = Item._meta.get_field("frequency").default
    item_ids = insert_rows(Item, ITEM_FIELDS, [
        (ledger.pk, row.code, row.values["title"], row.values["leader"],
         row.values["lead_unit"], row.values["goal"], row.values["measures"],
         ops.adapt_datefield_value(row.values["deadline"].date),
         row.values["deadline"].working_days, True, frequency, ItemStatus.PENDING, "", now, now)
        for row in rows
    ], returning=True)
    insert_rows(Item.cooperating_units.through, ("item", "unit"), [
        (item_id, unit_id)
        for item_id, row in zip(item_ids, rows, strict=True)
        for unit_id in row.values["cooperating"]
    ])
    content_type = ContentType.objects.get_for_model(Item).pk
    data_field = Event._meta.get_field("data")
    event_ids = insert_rows(Event, EVENT_FIELDS, [
        (content_type, item_id, IMPORT_ACTION, "", ItemStatus.PENDING, row.values["title"],
         data_field.get_db_prep_save({"row": row.row, "sha256": digest}, connection),
         actor.pk, now)
        for item_id, row in zip(item_ids, rows, strict=True)
    ], returning=True)
    return item_ids, event_ids


def _update(rows, actor):
    updated = []
    items = Item.objects.in_bulk([row.item_id for row in rows])
    units = Unit.objects.in_bulk({pk for row in rows for pk in row.values["cooperating"]})
    for row in rows:
        values, deadline = row.values, row.values["deadline"]
        update_item(
            items[row.item_id], actor=actor, title=values["title"],
            leader_id=values["leader"], lead_unit_id=values["lead_unit"], goal=values["goal"],
            measures=values["measures"], deadline=deadline.date,
            working_days=deadline.working_days,
            cooperating_units=[units[pk] for pk in values["cooperating"]],
        )
        updated.append(row.item_id)
    return updated


def commit_import(ledger, file_bytes: bytes, actor, *, filename="") -> ImportResult:
    """Import ``file_bytes`` into ``ledger``: everything, or nothing and ``ImportRejected``.

    Plans again rather than trusting an earlier preview, with the ledger row locked, so two
    imports into one ledger cannot both create the same items.
    """
    check_importer(actor)
    with transaction.atomic():
        # The ledger's row only (no ordering join), held until the import is written.
        Ledger.objects.select_for_update().order_by().get(pk=ledger.pk)
        plan = plan_import(ledger, file_bytes)
        if not plan.ok:
            raise ImportRejected(plan)
        creates = [row for row in plan.rows if row.action == "create"]
        result = ImportResult(ledger.pk, plan.digest, unchanged=plan.count("unchanged"))
        result.created, event_ids = bulk_create_items(ledger, creates, actor, plan.digest)
        result.updated = _update([row for row in plan.rows if row.action == "update"], actor)
        audit.record(AuditAction.STATE_CHANGE, actor=actor, subject=ledger, detail={
            "action": IMPORT_ACTION, "file": filename[:200], "sha256": plan.digest,
            "sheet": plan.sheet, "created": len(result.created),
            "updated": len(result.updated), "unchanged": result.unchanged,
            "events": [min(event_ids), max(event_ids)] if event_ids else [],
        })
    return result
