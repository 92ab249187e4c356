"""Rules that relate the values of one region file to each other.

:mod:`dichtbij.regions.schema` checks each value on its own; this module checks
duplicates, references (to gemeenten, wijken and contractors), coverage (every gemeente has
a first door; every gemeente has an area team, or every wijk exactly one consortium) and
what the law requires of the referrers. It reads the raw TOML data rather than the
validated model, so one run reports every problem of a file: a value of the wrong shape is
skipped here (the schema reports it) and the rest is still checked.

:func:`region_data_problems` returns ``(key, message)`` pairs with Dutch messages.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext

from dichtbij.regions.constants import (
    REFERRERS_REQUIRED_BY_LAW,
    ContractorKind,
    SpecialistStructure,
)
from dichtbij.regions.schema import Answer, TriageOutcome, Urgency

Table = Mapping[str, object]
KeyedProblem = tuple[str, str]


@dataclass
class _Gemeente:
    key: str
    name: str
    wijken: dict[str, str] = field(default_factory=dict)  # wijk name -> its key

    def label(self, code: str) -> str:
        return f"{self.name} ({code})" if self.name else code


@dataclass
class _Report:
    problems: list[KeyedProblem] = field(default_factory=list)

    def add(self, key: str, message: str) -> None:
        if (key, message) not in self.problems:
            self.problems.append((key, message))


# --- Reading raw data without trusting its shape --------------------------------------


def _table(value: object) -> Table:
    return value if isinstance(value, dict) else {}


def _tables(value: object) -> list[tuple[int, Table]]:
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


def _texts(value: object) -> list[tuple[int, str]]:
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, str)]


def _text(table: Table, key: str) -> str | None:
    value = table.get(key)
    return value if isinstance(value, str) else None


def _unique(report: _Report, items: list[tuple[str, str]], what: str) -> None:
    """Report each ``(key, value)`` whose value was seen before."""
    seen: dict[str, str] = {}
    for key, value in items:
        if value in seen:
            report.add(
                key,
                gettext('dubbel: %(what)s "%(value)s" staat ook bij %(other)s')
                % {"what": what, "value": value, "other": seen[value]},
            )
        else:
            seen[value] = key


# --- Checks ---------------------------------------------------------------------------


def region_data_problems(data: Table) -> list[KeyedProblem]:
    """Every cross-value problem of one region file's raw data, in file order."""
    report = _Report()
    gemeenten = _check_gemeenten(data, report)
    _check_first_door(_table(data.get("first_door")), gemeenten, report)
    _check_referral(_table(data.get("referral")), report)
    _check_specialist_help(_table(data.get("specialist_help")), gemeenten, report)
    _check_network(data, gemeenten, report)
    for section in ("life_domains", "principles"):
        entries = _tables(data.get(section))
        codes = [(f"{section}[{i}].code", _text(entry, "code")) for i, entry in entries]
        _unique(report, [(k, v) for k, v in codes if v is not None], gettext("code"))
    domain_names = [
        (f"life_domains[{i}].name", _text(entry, "name"))
        for i, entry in _tables(data.get("life_domains"))
    ]
    _unique(report, [(k, v) for k, v in domain_names if v is not None], gettext("naam"))
    _check_schools(data, gemeenten, report)
    _check_triage(_table(data.get("triage")), report)
    return report.problems


