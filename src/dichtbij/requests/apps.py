from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpRequestsConfig(AppConfig):
    name = "dichtbij.requests"
    label = "requests"
    verbose_name = _("Hulpvragen")
