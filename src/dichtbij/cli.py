"""The ``dichtbij`` console command: Django's management commands with our settings.

``dichtbij regions check`` is ``django-admin regions check`` with
``DJANGO_SETTINGS_MODULE`` set to :mod:`dichtbij.conf.settings`.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command; ``argv`` defaults to ``sys.argv``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dichtbij.conf.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv if argv is not None else sys.argv)


if __name__ == "__main__":
    main()
