"""The triage rules of each shipped region, as tables: facts → outcome, urgency, rule.

The engine is pure (no database): these tests read the region files themselves.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from functools import cache

import pytest

from dichtbij.catalogue.hsds.constants import TAXONOMY_FILE
from dichtbij.regions.config import region_file_read
from dichtbij.regions.schema import TRIAGE_PLACEHOLDERS, Triage
from dichtbij.regions.tests.region_files import DATA_DIR
from dichtbij.requests.constants import (
    Answer,
    ProblemDuration,
    RequestSource,
    Severity,
    TriageOutcome,
    Urgency,
)
from dichtbij.requests.triage import (
    OUTCOME_REASON_PREFIX,
    TriageFacts,
    rule_holds,
    triage_evaluate,
    triage_rules_hash,
)

REGIONS = ("amersfoort", "utrecht", "amsterdam", "kennemerland")

#: What the service would fill in from the region and household; fixed here.
CONTEXT = {name: f"<{name}>" for name in TRIAGE_PLACEHOLDERS} | {
    "first_door_organisations": "Het Team",
    "referrer_reason": "Hier mogen verwijzen: gemeente, huisarts, GI.",
}

#: A mild, assessed request by a local-team worker (who may refer), nothing unsafe.
BASE = TriageFacts(
    unsafe_at_home=Answer.NO,
    risk_of_harm=Answer.NO,
    duration=ProblemDuration.ONE_TO_SIX_MONTHS,
    ordinary_help_tried=False,
    severity=Severity.MILD,
    ordinary_help_enough=Answer.YES,
    referrer_type="01",
    registrant_may_refer=True,
)

ACUTE, ORDINARY, LOCAL, SPECIALIST = (
    TriageOutcome.ACUTE,
    TriageOutcome.ORDINARY_HELP,
    TriageOutcome.LOCAL_TEAM_SUPPORT,
    TriageOutcome.SPECIALIST_HELP,
)
SPOED, HOOG, NORMAAL = Urgency.URGENT, Urgency.HIGH, Urgency.NORMAL


@cache
def triage_of(region: str) -> Triage:
    return region_file_read(path=DATA_DIR / f"{region}.toml").config.triage


def advise(region: str, **facts: object):
    return triage_evaluate(
        facts=replace(BASE, **facts),  # type: ignore[arg-type]
        triage=triage_of(region),
        context=CONTEXT,
    )


# The rows every region shares: safety first, then what is unclear about safety.
SAFETY_ROWS = [
    ("unsafe_at_home", {"unsafe_at_home": Answer.YES}, ACUTE, SPOED, "onveilig_thuis"),
    ("risk_of_harm", {"risk_of_harm": Answer.YES}, ACUTE, SPOED, "risico_op_schade"),
    (
        "unsafe_even_if_severe_and_tried",
        {
            "unsafe_at_home": Answer.YES,
            "severity": Severity.SEVERE,
            "ordinary_help_tried": True,
            "ordinary_help_enough": Answer.NO,
        },
        ACUTE,
        SPOED,
        "onveilig_thuis",
    ),
    (
        "unsafe_without_assessment",
        {"unsafe_at_home": Answer.YES, "severity": None, "ordinary_help_enough": None},
        ACUTE,
        SPOED,
        "onveilig_thuis",
    ),
    (
        "safety_unclear_at_home",
        {"unsafe_at_home": Answer.UNKNOWN, "severity": Severity.SEVERE},
        LOCAL,
        HOOG,
        "veiligheid_thuis_onduidelijk",
    ),
    ("risk_unclear", {"risk_of_harm": Answer.UNKNOWN}, LOCAL, HOOG, "risico_onduidelijk"),
]

REGION_ROWS = {
    "amersfoort": [
        ("severe", {"severity": Severity.SEVERE}, SPECIALIST, HOOG, "ernstig"),
        ("acute_domain", {"lowest_score": 1}, SPECIALIST, HOOG, "zelfredzaamheid_acuut"),
        (
            "tried_and_not_enough",
            {
                "severity": Severity.MODERATE,
                "ordinary_help_tried": True,
                "ordinary_help_enough": Answer.NO,
            },
            SPECIALIST,
            NORMAAL,
            "gewone_hulp_geprobeerd_niet_genoeg",
        ),
        (
            "not_enough_but_not_tried_starts_at_school",
            {"severity": Severity.MODERATE, "ordinary_help_enough": Answer.NO},
            LOCAL,
            NORMAAL,
            "gewone_hulp_niet_genoeg_eerst_school_en_basis",
        ),
        ("low_score", {"lowest_score": 2}, LOCAL, HOOG, "zelfredzaamheid_laag"),
        ("about_school", {"themes": ("thema:pesten",)}, ORDINARY, NORMAAL, "vraag_over_school"),
        ("moderate", {"severity": Severity.MODERATE}, LOCAL, NORMAAL, "matig"),
        ("mild", {}, ORDINARY, NORMAAL, "gewone_hulp"),
    ],
    "utrecht": [
        ("severe", {"severity": Severity.SEVERE}, SPECIALIST, HOOG, "ernstig"),
        ("acute_domain", {"lowest_score": 1}, SPECIALIST, HOOG, "zelfredzaamheid_acuut"),
        (
            "tried_and_not_enough",
            {"ordinary_help_tried": True, "ordinary_help_enough": Answer.NO},
            SPECIALIST,
            NORMAAL,
            "gewone_hulp_geprobeerd_niet_genoeg",
        ),
        (
            "not_enough_buurtteam_first",
            {"severity": Severity.MODERATE, "ordinary_help_enough": Answer.NO},
            LOCAL,
            NORMAAL,
            "buurtteam_helpt_eerst",
        ),
        ("low_score", {"lowest_score": 2}, LOCAL, HOOG, "zelfredzaamheid_laag"),
        ("moderate", {"severity": Severity.MODERATE}, LOCAL, NORMAAL, "matig"),
        (
            "mild_but_long",
            {"duration": ProblemDuration.OVER_A_YEAR},
            LOCAL,
            NORMAAL,
            "licht_maar_langdurig",
        ),
        (
            "about_school_is_ordinary_help",
            {"themes": ("thema:pesten",)},
            ORDINARY,
            NORMAAL,
            "gewone_hulp",
        ),
        ("mild", {}, ORDINARY, NORMAAL, "gewone_hulp"),
    ],
    "amsterdam": [
        ("severe", {"severity": Severity.SEVERE}, SPECIALIST, HOOG, "ernstig"),
        ("acute_domain", {"lowest_score": 1}, SPECIALIST, HOOG, "zelfredzaamheid_acuut"),
        (
            "not_enough_is_specialist_help_even_untried",
            {"severity": Severity.MODERATE, "ordinary_help_enough": Answer.NO},
            SPECIALIST,
            NORMAAL,
            "gewone_hulp_niet_genoeg",
        ),
        ("low_score_supports_regie", {"lowest_score": 2}, LOCAL, HOOG, "regie_ondersteunen"),
        (
            "money",
            {"themes": ("thema:geldzorgen-schulden",)},
            LOCAL,
            NORMAAL,
            "geld_wonen_werk",
        ),
        ("moderate", {"severity": Severity.MODERATE}, LOCAL, NORMAAL, "matig"),
        ("mild", {}, ORDINARY, NORMAAL, "gewone_hulp"),
    ],
    "kennemerland": [
        (
            "severe_by_a_jeugdarts_goes_via_the_cjg",
            {"severity": Severity.SEVERE, "referrer_type": "03", "registrant_may_refer": False},
            SPECIALIST,
            HOOG,
            "ernstig_verwijzing_via_cjg",
        ),
        (
            "severe_by_the_family_goes_via_the_cjg",
            {
                "severity": Severity.SEVERE,
                "referrer_type": "06",
                "registrant_may_refer": False,
                "source": RequestSource.FAMILY,
            },
            SPECIALIST,
            HOOG,
            "ernstig_verwijzing_via_cjg",
        ),
        ("severe_by_the_cjg", {"severity": Severity.SEVERE}, SPECIALIST, HOOG, "ernstig"),
        ("acute_domain", {"lowest_score": 1}, SPECIALIST, HOOG, "zelfredzaamheid_acuut"),
        (
            "tried_and_not_enough",
            {"ordinary_help_tried": True, "ordinary_help_enough": Answer.NO},
            SPECIALIST,
            NORMAAL,
            "gewone_hulp_geprobeerd_niet_genoeg",
        ),
        (
            "not_enough_cjg_coach_first",
            {"severity": Severity.MODERATE, "ordinary_help_enough": Answer.NO},
            LOCAL,
            NORMAAL,
            "cjg_coaching_eerst",
        ),
        ("low_score", {"lowest_score": 2}, LOCAL, HOOG, "zelfredzaamheid_laag"),
        ("divorce", {"themes": ("thema:scheiding",)}, ORDINARY, NORMAAL, "themahulp"),
        ("moderate", {"severity": Severity.MODERATE}, LOCAL, NORMAAL, "matig"),
        ("mild", {}, ORDINARY, NORMAAL, "gewone_hulp"),
    ],
}

CASES = [
    pytest.param(region, facts, outcome, urgency, rule, id=f"{region}-{name}")
    for region in REGIONS
    for name, facts, outcome, urgency, rule in SAFETY_ROWS + REGION_ROWS[region]
]


@pytest.mark.parametrize(("region", "facts", "outcome", "urgency", "rule"), CASES)
def test_the_region_rules_give_the_expected_advice(region, facts, outcome, urgency, rule) -> None:
    result = advise(region, **facts)
    assert (result.outcome, result.urgency, result.rule_code) == (outcome, urgency, rule)


@pytest.mark.parametrize("region", REGIONS)
def test_unsafe_at_home_is_acute_with_spoed_whatever_else_is_said(region) -> None:
    others = itertools.product(
        [*Severity.values, None],
        [*Answer.values, None],
        [True, False],
        [None, 1, 3, 5],
        [("01", True), ("03", False), ("06", False)],
        [(), ("thema:pesten",), ("thema:scheiding", "thema:geldzorgen-schulden")],
    )
    for severity, enough, tried, score, (referrer, may_refer), themes in others:
        for fact in ("unsafe_at_home", "risk_of_harm"):
            result = advise(
                region,
                **{fact: Answer.YES},
                severity=severity,
                ordinary_help_enough=enough,
                ordinary_help_tried=tried,
                lowest_score=score,
                referrer_type=referrer,
                registrant_may_refer=may_refer,
                themes=themes,
            )
            assert (result.outcome, result.urgency) == (ACUTE, SPOED), (fact, severity, enough)


def test_the_same_facts_get_different_advice_where_the_regional_models_differ() -> None:
    not_enough = {"severity": Severity.MODERATE, "ordinary_help_enough": Answer.NO}
    assert advise("amersfoort", **not_enough).outcome == LOCAL  # school and sociale basis first
    assert advise("utrecht", **not_enough).outcome == LOCAL  # the buurtteam helps first
    assert advise("amsterdam", **not_enough).outcome == SPECIALIST  # cannot be enough: supplement
    assert advise("kennemerland", **not_enough).outcome == LOCAL  # a CJG coach first
    long_and_mild = {"duration": ProblemDuration.OVER_A_YEAR}
    assert advise("utrecht", **long_and_mild).outcome == LOCAL
    assert advise("amersfoort", **long_and_mild).outcome == ORDINARY


def test_kennemerland_says_who_may_refer_when_the_registrant_may_not() -> None:
    result = advise(
        "kennemerland", severity=Severity.SEVERE, referrer_type="03", registrant_may_refer=False
    )
    rule_text, outcome_text = (reason.text for reason in result.reasons)
    assert "CJG" in rule_text
    assert "huisarts" in rule_text
    assert "gecertificeerde instelling" in rule_text
    assert "de jeugdarts kan hier niet verwijzen" in rule_text
    assert "Het Team beoordeelt de vraag" in rule_text
    assert "alleen met een verwijzing" in outcome_text
    assert CONTEXT["referrer_reason"] in outcome_text


@pytest.mark.parametrize("region", REGIONS)
def test_an_advice_gives_the_rule_reason_then_the_region_text_all_filled_in(region) -> None:
    for _name, facts, *_expected in SAFETY_ROWS + REGION_ROWS[region]:
        result = advise(region, **facts)
        codes = [reason.code for reason in result.reasons]
        assert codes == [result.rule_code, f"{OUTCOME_REASON_PREFIX}{result.outcome}"]
        for reason in result.reasons:
            assert reason.text.strip()
            assert "{" not in reason.text and "}" not in reason.text


@pytest.mark.parametrize("region", REGIONS)
def test_acute_advice_searches_crisis_help_and_veilig_thuis(region) -> None:
    searches = advise(region, unsafe_at_home=Answer.YES).offer_searches
    assert any(search.kind == "soort:crisis" for search in searches)
    assert any(search.theme == "thema:huiselijk-geweld-veiligheid" for search in searches)


@pytest.mark.parametrize("region", REGIONS)
def test_ordinary_help_searches_without_referral_by_the_request_themes(region) -> None:
    searches = advise(region).offer_searches
    assert searches
    assert all(search.without_referral for search in searches)
    assert any(search.themes_of_request for search in searches)


def test_a_rule_with_its_own_offers_replaces_the_outcome_offers() -> None:
    searches = advise("amersfoort", themes=("thema:pesten",)).offer_searches
    assert searches[0].kind == "soort:school-ondersteuning"


@pytest.mark.parametrize("region", REGIONS)
def test_every_theme_a_region_file_names_exists_in_the_taxonomy(region) -> None:
    with TAXONOMY_FILE.open(encoding="utf-8") as handle:
        codes = {term["code"] for term in json.load(handle)["taxonomy_terms"]}
    triage = triage_of(region)
    named = {code for rule in triage.rules for code in rule.when.themes_any or ()}
    searches = [search for o in triage.outcomes for search in o.offers]
    searches += [search for rule in triage.rules for search in rule.offers or ()]
    named |= {search.theme for search in searches if search.theme}
    named |= {search.kind for search in searches if search.kind}
    assert named <= codes


def test_a_condition_on_an_unknown_fact_does_not_hold() -> None:
    rule = triage_of("amersfoort").rules[4]  # ernstig
    assert rule_holds(rule.when, replace(BASE, severity=Severity.SEVERE))
    assert not rule_holds(rule.when, replace(BASE, severity=None))


def test_the_rules_hash_names_the_exact_rule_set() -> None:
    amersfoort, utrecht = triage_of("amersfoort"), triage_of("utrecht")
    assert triage_rules_hash(amersfoort) == triage_rules_hash(amersfoort)
    assert triage_rules_hash(amersfoort) != triage_rules_hash(utrecht)
    assert len(triage_rules_hash(amersfoort)) == 64
