"""App config that makes the audited admin site the default one.

Kept apart from :mod:`dichtbij.audit.admin_site` because app configs are imported before
models may be.
"""

from django.contrib.admin.apps import AdminConfig


class DichtbijAdminConfig(AdminConfig):
    """Installs ``AuditedAdminSite`` as ``django.contrib.admin.site``."""

    default_site = "dichtbij.audit.admin_site.AuditedAdminSite"
