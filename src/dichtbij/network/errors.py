"""Errors of the network app; each message is Dutch and names what was wrong."""

from dichtbij.utils.errors import DichtbijError


class UnknownExpertise(DichtbijError):
    """An expertise code that is not in the region's list (``specialist_help.expertise``)."""

    code = "unknown_expertise"
    status = 400


class AreaOutsideRegion(DichtbijError):
    """A gemeente, wijk or school that is not part of the region (or of the gemeente)."""

    code = "area_outside_region"
    status = 400


class ProfessionalNotAllowed(DichtbijError):
    """This user cannot work in this team (other region, role, or no longer active)."""

    code = "professional_not_allowed"
    status = 400


class TeamInactive(DichtbijError):
    """The team no longer appears in the region file."""

    code = "team_inactive"
    status = 400


class CaseloadCeilingInvalid(DichtbijError):
    """A caseload ceiling outside what a professional can carry."""

    code = "caseload_ceiling_invalid"
    status = 400


class SchoolOutsideTeamArea(DichtbijError):
    """A vast gezicht at a school where the team does not work."""

    code = "school_outside_team_area"
    status = 400


class DemoProfessionalsInvalid(DichtbijError):
    """The demo professionals file names a user, team or school that does not exist."""

    code = "demo_professionals_invalid"
    status = 400
