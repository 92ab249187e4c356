"""What each role can do: the tasks on its home page.

A task with ``url_name`` links to a page that exists; one without names work that the
platform will support but that is not built yet, so the page does not promise a link.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dichtbij.accounts.constants import Role


@dataclass(frozen=True)
class Task:
    title: str | Promise
    description: str | Promise
    url_name: str | None = None


_REGION = Task(
    _("Werkwijze van mijn regio"),
    _("Gemeenten, wijken, de eerste toegang, wie mag verwijzen en hoe hulp wordt betaald."),
    "regions:mine",
)
_CATALOGUE = Task(
    _("Sociale kaart"),
    _("Hulp in uw regio, wie ernaar mag verwijzen en hoe lang de wachttijd is."),
    "catalogue:pro_search",
)
_REFERRALS = Task(
    _("Verwijzingen en meldingen"),
    _("Wat er met uw verwijzingen gebeurt: ontvangen, geaccepteerd, verwachte start."),
    "referrals:mine",
)
_NOTIFICATIONS = Task(
    _("Meldingen"),
    _("Nieuwe verwijzingen en termijnen die verlopen zijn."),
    "referrals:mine",
)
_ACCOUNT = Task(_("Mijn account"), _("Uw gegevens en tweestapsverificatie."), "accounts:profile")

ROLE_INTRO: dict[str, str | Promise] = {
    Role.FAMILY: _("Vind hulp dichtbij, vraag hulp aan en werk samen aan uw gezinsplan."),
    Role.LOCAL_TEAM_WORKER: _(
        "Neem hulpvragen aan, bepaal samen met het gezin wat helpt en houd het gezinsplan bij."
    ),
    Role.REFERRER: _(
        "Verwijs naar specialistische jeugdhulp als gewone hulp niet genoeg is, en volg "
        "wat er met uw verwijzing gebeurt."
    ),
    Role.SPECIALIST: _("Ontvang verwijzingen voor uw team, bied hulp en leg resultaten vast."),
    Role.TEAM_COORDINATOR: _("Bewaak capaciteit en wachtlijst van uw team en verdeel het werk."),
    Role.POLICY: _(
        "Stuur op wachttijden, resultaten en kosten. U ziet alleen totalen, nooit personen."
    ),
    Role.FUNCTIONAL_ADMIN: _("Beheer de regio-instellingen, de sociale kaart en de gebruikers."),
    Role.PRIVACY_OFFICER: _("Houd toezicht op wie welke persoonsgegevens inziet en waarom."),
}

ROLE_TASKS: dict[str, list[Task]] = {
    Role.FAMILY: [
        Task(
            _("Hulp zoeken zonder verwijzing"),
            _("Activiteiten, trainingen, maatjes en advies bij u in de buurt."),
            "catalogue:search",
        ),
        Task(_("Ons gezinsplan"), _("Uw doelen, afspraken en wie wat doet.")),
        _ACCOUNT,
    ],
    Role.LOCAL_TEAM_WORKER: [
        Task(
            _("Mijn gezinnen"),
            _("Hulpvragen, triage en gezinsplannen van de gezinnen waar u bij betrokken bent."),
            "web:caseload",
        ),
        Task(
            _("Gezin aanmelden"),
            _("Een nieuw gezin registreren en de hulpvraag opnemen."),
            "families:register",
        ),
        _REFERRALS,
        Task(
            _("Sociale kaart"),
            _("Gewone hulp zonder verwijzing voor dit kind en deze gemeente."),
            "catalogue:pro_search",
        ),
        _REGION,
        _ACCOUNT,
    ],
    Role.REFERRER: [
        Task(
            _("Gezin aanmelden"),
            _("Een gezin registreren en de hulpvraag opnemen; van daaruit verwijst u."),
            "families:register",
        ),
        _REFERRALS,
        _CATALOGUE,
        _REGION,
        _ACCOUNT,
    ],
    Role.SPECIALIST: [
        Task(
            _("Inbox verwijzingen"),
            _("Nieuwe verwijzingen voor uw team: ontvangen, accepteren of afwijzen."),
            "referrals:my_team",
        ),
        _NOTIFICATIONS,
        _CATALOGUE,
        _REGION,
        _ACCOUNT,
    ],
    Role.TEAM_COORDINATOR: [
        Task(
            _("Inbox en wachtlijst"),
            _("Nieuwe verwijzingen, wie wacht, hoe lang, en wanneer hulp kan starten."),
            "referrals:my_team",
        ),
        _NOTIFICATIONS,
        _CATALOGUE,
        _REGION,
        _ACCOUNT,
    ],
    Role.POLICY: [
        Task(
            _("Monitor"),
            _("Instroom, wachttijden, resultaten, uithuisplaatsingen en kosten, als totalen."),
        ),
        _REGION,
        _ACCOUNT,
    ],
    Role.FUNCTIONAL_ADMIN: [
        Task(_("Beheeromgeving"), _("Gebruikers, organisaties en lidmaatschappen."), "admin:index"),
        Task(
            _("Sociale kaart beheren"),
            _("Aanbod bewerken, verouderd aanbod markeren en controleren wat 12 maanden oud is."),
            "catalogue:manage_list",
        ),
        _REGION,
        _ACCOUNT,
    ],
    Role.PRIVACY_OFFICER: [
        Task(
            _("Auditlog"),
            _("Filter op persoon, gebruiker en periode; exporteer als CSV."),
            "privacy:audit_log",
        ),
        _REGION,
        _ACCOUNT,
    ],
}