def _check_gemeenten(data: Table, report: _Report) -> dict[str, _Gemeente]:
    known: dict[str, _Gemeente] = {}
    names: list[tuple[str, str]] = []
    for i, entry in _tables(data.get("gemeenten")):
        code, name = _text(entry, "code"), _text(entry, "name")
        key = f"gemeenten[{i}]"
        if name is not None:
            names.append((f"{key}.name", name))
        if code is None:
            continue
        if code in known:
            report.add(
                f"{key}.code",
                gettext('dubbel: gemeentecode "%(code)s" staat ook bij %(other)s')
                % {"code": code, "other": f"{known[code].key}.code"},
            )
            continue
        gemeente = known[code] = _Gemeente(key=key, name=name or "")
        for j, wijk in _texts(entry.get("wijken")):
            wijk_key = f"{key}.wijken[{j}]"
            if wijk in gemeente.wijken:
                report.add(
                    wijk_key,
                    gettext('dubbel: wijk "%(wijk)s" staat ook bij %(other)s')
                    % {"wijk": wijk, "other": gemeente.wijken[wijk]},
                )
            else:
                gemeente.wijken[wijk] = wijk_key
    _unique(report, names, gettext("gemeentenaam"))
    return known


def _check_gemeente_ref(
    report: _Report, key: str, code: str, gemeenten: Mapping[str, _Gemeente]
) -> bool:
    if code in gemeenten:
        return True
    report.add(
        key,
        gettext('onbekende gemeente "%(code)s": staat niet onder gemeenten') % {"code": code},
    )
    return False


def _check_first_door(
    first_door: Table, gemeenten: Mapping[str, _Gemeente], report: _Report
) -> None:
    served: set[str] = set()
    names: list[tuple[str, str]] = []
    organisations = _tables(first_door.get("organisations"))
    for i, organisation in organisations:
        key = f"first_door.organisations[{i}]"
        name = _text(organisation, "name")
        if name is not None:
            names.append((f"{key}.name", name))
        for j, code in _texts(organisation.get("gemeenten")):
            if _check_gemeente_ref(report, f"{key}.gemeenten[{j}]", code, gemeenten):
                served.add(code)
    _unique(report, names, gettext("organisatienaam"))
    if not organisations:
        return  # the schema reports the missing organisations
    for code, gemeente in gemeenten.items():
        if code not in served:
            report.add(
                "first_door.organisations",
                gettext("gemeente %(gemeente)s heeft geen organisatie als eerste deur")
                % {"gemeente": gemeente.label(code)},
            )


def _check_referral(referral: Table, report: _Report) -> None:
    allowed = _texts(referral.get("allowed_referrers"))
    _unique(
        report,
        [(f"referral.allowed_referrers[{i}]", code) for i, code in allowed],
        gettext("verwijzertype"),
    )
    allowed_codes = {code for _, code in allowed}
    if "allowed_referrers" in referral:
        for required in REFERRERS_REQUIRED_BY_LAW:
            if required.value not in allowed_codes:
                report.add(
                    "referral.allowed_referrers",
                    gettext("verwijzertype %(code)s (%(label)s) ontbreekt; de Jeugdwet vereist het")
                    % {"code": required.value, "label": required.label},
                )
    entry_referrers = _texts(referral.get("central_entry_referrers"))
    for i, code in entry_referrers:
        if allowed and code not in allowed_codes:
            report.add(
                f"referral.central_entry_referrers[{i}]",
                gettext('verwijzertype "%(code)s" staat niet onder referral.allowed_referrers')
                % {"code": code},
            )
    if entry_referrers and "central_entry" not in referral:
        report.add(
            "referral.central_entry",
            gettext("ontbreekt: nodig omdat central_entry_referrers is ingevuld"),
        )


Cell = tuple[str, str]  # (gemeente code, wijk name or "" for a gemeente without wijken)


def _cells_of(code: str, gemeente: _Gemeente) -> list[Cell]:
    """The cells of a gemeente, in file order."""
    return [(code, wijk) for wijk in gemeente.wijken] or [(code, "")]


