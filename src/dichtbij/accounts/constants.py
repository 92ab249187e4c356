"""Roles of users and kinds of organisations (DESIGN.md section 2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user does in the platform; decides their home page and permissions."""

    FAMILY = "family", _("Ouder of jongere")
    LOCAL_TEAM_WORKER = "local_team_worker", _("Medewerker lokaal team / CJG")
    REFERRER = "referrer", _("Verwijzer (huisarts, POH-Jeugd, jeugdarts, medisch specialist, GI)")
    SPECIALIST = "specialist", _("Medewerker specialistisch team")
    TEAM_COORDINATOR = "team_coordinator", _("Teamcoördinator")
    POLICY = "policy", _("Gemeente: beleid en contractbeheer")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functioneel beheer")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")


#: Roles that work with other people's data: they need two-factor authentication
#: in production. Families log in for their own file only.
PROFESSIONAL_ROLES = frozenset(Role) - {Role.FAMILY}


class OrganisationKind(models.TextChoices):
    """The kind of organisation a user works for."""

    LOCAL_TEAM = "local_team", _("Lokaal team / buurtteam")
    CJG = "cjg", _("Centrum voor Jeugd en Gezin")
    GP_PRACTICE = "gp_practice", _("Huisartsenpraktijk")
    PROVIDER = "provider", _("Jeugdhulpaanbieder")
    SPECIALIST_TEAM = "specialist_team", _("Specialistisch team")
    MUNICIPALITY = "municipality", _("Gemeente")
