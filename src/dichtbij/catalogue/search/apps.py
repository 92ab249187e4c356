from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueSearchConfig(AppConfig):
    """Search over the sociale kaart: its own app so that its index has its own tables."""

    name = "dichtbij.catalogue.search"
    label = "catalogue_search"
    verbose_name = _("Zoeken in de sociale kaart")
