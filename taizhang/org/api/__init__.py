from ninja import Router

from . import calendar, me, people, units

router = Router()
router.add_router("", me.router)
router.add_router("/units", units.router)
router.add_router("/people", people.router)
router.add_router("/calendar", calendar.router)
