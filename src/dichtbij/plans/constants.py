"""Code lists of the plans app. Stored values are stable; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dichtbij.regions.constants import PlanLead

__all__ = [
    "ActionOwner",
    "AgreementMethod",
    "GoalResult",
    "GoalSetWith",
    "PlanLead",
    "SelfReliance",
]


class SelfReliance(models.IntegerChoices):
    """The 5-point self-reliance scale of a life domain (as in the Zelfredzaamheid-Matrix)."""

    ACUTE = 1, _("Acuut probleem")
    NOT_SELF_RELIANT = 2, _("Niet zelfredzaam")
    LIMITED = 3, _("Beperkt zelfredzaam")
    SUFFICIENT = 4, _("Voldoende zelfredzaam")
    FULL = 5, _("Volledig zelfredzaam")


class GoalSetWith(models.TextChoices):
    """With whom a goal was set: the child, the parents, or both."""

    CHILD = "child", _("De jeugdige")
    PARENTS = "parents", _("De ouders")


class ActionOwner(models.TextChoices):
    """Who does an action of the plan."""

    FAMILY = "family", _("Het gezin")
    NETWORK = "network", _("Het netwerk")
    SCHOOL = "school", _("School")
    LOCAL_TEAM = "local_team", _("Het lokale team")
    WELFARE = "welfare", _("Welzijn")
    DEBT_HELP = "debt_help", _("Schuldhulp")
    SPECIALIST_TEAM = "specialist_team", _("Specialistisch team")
    OTHER = "other", _("Iemand anders")


class AgreementMethod(models.TextChoices):
    """How the family agreed to a version of the plan."""

    IN_CONVERSATION = "in_conversation", _("In een gesprek")
    IN_WRITING = "in_writing", _("Schriftelijk, op papier")
    DIGITAL = "digital", _("Digitaal, door het gezin zelf")


class GoalResult(models.TextChoices):
    """The result of a goal at an evaluation."""

    ACHIEVED = "achieved", _("Bereikt")
    PARTLY = "partly", _("Deels bereikt")
    NOT_ACHIEVED = "not_achieved", _("Niet bereikt")
    NO_LONGER_RELEVANT = "no_longer_relevant", _("Niet meer nodig")
