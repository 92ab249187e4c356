"""Domain errors of the accounts app."""

from dichtbij.utils.errors import DichtbijError


class OrganisationOutsideRegion(DichtbijError):
    code = "organisation_outside_region"


class DemoAccountsNotAllowed(DichtbijError):
    code = "demo_accounts_not_allowed"
    status = 403