def _check_areas(
    report: _Report, key: str, areas: object, gemeenten: Mapping[str, _Gemeente]
) -> dict[Cell, str]:
    """Check an ``areas`` list; return the cells it covers, each with its area's key."""
    covered: dict[Cell, str] = {}
    for i, area in _tables(areas):
        area_key = f"{key}.areas[{i}]"
        code = _text(area, "gemeente")
        if code is None or not _check_gemeente_ref(report, f"{area_key}.gemeente", code, gemeenten):
            continue
        gemeente = gemeenten[code]
        wijken = _texts(area.get("wijken"))
        if not wijken:
            covered.update(dict.fromkeys(_cells_of(code, gemeente), area_key))
        seen: set[str] = set()
        for j, wijk in wijken:
            wijk_key = f"{area_key}.wijken[{j}]"
            if wijk in seen:
                report.add(wijk_key, gettext('dubbel: wijk "%(wijk)s"') % {"wijk": wijk})
            elif wijk not in gemeente.wijken:
                report.add(
                    wijk_key,
                    gettext('onbekende wijk "%(wijk)s": staat niet onder %(gemeente)s')
                    % {"wijk": wijk, "gemeente": gemeente.label(code)},
                )
            else:
                covered[(code, wijk)] = wijk_key
            seen.add(wijk)
    return covered


def _describe_cell(cell: Cell, gemeenten: Mapping[str, _Gemeente]) -> str:
    code, wijk = cell
    place = gemeenten[code].label(code)
    if not wijk:
        return gettext("gemeente %(gemeente)s") % {"gemeente": place}
    return gettext("wijk %(wijk)s van %(gemeente)s") % {"wijk": wijk, "gemeente": place}


def _check_specialist_help(
    help_: Table, gemeenten: Mapping[str, _Gemeente], report: _Report
) -> None:
    contractors = _tables(help_.get("contractors"))
    teams = _tables(help_.get("teams"))
    consortium_cells = _check_contractors(contractors, gemeenten, report)
    team_cells = _check_teams(teams, contractors, gemeenten, report)
    structure = _text(help_, "structure")
    if structure == SpecialistStructure.AREA_TEAMS:
        _check_area_team_coverage(bool(teams), team_cells, gemeenten, report)
    elif structure == SpecialistStructure.CONSORTIA:
        _check_consortium_coverage(consortium_cells, gemeenten, report)
    elif structure == SpecialistStructure.LEAD_PROVIDER and "contracted_providers" not in help_:
        report.add(
            "specialist_help.contracted_providers",
            gettext("ontbreekt: structuur lead_provider vraagt het aantal aanbieders"),
        )
    elif structure == SpecialistStructure.PER_PRODUCT and not contractors:
        report.add(
            "specialist_help.contractors",
            gettext("ontbreekt: structuur per_product vraagt minstens één contractant"),
        )


def _check_contractors(
    contractors: list[tuple[int, Table]], gemeenten: Mapping[str, _Gemeente], report: _Report
) -> dict[Cell, str]:
    """Check contractors; return the cells consortia cover, each with its key."""
    consortium_cells: dict[Cell, str] = {}
    names: list[tuple[str, str]] = []
    for i, contractor in contractors:
        key = f"specialist_help.contractors[{i}]"
        if (name := _text(contractor, "name")) is not None:
            names.append((f"{key}.name", name))
        start, end = contractor.get("contract_start"), contractor.get("contract_end")
        if isinstance(start, int) and isinstance(end, int) and end < start:
            report.add(f"{key}.contract_end", gettext("ligt vóór contract_start"))
        cells = _check_areas(report, key, contractor.get("areas"), gemeenten)
        if _text(contractor, "kind") != ContractorKind.CONSORTIUM:
            continue
        for cell, cell_key in cells.items():
            if cell in consortium_cells:
                report.add(
                    cell_key,
                    gettext("%(place)s valt al onder %(other)s")
                    % {"place": _describe_cell(cell, gemeenten), "other": consortium_cells[cell]},
                )
            else:
                consortium_cells[cell] = cell_key
    _unique(report, names, gettext("contractantnaam"))
    return consortium_cells


