"""Writes of catalogue management (functioneel beheer): edit, mark outdated, mark checked.

Each write is one transaction: it checks the domain rules, saves only the fields it
changes, stamps ``last_modified`` and brings the search index up to date, so that a
search right after the change already sees it. The caller checks that the actor may
manage the service (:func:`dichtbij.catalogue.selectors.service_get_for_admin`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, fields

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from dichtbij.accounts.models import User
from dichtbij.catalogue.models import Service, ServiceStatus
from dichtbij.utils.errors import DichtbijError


class CatalogueEditRefused(DichtbijError):
    """A change to a service breaks a rule of the catalogue; nothing was changed."""

    code = "catalogue_edit_refused"
    status = 400


@dataclass(frozen=True)
class ServiceChanges:
    """The fields of a service that functioneel beheer edits."""

    name: str
    description: str
    application_process: str
    eligibility_description: str
    minimum_age: int | None
    maximum_age: int | None
    waiting_weeks: int | None
    referral_required: bool
    referrers: Sequence[str]
    at_school: bool
    status: str
    alert: str


#: The editable fields, in the order of :class:`ServiceChanges`.
EDITABLE_FIELDS = tuple(f.name for f in fields(ServiceChanges))


def _check(changes: ServiceChanges) -> None:
    if not changes.name.strip():
        raise CatalogueEditRefused(gettext("Een aanbod heeft een naam nodig."), field="name")
    if (
        changes.minimum_age is not None
        and changes.maximum_age is not None
        and changes.minimum_age > changes.maximum_age
    ):
        raise CatalogueEditRefused(
            gettext("De minimumleeftijd is hoger dan de maximumleeftijd."),
            field="minimum_age",
        )
    if changes.status not in ServiceStatus.values:
        raise CatalogueEditRefused(gettext("Onbekende status."), field="status")
    if changes.referral_required and not changes.referrers:
        raise CatalogueEditRefused(
            gettext("Geef aan wie mag verwijzen als een verwijzing nodig is."), field="referrers"
        )


def _reindex(service: Service) -> None:
    """Bring the search index up to date for ``service`` (inside the transaction)."""
    from dichtbij.catalogue.search import search_index_update

    search_index_update(services=[service])


def service_update(*, service: Service, actor: User, changes: ServiceChanges) -> Service:
    """Save ``changes`` to ``service``; raises :class:`CatalogueEditRefused` on a broken rule.

    Without a referral requirement the service keeps no referrers.
    """
    _check(changes)
    values = {name: getattr(changes, name) for name in EDITABLE_FIELDS}
    values["name"] = changes.name.strip()
    values["referrers"] = (
        list(dict.fromkeys(changes.referrers)) if changes.referral_required else []
    )
    with transaction.atomic():
        for name, value in values.items():
            setattr(service, name, value)
        service.last_modified = timezone.now()
        service.save(update_fields=[*EDITABLE_FIELDS, "last_modified"])
        _reindex(service)
    return service


def service_mark_outdated(*, service: Service, actor: User, outdated: bool = True) -> Service:
    """Mark ``service`` outdated (search no longer shows it), or take the mark away."""
    with transaction.atomic():
        service.outdated = outdated
        service.last_modified = timezone.now()
        service.save(update_fields=["outdated", "last_modified"])
        _reindex(service)
    return service


def service_mark_checked(
    *, service: Service, actor: User, on: datetime.date | None = None
) -> Service:
    """Record that ``actor`` checked ``service`` (today, or ``on``): sets the assured date."""
    with transaction.atomic():
        service.assured_date = on or timezone.localdate()
        service.assurer_email = actor.email
        service.last_modified = timezone.now()
        service.save(update_fields=["assured_date", "assurer_email", "last_modified"])
        _reindex(service)
    return service
