"""Code lists of the regions app.

The stored value of each choice is what a region file writes; labels are translated.
``ReferrerType`` and ``FundingModel`` follow the iJw 3.2 code lists (COD327 verwijzer type
and uitvoeringsvariant); the others are this platform's own vocabulary.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferrerType(models.TextChoices):
    """COD327 Verwijzer type (iJw 3.2). There is no code 07."""

    MUNICIPALITY = "01", _("Gemeente")
    GENERAL_PRACTITIONER = "02", _("Huisarts")
    YOUTH_DOCTOR = "03", _("Jeugdarts")
    CERTIFIED_INSTITUTION = "04", _("Gecertificeerde instelling")
    MEDICAL_SPECIALIST = "05", _("Medisch specialist")
    SELF_REFERRAL = "06", _("Zelfverwijzer / geen verwijzer")
    JUDGE = "08", _("Rechter, officier van justitie, functionaris JJI")


#: Referrer types the Jeugdwet always allows to refer (GI and court): every region file
#: must list them among its referrers.
REFERRERS_REQUIRED_BY_LAW = (ReferrerType.CERTIFIED_INSTITUTION, ReferrerType.JUDGE)


class FundingModel(models.TextChoices):
    """Uitvoeringsvariant (iJw 3.2): how a kind of help is paid."""

    EFFORT_BASED = "inspanningsgericht", _("Inspanningsgericht (per eenheid)")
    OUTPUT_BASED = "outputgericht", _("Outputgericht (per resultaat)")
    TASK_BASED = "taakgericht", _("Taakgericht (budget voor een taak)")


class HelpKind(models.TextChoices):
    """The kinds of help a region names a funding model for."""

    FREE_ACCESS = "vrij_toegankelijk", _("Vrij toegankelijke hulp")
    LOCAL_TEAM = "lokaal_team", _("Hulp door het lokale team")
    AMBULANT = "ambulant", _("Ambulante jeugdhulp")
    RESIDENTIAL = "verblijf", _("Jeugdhulp met verblijf")
    CRISIS = "crisis", _("Crisishulp")


class SpecialistStructure(models.TextChoices):
    """How a region organises its specialist help."""

    AREA_TEAMS = "area_teams", _("Gebiedsteams van één aanbieder")
    CONSORTIA = "consortia", _("Samenwerkingsverbanden per wijk")
    LEAD_PROVIDER = "lead_provider", _("Hoofdaannemer per traject")
    PER_PRODUCT = "per_product", _("Contracten per product")


class ContractorKind(models.TextChoices):
    """What kind of party holds a specialist-help contract."""

    PROVIDER = "aanbieder", _("Jeugdhulpaanbieder")
    CONSORTIUM = "samenwerkingsverband", _("Samenwerkingsverband")


class FirstDoorKind(models.TextChoices):
    """The kind of organisation that is a region's first door."""

    LOCAL_TEAM = "lokaal_team", _("Lokaal (wijk)team")
    NEIGHBOURHOOD_TEAM = "buurtteam", _("Buurtteam")
    CJG = "cjg", _("Centrum voor Jeugd en Gezin")


class PlanLead(models.TextChoices):
    """Who holds regie over a family plan by default."""

    FAMILY = "gezin", _("Het gezin")
    LOCAL_TEAM = "lokaal_team", _("Het lokale team")


class DistrictKind(models.TextChoices):
    """What the parts of a gemeente are called."""

    WIJK = "wijk", _("Wijk")
    KERN = "kern", _("Kern")
    STADSDEEL = "stadsdeel", _("Stadsdeel")


class SchoolKind(models.TextChoices):
    """Sort of school."""

    PRIMARY = "po", _("Primair onderwijs")
    SECONDARY = "vo", _("Voortgezet onderwijs")
    SPECIAL = "so", _("Speciaal onderwijs")


class LoadStatus(models.TextChoices):
    """What loading a region file did to its region."""

    CREATED = "created", _("aangemaakt")
    UPDATED = "updated", _("bijgewerkt")
    UNCHANGED = "unchanged", _("ongewijzigd")
