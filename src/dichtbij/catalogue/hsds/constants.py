"""Names the HSDS import and export agree on: taxonomy codes, referrers, sections."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Final

#: Term codes of the facts HSDS lacks, as the shared dataset encodes them (its README).
REFERRAL_REQUIRED: Final = "verwijzing:nodig"
REFERRAL_NOT_REQUIRED: Final = "verwijzing:niet-nodig"
WAITING_WEEKS: Final = "kenmerk:wachttijd-weken"
#: Dichtbij's own term: the help is delivered at school. ``value`` "nee" says it is not,
#: overriding :data:`SCHOOL_SUPPORT`.
AT_SCHOOL: Final = "kenmerk:op-school"
#: A kind of help (``soort``) that is delivered at or through school.
SCHOOL_SUPPORT: Final = "soort:school-ondersteuning"

#: Codes whose attributes the importer turns into columns and the exporter writes back
#: from them (the columns are the truth; catalogue management edits the columns).
DERIVED_CODES: Final = frozenset(
    {REFERRAL_REQUIRED, REFERRAL_NOT_REQUIRED, WAITING_WEEKS, AT_SCHOOL}
)

#: ``link_type`` of the attributes the exporter writes for the derived facts.
LINK_TYPE_REFERRAL: Final = "verwijzing"
LINK_TYPE_WAITING: Final = "wachttijd"
LINK_TYPE_FEATURE: Final = "kenmerk"

#: Who may refer, as ``attribute.value`` of ``verwijzing:nodig`` names them.
REFERRERS: Final = (
    "wijkteam-gemeente",
    "huisarts",
    "jeugdarts",
    "medisch-specialist",
    "gecertificeerde-instelling",
)

#: Values of the ``kenmerk:op-school`` attribute.
YES_VALUES: Final = frozenset({"", "ja", "true", "1"})
NO_VALUES: Final = frozenset({"nee", "false", "0"})

#: The lists of the shared dataset's wrapper object, in the order they are written.
WRAPPER_LISTS: Final = (
    "taxonomies",
    "taxonomy_terms",
    "organizations",
    "locations",
    "services",
    "service_at_locations",
)
#: Other keys a wrapper may have (not imported).
WRAPPER_OTHER: Final = frozenset({"meta"})

#: The id scheme of the shared dataset (its README): uuid5 of ``<objecttype>/<key>``.
SHARED_NAMESPACE: Final = uuid.uuid5(
    uuid.NAMESPACE_URL, "https://socialekaart-eemland.example.nl/hsds/2026"
)
#: Namespace of ids Dichtbij makes itself (own demo data, synthetic data, attributes the
#: exporter has to add).
DICHTBIJ_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_URL, "https://dichtbij.example.nl/hsds")

#: The project's own catalogue files (demo catalogues and the taxonomy).
CATALOGUE_DATA_DIR: Final = Path(__file__).resolve().parent.parent / "data"
#: The project's vocabulary: the shared dataset's taxonomies (same ids and codes) plus
#: Dichtbij's own terms; used where the shared dataset is absent.
TAXONOMY_FILE: Final = CATALOGUE_DATA_DIR / "taxonomie.json"