def _check_teams(
    teams: list[tuple[int, Table]],
    contractors: list[tuple[int, Table]],
    gemeenten: Mapping[str, _Gemeente],
    report: _Report,
) -> set[Cell]:
    """Check teams; return the cells they cover."""
    contractor_names = {name for _, c in contractors if (name := _text(c, "name")) is not None}
    covered: set[Cell] = set()
    names: list[tuple[str, str]] = []
    for i, team in teams:
        key = f"specialist_help.teams[{i}]"
        if (name := _text(team, "name")) is not None:
            names.append((f"{key}.name", name))
        contractor = _text(team, "contractor")
        if contractor is not None and contractor not in contractor_names:
            report.add(
                f"{key}.contractor",
                gettext(
                    'onbekende contractant "%(name)s": staat niet onder specialist_help.contractors'
                )
                % {"name": contractor},
            )
        covered.update(_check_areas(report, key, team.get("areas"), gemeenten))
    _unique(report, names, gettext("teamnaam"))
    return covered


def _check_area_team_coverage(
    has_teams: bool, covered: set[Cell], gemeenten: Mapping[str, _Gemeente], report: _Report
) -> None:
    """With area teams, every gemeente has at least one team."""
    if not has_teams:
        report.add(
            "specialist_help.teams",
            gettext("ontbreekt: structuur area_teams vraagt minstens één team"),
        )
        return
    for code, gemeente in gemeenten.items():
        if not any(cell[0] == code for cell in covered):
            report.add(
                "specialist_help.teams",
                gettext("gemeente %(gemeente)s heeft geen gebiedsteam")
                % {"gemeente": gemeente.label(code)},
            )


def _check_consortium_coverage(
    covered: Mapping[Cell, str], gemeenten: Mapping[str, _Gemeente], report: _Report
) -> None:
    """With consortia, every wijk (or wijkless gemeente) has exactly one consortium."""
    if not covered:
        report.add(
            "specialist_help.contractors",
            gettext(
                "ontbreekt: structuur consortia vraagt minstens één samenwerkingsverband met areas"
            ),
        )
        return
    for code, gemeente in gemeenten.items():
        for cell in _cells_of(code, gemeente):
            if cell not in covered:
                report.add(
                    "specialist_help.contractors",
                    gettext("%(place)s valt onder geen samenwerkingsverband")
                    % {"place": _describe_cell(cell, gemeenten)},
                )


def _check_schools(data: Table, gemeenten: Mapping[str, _Gemeente], report: _Report) -> None:
    seen: list[tuple[str, str]] = []
    for i, school in _tables(data.get("schools")):
        key = f"schools[{i}]"
        code, wijk, name = _text(school, "gemeente"), _text(school, "wijk"), _text(school, "name")
        if code is None or not _check_gemeente_ref(report, f"{key}.gemeente", code, gemeenten):
            continue
        gemeente = gemeenten[code]
        if wijk is not None and wijk not in gemeente.wijken:
            report.add(
                f"{key}.wijk",
                gettext('onbekende wijk "%(wijk)s": staat niet onder %(gemeente)s')
                % {"wijk": wijk, "gemeente": gemeente.label(code)},
            )
        if name is not None:
            seen.append((f"{key}.name", f"{name} ({code})"))
    _unique(report, seen, gettext("school"))


# --- The specialist network: expertise, providers, team schools and names -------------


