"""The ledger API under /api/v1/ledger/: ledgers, items, progress, every act, Excel."""

from ninja import Router

from . import excel, items, ledgers, transitions

router = Router()
# Fixed paths before their neighbours with an id: /items/export and /items/bulk-assign are
# not /items/{item_id}.
router.add_router("/ledger", ledgers.router)
router.add_router("/ledger", excel.router)
router.add_router("/ledger", transitions.router)
router.add_router("/ledger", items.router)
