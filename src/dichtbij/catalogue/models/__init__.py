"""Models of the sociale kaart (HSDS-shaped); see :mod:`dichtbij.catalogue.models.hsds`."""

from dichtbij.catalogue.models.hsds import (
    Location,
    Organization,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)

__all__ = [
    "Location",
    "Organization",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceAttribute",
    "ServiceStatus",
    "Taxonomy",
    "TaxonomyTerm",
]
