"""Which applications (办件) a user may see: through the one visibility rule.

An application belongs to two units: the centre's (where it was made) and the department's
(which does the work). Seeing either is enough; district-wide roles see everything.
"""

from ..org.visibility import scope_for
from .models import Application, Centre


def visible_applications(user):
    scope = scope_for(user)
    applications = Application.objects.all()
    if scope.everything:
        return applications
    return applications.filter(scope.unit_condition("centre__unit", "department"))


def visible_centres(user):
    return scope_for(user).filter(Centre.objects.all(), "unit")
