"""The service hall's API under /api/v1/hall/: the catalogue and centres (public), applications
and every step, figures (staff), status lookup and rating (citizens, no account)."""

from ninja import Router

from . import applications, catalogue, figures, public, steps

router = Router()
router.add_router("/hall", catalogue.router)
router.add_router("/hall", public.router)
router.add_router("/hall", applications.router)
router.add_router("/hall", steps.router)
router.add_router("/hall", figures.router)