def _check_network(data: Table, gemeenten: Mapping[str, _Gemeente], report: _Report) -> None:
    """Rules of the specialist network: the region's expertise list and the codes teams
    use from it, AGB codes and lead providers, the schools a team works at, team names
    that would clash with another organisation, and teams outside their contractor's
    areas."""
    help_ = _table(data.get("specialist_help"))
    expertise = _check_expertise_list(help_, report)
    contractors = _tables(help_.get("contractors"))
    _check_providers(contractors, report)
    schools = _school_places(data)
    contractor_cells = {
        name: _cells_in(contractor.get("areas"), gemeenten)
        for _, contractor in contractors
        if (name := _text(contractor, "name")) is not None and _tables(contractor.get("areas"))
    }
    other_names = {name for _, c in contractors if (name := _text(c, "name")) is not None}
    other_names |= {member for _, c in contractors for _, member in _texts(c.get("members"))}
    other_names |= {
        name
        for _, organisation in _tables(_table(data.get("first_door")).get("organisations"))
        if (name := _text(organisation, "name")) is not None
    }
    for i, team in _tables(help_.get("teams")):
        key = f"specialist_help.teams[{i}]"
        name = _text(team, "name")
        if name is not None and name in other_names:
            report.add(
                f"{key}.name",
                gettext(
                    'naam "%(name)s" is al de naam van een contractant, lid of organisatie van '
                    "de eerste deur; geef het team een eigen naam"
                )
                % {"name": name},
            )
        _check_team_expertise(report, key, team, expertise)
        languages = _texts(team.get("languages"))
        _unique(report, [(f"{key}.languages[{j}]", v) for j, v in languages], gettext("taal"))
        cells = _cells_in(team.get("areas"), gemeenten)
        _check_team_schools(report, key, team, cells, schools)
        contractor = _text(team, "contractor")
        if contractor in contractor_cells:
            _check_team_within(report, key, team, contractor, contractor_cells, gemeenten)


def _check_expertise_list(help_: Table, report: _Report) -> set[str]:
    """Check ``specialist_help.expertise``; return its codes."""
    entries = _tables(help_.get("expertise"))
    codes = [(f"specialist_help.expertise[{i}].code", _text(e, "code")) for i, e in entries]
    names = [(f"specialist_help.expertise[{i}].name", _text(e, "name")) for i, e in entries]
    _unique(report, [(k, v) for k, v in codes if v is not None], gettext("expertisecode"))
    _unique(report, [(k, v) for k, v in names if v is not None], gettext("expertisenaam"))
    return {code for _, code in codes if code is not None}


def _check_team_expertise(report: _Report, key: str, team: Table, known: set[str]) -> None:
    codes = _texts(team.get("expertise"))
    _unique(report, [(f"{key}.expertise[{j}]", code) for j, code in codes], gettext("expertise"))
    for j, code in codes:
        if code not in known:
            report.add(
                f"{key}.expertise[{j}]",
                gettext(
                    'onbekende expertise "%(code)s": staat niet onder specialist_help.expertise'
                )
                % {"code": code},
            )


def _check_providers(contractors: list[tuple[int, Table]], report: _Report) -> None:
    """AGB codes and lead-provider scopes belong to providers, each AGB code to one."""
    agb_codes: list[tuple[str, str]] = []
    for i, contractor in contractors:
        key = f"specialist_help.contractors[{i}]"
        is_consortium = _text(contractor, "kind") == ContractorKind.CONSORTIUM
        if (agb := _text(contractor, "agb_code")) is not None:
            agb_codes.append((f"{key}.agb_code", agb))
            if is_consortium:
                report.add(
                    f"{key}.agb_code",
                    gettext(
                        "een samenwerkingsverband heeft geen eigen AGB-code; alleen een aanbieder"
                    ),
                )
        scopes = _texts(contractor.get("lead_provider_for"))
        if scopes and is_consortium:
            report.add(
                f"{key}.lead_provider_for",
                gettext("alleen een aanbieder kan hoofdaannemer zijn, geen samenwerkingsverband"),
            )
        _unique(
            report,
            [(f"{key}.lead_provider_for[{j}]", scope) for j, scope in scopes],
            gettext("soort jeugdhulp"),
        )
        members = _texts(contractor.get("members"))
        _unique(report, [(f"{key}.members[{j}]", m) for j, m in members], gettext("lid"))
    _unique(report, agb_codes, gettext("AGB-code"))


def _cells_in(areas: object, gemeenten: Mapping[str, _Gemeente]) -> set[Cell]:
    """The known cells an ``areas`` list covers; unknown ones are reported elsewhere."""
    cells: set[Cell] = set()
    for _, area in _tables(areas):
        code = _text(area, "gemeente")
        if code is None or code not in gemeenten:
            continue
        wijken = [wijk for _, wijk in _texts(area.get("wijken"))]
        if not wijken:
            cells.update(_cells_of(code, gemeenten[code]))
        cells.update((code, wijk) for wijk in wijken if wijk in gemeenten[code].wijken)
    return cells


