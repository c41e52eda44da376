"""Writing an import: all rows in one transaction, or none of them.

New items are written in bulk — the items, their cooperating units, and one ``import`` event
per item on its timeline — with ONE audit entry for the whole import that names the file's
SHA-256, the counts and the range of event ids it wrote (``record_event`` would write one
audit entry per item; for thousands of rows that is the slow part, and the single entry,
chained like every other, still proves who imported what and when). Changed items go through
``rules.update_item`` one by one, so each change is locked, evented and audited as usual.
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

BATCH = 1000
IMPORT_ACTION = "import"
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
    items = [
        Item(ledger_id=ledger.pk, code=row.code, title=row.values["title"],
             leader_id=row.values["leader"], lead_unit_id=row.values["lead_unit"],
             goal=row.values["goal"], measures=row.values["measures"],
             deadline=row.values["deadline"].date,
             working_days=row.values["deadline"].working_days, status=ItemStatus.PENDING)
        for row in rows
    ]
    Item.objects.bulk_create(items, batch_size=BATCH)
    insert_rows(Item.cooperating_units.through, ("item", "unit"), [
        (item.pk, unit_id)
        for item, row in zip(items, rows, strict=True) for unit_id in row.values["cooperating"]
    ])
    content_type = ContentType.objects.get_for_model(Item).pk
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    data_field = Event._meta.get_field("data")
    event_ids = insert_rows(Event, EVENT_FIELDS, [
        (content_type, item.pk, IMPORT_ACTION, "", ItemStatus.PENDING, item.title,
         data_field.get_db_prep_save({"row": row.row, "sha256": digest}, connection),
         actor.pk, now)
        for item, row in zip(items, rows, strict=True)
    ], returning=True)
    return [item.pk for item in items], event_ids


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
