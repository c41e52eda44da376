from ninja import Router

from ...apitypes import with_errors
from ..visibility import scope_for
from .schemas import MeOut

router = Router(tags=["账号"])


@router.get("/me", response=with_errors(MeOut), summary="当前用户")
def me(request):
    person = getattr(request.user, "person", None)
    return {
        "username": request.user.get_username(),
        "name": person.name if person else None,
        "unit": person.unit if person else None,
        "roles": sorted(request.user.roles),
        "sees_everything": scope_for(request.user).everything,
    }
