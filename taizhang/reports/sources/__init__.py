"""Where a report's figures come from: one module per app, each answering two questions in
the same terms — the figures of a period per unit (one GROUP BY), and the records behind any
one of them. A report stores, with each figure, the question that produced it (its *trace*),
so ``records`` can always list what a figure counted and a recount can check it.

Every source groups by the unit the record belongs to (an item's lead unit, an application's
department, a petition's handling unit); ``units.rollup`` adds them up to the township or
department the assessment ranks.
"""

from . import hall, ledger, petitions

SOURCES = {module.NAME: module for module in (ledger, hall, petitions)}
