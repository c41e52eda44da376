from . import audit, calendar, people, units  # noqa: F401  (registers the admin pages)
