"""The petitions API under /api/v1/petitions/: the list one may see, one petition with its
timeline, registration, one route per step, the categories, backlog cases and the figures.
Every route starts from ``queries.visible_petitions``: a petition out of sight answers 404,
exactly like one that does not exist, and an accusation is never visible, counted or hinted
at for the accused."""

from ninja import Router

from . import backlog, figures, petitions, steps

router = Router()
router.add_router("/petitions", petitions.router)
router.add_router("/petitions", steps.router)
router.add_router("/petitions", backlog.router)
router.add_router("/petitions", figures.router)
