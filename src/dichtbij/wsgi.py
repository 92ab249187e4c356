"""WSGI entry point for gunicorn: ``gunicorn dichtbij.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dichtbij.conf.settings")

application = get_wsgi_application()
