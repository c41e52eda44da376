"""The Excel round-trip of ledger items: export to the layout offices use, import with a preview.

    export_items(items, title, today=None) -> bytes
    preview_import(ledger, file_bytes, actor) -> ImportPlan          # writes nothing
    commit_import(ledger, file_bytes, actor, filename="") -> ImportResult
        # all or nothing; raises ImportRejected (an rules.Invalid, with .plan) on any problem,
        # rules.NotAllowed when the actor is not the supervision office

See docs/ledger-excel.md for the layout and the import rules.
"""

from .commit import ImportResult, commit_import
from .export import export_filename, export_items, export_title
from .importer import ImportPlan, ImportRejected, PlannedRow, Problem, preview_import

__all__ = [
    "ImportPlan", "ImportRejected", "ImportResult", "PlannedRow", "Problem", "commit_import",
    "export_filename", "export_items", "export_title", "preview_import",
]
