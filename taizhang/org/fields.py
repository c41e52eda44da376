from django.db import models

from . import pii


class EncryptedTextField(models.TextField):
    """Stores its value encrypted with the current personal-data key; reads it back in clear.

    Exact-value search goes through a separate keyed-hash column (see ``pii.blind_index``).
    """

    description = "Encrypted text (SM4-GCM)"

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return pii.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return pii.encrypt(value)
