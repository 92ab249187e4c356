"""Domain errors of the families app.

Each error has a stable ``code``, an HTTP ``status`` for the API and a Dutch message.
When an error belongs to one form field, ``data["field"]`` names it (the name used by the
pages' forms and the API's input serializers), so both can show it at that field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dichtbij.utils.errors import DichtbijError, NotFoundOrForbidden

if TYPE_CHECKING:
    from dichtbij.families.models import Child


class FamiliesError(DichtbijError):
    """Base of the families errors: a default Dutch message and the field it belongs to."""

    default_message: ClassVar[str | Promise] = _("Dit kan niet.")
    field: ClassVar[str] = ""

    def __init__(self, message: str | Promise | None = None, **data: object) -> None:
        if self.field and "field" not in data:
            data["field"] = self.field
        super().__init__(self.default_message if message is None else message, **data)


class HouseholdNotFound(NotFoundOrForbidden):
    """The household does not exist or the viewer may not see it (alike, 404)."""

    code = "household_not_found"

    def __init__(self, message: str | Promise | None = None, **data: object) -> None:
        default = _("Dit gezin bestaat niet of u heeft er geen toegang toe.")
        super().__init__(default if message is None else message, **data)


class NotAllowed(FamiliesError):
    """The actor's role may not do this at all."""

    code = "families_action_not_allowed"
    status = 403
    default_message = _("Met uw rol kunt u dit niet doen.")


class MunicipalityOutsideRegion(FamiliesError):
    code = "municipality_outside_region"
    field = "municipality"
    default_message = _("Deze gemeente hoort niet bij uw regio.")


class DistrictOutsideMunicipality(FamiliesError):
    code = "district_outside_municipality"
    field = "district"
    default_message = _("Deze wijk hoort niet bij de gekozen gemeente.")


class NameRequired(FamiliesError):
    code = "name_required"
    field = "name"
    default_message = _("Vul een naam in.")


class InvalidBsn(FamiliesError):
    """The BSN is not nine digits passing the elfproef."""

    code = "invalid_bsn"
    field = "bsn"
    default_message = _(
        "Dit is geen geldig BSN. Een BSN heeft 9 cijfers en moet de elfproef doorstaan."
    )


class BirthDateInFuture(FamiliesError):
    code = "birth_date_in_future"
    field = "birth_date"
    default_message = _("De geboortedatum ligt in de toekomst.")


class SchoolOutsideRegion(FamiliesError):
    code = "school_outside_region"
    field = "school"
    default_message = _("Deze school hoort niet bij uw regio.")


class DuplicateChild(FamiliesError):
    """The child seems registered already in this region.

    ``match`` is ``"bsn"`` (always refused) or ``"name_birth_date"`` (refused unless the
    registration is confirmed with ``allow_duplicate``). ``existing`` is the child found;
    callers decide whether the viewer may be shown where it is.
    """

    code = "duplicate_child"
    status = 409
    default_message = _("Dit kind staat al geregistreerd.")

    MATCH_BSN: ClassVar[str] = "bsn"
    MATCH_NAME_BIRTH_DATE: ClassVar[str] = "name_birth_date"

    def __init__(self, *, existing: Child, match: str) -> None:
        if match == self.MATCH_BSN:
            super().__init__(match=match, may_register_anyway=False, field="bsn")
        else:
            super().__init__(match=match, may_register_anyway=True)
        self.existing = existing
        self.match = match

    @property
    def may_register_anyway(self) -> bool:
        """Only a name + birth date match may be registered anyway, never the same BSN."""
        return self.match != self.MATCH_BSN


class ParentalAuthorityOnlyForParents(FamiliesError):
    code = "parental_authority_only_for_parents"
    field = "has_parental_authority"
    default_message = _("Alleen een ouder of verzorger kan gezag hebben.")


class OrganisationOutsideRegion(FamiliesError):
    code = "organisation_outside_region"
    field = "organisation"
    default_message = _("Deze organisatie hoort niet bij de regio van het gezin.")


class InvolvementPartyInvalid(FamiliesError):
    code = "involvement_party_invalid"
    default_message = _("Kies een hulpverlener of een organisatie (precies één) uit de regio.")


class ConsentPeriodInvalid(FamiliesError):
    code = "consent_period_invalid"
    field = "valid_until"
    default_message = _("De einddatum ligt voor de begindatum.")


class ConsentGivenByRequired(FamiliesError):
    code = "consent_given_by_required"
    field = "given_by"
    default_message = _("Vul in wie de toestemming gaf.")


class ConsentAlreadyWithdrawn(FamiliesError):
    code = "consent_already_withdrawn"
    status = 409
    default_message = _("Deze toestemming is al ingetrokken.")


class ConsentRequired(FamiliesError):
    """Sharing needs a valid consent of the family, or a legal ground with explanation."""

    code = "consent_required"
    field = "consent"
    default_message = _(
        "Er is geen geldige toestemming van het gezin om dit met deze organisatie te delen. "
        "Leg eerst toestemming vast, of kies een wettelijke grond en licht die toe."
    )


class ShareItemNotAllowed(FamiliesError):
    """A party that sees the household limited may share only its own registration."""

    code = "share_item_not_allowed"
    status = 403
    field = "item"
    default_message = _(
        "U ziet dit gezin beperkt. U kunt alleen de hulpvraag delen die u zelf registreerde, "
        "met toestemming van het gezin voor een verwijzing."
    )


class ShareBasisAmbiguous(FamiliesError):
    code = "share_basis_ambiguous"
    field = "legal_ground"
    default_message = _("Kies toestemming óf een wettelijke grond, niet allebei.")


class ExplanationRequired(FamiliesError):
    code = "explanation_required"
    field = "explanation"
    default_message = _("Licht toe waarom u op deze wettelijke grond deelt.")


class EmergencyReasonRequired(FamiliesError):
    code = "emergency_reason_required"
    field = "reason"
    default_message = _("Schrijf op waarom u dit dossier zonder betrokkenheid moet inzien.")
