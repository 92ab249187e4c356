"""What the audit log records: actions and channels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    """What was done with personal data (stored values are stable)."""

    READ = "read", _("Inzien")
    CREATE = "create", _("Aanmaken")
    UPDATE = "update", _("Wijzigen")
    DELETE = "delete", _("Verwijderen")
    EXPORT = "export", _("Exporteren")
    SEARCH = "search", _("Zoeken")
    LOGIN = "login", _("Inloggen")
    LOGIN_FAILED = "login_failed", _("Mislukte inlogpoging")
    LOGOUT = "logout", _("Uitloggen")
    BREAK_GLASS = "break_glass", _("Noodtoegang")


class Channel(models.TextChoices):
    """Where the action came from."""

    WEB = "web", _("Webpagina")
    API = "api", _("API")
    ADMIN = "admin", _("Beheer")
    COMMAND = "command", _("Opdrachtregel")