def _school_places(data: Table) -> dict[str, list[Cell]]:
    """Each school name with where it is: ``(gemeente, wijk or "")``."""
    places: dict[str, list[Cell]] = {}
    for _, school in _tables(data.get("schools")):
        name, code = _text(school, "name"), _text(school, "gemeente")
        if name is not None and code is not None:
            places.setdefault(name, []).append((code, _text(school, "wijk") or ""))
    return places


def _check_team_schools(
    report: _Report, key: str, team: Table, cells: set[Cell], schools: Mapping[str, list[Cell]]
) -> None:
    """A team works with vaste gezichten only at known schools inside its areas."""
    names = _texts(team.get("schools"))
    _unique(report, [(f"{key}.schools[{j}]", name) for j, name in names], gettext("school"))
    for j, name in names:
        school_key = f"{key}.schools[{j}]"
        places = schools.get(name, [])
        if not places:
            report.add(
                school_key,
                gettext('onbekende school "%(name)s": staat niet onder schools') % {"name": name},
            )
        elif len(places) > 1:
            report.add(
                school_key,
                gettext('school "%(name)s" staat in meer dan één gemeente; maak de naam uniek')
                % {"name": name},
            )
        else:
            code, wijk = places[0]
            inside = (code, wijk) in cells if wijk else any(c[0] == code for c in cells)
            if cells and not inside:
                report.add(
                    school_key,
                    gettext('school "%(name)s" ligt buiten de gebieden van dit team')
                    % {"name": name},
                )


def _check_team_within(
    report: _Report,
    key: str,
    team: Table,
    contractor: str,
    contractor_cells: Mapping[str, set[Cell]],
    gemeenten: Mapping[str, _Gemeente],
) -> None:
    """A team works only where its contractor (with areas) holds the contract."""
    allowed = contractor_cells[contractor]
    for i, area in _tables(team.get("areas")):
        outside = sorted(_cells_in([area], gemeenten) - allowed)
        if outside:
            places = ", ".join(_describe_cell(cell, gemeenten) for cell in outside)
            report.add(
                f"{key}.areas[{i}]",
                gettext("%(places)s valt buiten het gebied van contractant %(contractor)s")
                % {"places": places, "contractor": contractor},
            )


# --- Triage: outcomes, rule order and safety first --------------------------------------

#: Facts of the safety screen: a "ja" must lead to acute help with spoed, before any other
#: rule can give a lighter advice.
SAFETY_FACTS = ("unsafe_at_home", "risk_of_harm")


def _check_triage(triage: Table, report: _Report) -> None:
    """Every outcome has one text (acute with offers), rule codes are unique, the last rule
    always holds and no earlier one does, score bounds are ordered, offer searches say what
    to search, and a "ja" on the safety screen always leads to acute help with spoed."""
    if not triage:
        return  # the schema reports a missing section
    _check_triage_outcomes(triage, report)
    rules = _tables(triage.get("rules"))
    _unique(
        report,
        [(f"triage.rules[{i}].code", code) for i, r in rules if (code := _text(r, "code"))],
        gettext("regelcode"),
    )
    for i, rule in rules:
        key = f"triage.rules[{i}]"
        when = _table(rule.get("when"))
        at_least, at_most = when.get("lowest_score_at_least"), when.get("lowest_score_at_most")
        if isinstance(at_least, int) and isinstance(at_most, int) and at_least > at_most:
            report.add(
                f"{key}.when.lowest_score_at_least",
                gettext("is groter dan lowest_score_at_most: deze regel geldt nooit"),
            )
        _check_offer_searches(report, f"{key}.offers", rule.get("offers"))
    _check_triage_order(rules, report)
    for fact in SAFETY_FACTS:
        _check_safety_first(rules, fact, report)


