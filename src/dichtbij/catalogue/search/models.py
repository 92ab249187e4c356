"""The search index: one row per catalogue service, kept in step with the catalogue.

The catalogue's own tables stay the source of truth; :class:`SearchDocument` holds what
the search needs, already analysed (stems per field, the service's taxonomy codes,
gemeenten, age range, referral and waiting time), so that loading the index is a read
of one table. On PostgreSQL ``search_vector`` holds the same fields as a ``tsvector``
made with the ``dutch`` configuration (weights A-D), with a GIN index; on SQLite that
column stays empty. :class:`SearchIndexState` carries a version that changes with every
write, so that each process knows when to reload its in-memory copy.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from dichtbij.catalogue.models import Service
from dichtbij.regions.models import Region


class SearchDocument(models.Model):
    """A service as the search sees it (see the module docstring)."""

    service = models.OneToOneField(
        Service, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    #: Shown in search results: status active or temporarily closed, and not outdated.
    searchable = models.BooleanField(default=True)
    temporarily_closed = models.BooleanField(default=False)
    referral_required = models.BooleanField(default=False)
    waiting_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    #: Space-separated CBS codes of the gemeenten served (``GM0307 GM0342``).
    municipalities = models.TextField(blank=True)
    #: Space-separated taxonomy codes, in the service's order (first theme = main theme).
    themes = models.TextField(blank=True)
    kinds = models.TextField(blank=True)
    #: Stems per field, space-separated, repeats kept (term frequency counts).
    title_terms = models.TextField(blank=True)
    topic_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    extra_terms = models.TextField(blank=True)
    #: The service's distinct words (normalised, not stemmed): the vocabulary for
    #: typo correction and compound splitting.
    words = models.TextField(blank=True)
    #: PostgreSQL only: the fields as a ``dutch`` tsvector (A title, B topics, C body, D rest).
    search_vector = SearchVectorField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("zoekindex-document")
        verbose_name_plural = _("zoekindex-documenten")
        indexes = [models.Index(fields=["region", "searchable"], name="searchdoc_region")]

    @override
    def __str__(self) -> str:
        return str(self.service_id)


class SearchIndexState(models.Model):
    """The index's version: a new number after every rebuild or update."""

    key = models.CharField(max_length=50, primary_key=True)
    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("zoekindex-status")
        verbose_name_plural = _("zoekindex-status")

    @override
    def __str__(self) -> str:
        return f"{self.key} v{self.version}"
