"""The reports API: /api/v1/reports/…, /api/v1/targets, /api/v1/dashboard."""

from ninja import Router

from . import dashboard, reports, targets

router = Router()
router.add_router("", reports.router)
router.add_router("", targets.router)
router.add_router("", dashboard.router)