def _check_triage_outcomes(triage: Table, report: _Report) -> None:
    outcomes = _tables(triage.get("outcomes"))
    if not isinstance(triage.get("outcomes"), list):
        return
    named = [
        (f"triage.outcomes[{i}].outcome", value)
        for i, o in outcomes
        if (value := _text(o, "outcome"))
    ]
    _unique(report, named, gettext("uitkomst"))
    present = {value for _, value in named}
    for outcome in TriageOutcome:
        if outcome.value not in present:
            report.add(
                "triage.outcomes",
                gettext('uitkomst "%(value)s" (%(label)s) ontbreekt: elke uitkomst heeft een tekst')
                % {"value": outcome.value, "label": outcome.label},
            )
    for i, entry in outcomes:
        key = f"triage.outcomes[{i}]"
        _check_offer_searches(report, f"{key}.offers", entry.get("offers"))
        if _text(entry, "outcome") == TriageOutcome.ACUTE and not _tables(entry.get("offers")):
            report.add(
                f"{key}.offers",
                gettext("ontbreekt: bij acuut hoort aanbod van de crisisdienst en Veilig Thuis"),
            )


def _check_offer_searches(report: _Report, key: str, offers: object) -> None:
    for j, offer in _tables(offers):
        offer_key = f"{key}[{j}]"
        by_request = offer.get("themes_of_request") is True
        if not (by_request or offer.get("theme") or offer.get("kind") or offer.get("text")):
            report.add(
                offer_key,
                gettext("zegt niet wat te zoeken: kies themes_of_request, theme, kind of text"),
            )
        if by_request and offer.get("theme"):
            report.add(
                f"{offer_key}.theme",
                gettext("gaat niet samen met themes_of_request = true: kies één van beide"),
            )


def _always_holds(rule: Table) -> bool:
    when = rule.get("when", {})
    return isinstance(when, dict) and not when


def _check_triage_order(rules: list[tuple[int, Table]], report: _Report) -> None:
    """Only the last rule may always hold, and it must: every request gets an advice."""
    if not rules:
        return
    *earlier, (last, last_rule) = rules
    for i, rule in earlier:
        if _always_holds(rule):
            report.add(
                f"triage.rules[{i}].when",
                gettext("geldt altijd, dus de regels hierna worden nooit gebruikt"),
            )
    if not _always_holds(last_rule):
        report.add(
            f"triage.rules[{last}].when",
            gettext(
                "de laatste regel moet altijd gelden (laat when weg), zodat elke hulpvraag "
                "een advies krijgt"
            ),
        )


def _check_safety_first(rules: list[tuple[int, Table]], fact: str, report: _Report) -> None:
    """A request with ``fact = "ja"`` must meet an acute/spoed rule first, whatever else
    it says: walk the rules that can hold for it until one holds for all such requests."""
    for i, rule in rules:
        when = _table(rule.get("when"))
        condition = when.get(fact)
        values = [condition] if isinstance(condition, str) else condition
        if condition is not None and not (isinstance(values, list) and Answer.YES in values):
            continue  # never holds when the answer is "ja"
        acute = (
            _text(rule, "outcome") == TriageOutcome.ACUTE
            and _text(rule, "urgency") == Urgency.URGENT
        )
        if acute and set(when) == {fact}:
            return
        if acute:
            continue
        report.add(
            f"triage.rules[{i}]",
            gettext(
                'kan gelden als %(fact)s = "ja" maar adviseert niet acuut met spoed; veiligheid '
                'eerst: zet er een regel vóór met when = { %(fact)s = "ja" }, outcome = "acute", '
                'urgency = "spoed"'
            )
            % {"fact": fact},
        )
        return
    report.add(
        "triage.rules",
        gettext('ontbreekt: een regel die bij %(fact)s = "ja" acuut met spoed adviseert')
        % {"fact": fact},
    )
