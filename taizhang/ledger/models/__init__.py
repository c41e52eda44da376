from .imports import ImportBatch
from .items import Attachment, Extension, Item, Milestone, ProgressReport, Warning
from .ledgers import Ledger, LedgerKind

__all__ = [
    "Attachment", "Extension", "ImportBatch", "Item", "Ledger", "LedgerKind", "Milestone",
    "ProgressReport", "Warning",
]
