"""The ``taizhang`` command: Django's management commands under one name.

``taizhang demo``, ``taizhang token USERNAME``, ``taizhang audit verify`` and every other
management command (``taizhang migrate``, ``taizhang db_worker`` …) work the same way.
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    execute_from_command_line(argv)
    return 0
