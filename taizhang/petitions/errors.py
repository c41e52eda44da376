"""Refusals: each carries a message shown to the person as it is, and the field it is about."""


class PetitionError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.message, self.field = message, field


class NotAllowed(PetitionError):
    pass


class Conflict(PetitionError):
    pass


class Invalid(PetitionError):
    pass
