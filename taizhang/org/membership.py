"""Who speaks for a unit: the people who sit in it, and those holding a role granted in it."""


def acts_for_unit(user, unit_id) -> bool:
    person = getattr(user, "person", None)
    if person is None or not person.is_active:
        return False
    return person.unit_id == unit_id or person.role_grants.filter(unit_id=unit_id).exists()


def holds_role(user, role) -> bool:
    return bool(user and user.is_authenticated and role in user.roles)
