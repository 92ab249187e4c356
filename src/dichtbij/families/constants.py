"""Code lists of the families app. Stored values are stable; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dichtbij.accounts.constants import OrganisationKind, Role


class NetworkMemberKind(models.TextChoices):
    """Who someone in the child's network is."""

    PARENT = "parent", _("Ouder of verzorger")
    NETWORK_PERSON = "network_person", _("Iemand uit het netwerk")
    ORGANISATION = "organisation", _("Betrokken organisatie")


class InvolvementKind(models.TextChoices):
    """Why a professional or organisation is involved with a household (need to know)."""

    REGISTERED_WORKER = "registered_worker", _("Geregistreerde hulpverlener")
    RESPONSIBLE_TEAM = "responsible_team", _("Verantwoordelijk team")
    NAMED_IN_PLAN = "named_in_plan", _("Genoemd in het gezinsplan")
    REFERRER = "referrer", _("Verwijzer")
    SHARED_WITH = "shared_with", _("Gedeeld met toestemming of wettelijke grond")
    SPECIALIST_TEAM = "specialist_team", _("Specialistisch team")


class AccessLevel(models.TextChoices):
    """How much an involvement shows.

    ``full``: the whole file. ``limited``: the household's basics, what the party itself
    registered, and what the family consented to share with it (a GP who referred).
    """

    FULL = "full", _("Volledig dossier")
    LIMITED = "limited", _("Alleen eigen aanmeldingen en wat gedeeld is")


class ConsentPurpose(models.TextChoices):
    """What shared information may be used for."""

    PLAN_SHARING = "plan_sharing", _("Het gezinsplan delen om samen te helpen")
    REFERRAL = "referral", _("Verwijzing naar specialistische hulp")
    INFORMATION_EXCHANGE = "information_exchange", _("Informatie uitwisselen over de hulp")


class SharedItem(models.TextChoices):
    """What is shared with a recipient."""

    PLAN = "plan", _("Gezinsplan")
    HELP_REQUEST = "help_request", _("Hulpvraag")
    WHOLE_FILE = "whole_file", _("Het hele dossier")


class ConsentMethod(models.TextChoices):
    """How the family gave (or withdrew) consent."""

    IN_CONVERSATION = "in_conversation", _("Mondeling, in een gesprek")
    IN_WRITING = "in_writing", _("Schriftelijk, op papier")
    DIGITAL = "digital", _("Digitaal, door het gezin zelf")


class LegalGround(models.TextChoices):
    """A ground in law to share without consent, recorded by the professional."""

    SAFETY = "safety", _("Veiligheid van het kind (meldcode, zwaarwegend belang)")
    CHILD_PROTECTION = (
        "child_protection",
        _("Kinderbeschermingsmaatregel of rechterlijke uitspraak"),
    )
    LEGAL_DUTY = "legal_duty", _("Wettelijke plicht (Jeugdwet)")


class ShareBasis(models.TextChoices):
    """On what a share rests: the family's consent or a legal ground."""

    CONSENT = "consent", _("Toestemming")
    LEGAL_GROUND = "legal_ground", _("Wettelijke grond")


#: Roles that may register a family and the access they get to it: a local-team worker
#: (or coordinator) sees the whole file, a referrer (GP, jeugdarts) only what they
#: registered and what is shared with them.
REGISTERING_ROLES: dict[str, tuple[InvolvementKind, AccessLevel]] = {
    Role.LOCAL_TEAM_WORKER: (InvolvementKind.REGISTERED_WORKER, AccessLevel.FULL),
    Role.TEAM_COORDINATOR: (InvolvementKind.REGISTERED_WORKER, AccessLevel.FULL),
    Role.REFERRER: (InvolvementKind.REFERRER, AccessLevel.LIMITED),
}

#: Roles that care for families and may "break the glass" in their own region. Policy,
#: functional administrators and the privacy officer never open a family's file.
EMERGENCY_ACCESS_ROLES = frozenset(
    {Role.LOCAL_TEAM_WORKER, Role.TEAM_COORDINATOR, Role.SPECIALIST, Role.REFERRER}
)

#: Organisation kinds that are a first door: a household registered by one of their
#: workers gets that organisation as its responsible team.
FIRST_DOOR_ORGANISATION_KINDS = frozenset({OrganisationKind.LOCAL_TEAM, OrganisationKind.CJG})
