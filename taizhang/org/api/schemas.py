from ninja import Schema


class UnitRef(Schema):
    id: int
    name: str


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent_id: int | None
    division_code: str | None
    population: int | None
    depth: int

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()


class PersonOut(Schema):
    id: int
    name: str
    unit: UnitRef
    rank: str
    rank_label: str
    title: str
    phone_masked: str
    roles: list[str]

    @staticmethod
    def resolve_rank_label(obj):
        return obj.get_rank_display()

    @staticmethod
    def resolve_roles(obj):
        return sorted({g.role for g in obj.role_grants.all()})


class PhoneOut(Schema):
    id: int
    phone: str


class MeOut(Schema):
    username: str
    name: str | None
    unit: UnitRef | None
    roles: list[str]
    sees_everything: bool
