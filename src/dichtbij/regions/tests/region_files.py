"""Helpers for the regions tests: the shipped region files, edited copies, small files."""

from collections.abc import Callable
from pathlib import Path

import dichtbij.regions

#: The region files that ship with the project.
DATA_DIR = Path(dichtbij.regions.__file__).parent / "data"
REGION_FILES = sorted(DATA_DIR.glob("*.toml"))

WriteRegion = Callable[..., Path]


def shipped(name: str) -> str:
    """The text of a shipped region file, e.g. ``shipped("amersfoort")``."""
    return (DATA_DIR / f"{name}.toml").read_text(encoding="utf-8")


def edited(name: str, *replacements: tuple[str, str]) -> str:
    """A shipped file with each ``(old, new)`` replaced once; ``old`` must occur."""
    text = shipped(name)
    for old, new in replacements:
        assert old in text, f"{old!r} not in {name}.toml"
        text = text.replace(old, new, 1)
    return text


def minimal_region(code: str, gemeenten: dict[str, str]) -> str:
    """A small valid region file with the given ``{cbs_code: name}`` gemeenten."""
    codes = ", ".join(f'"{gemeente}"' for gemeente in gemeenten)
    lines = [
        "schema_version = 1",
        f'code = "{code}"',
        f'name = "Regio {code}"',
    ]
    for gemeente, name in gemeenten.items():
        lines += ["[[gemeenten]]", f'code = "{gemeente}"', f'name = "{name}"']
    lines += [
        "[first_door]",
        'kind = "lokaal_team"',
        'name = "Lokaal team"',
        'description = "De eerste deur."',
        "[[first_door.organisations]]",
        f'name = "Team {code}"',
        f"gemeenten = [{codes}]",
        "[free_access]",
        "available = true",
        "[referral]",
        'allowed_referrers = ["01", "04", "08"]',
        "[specialist_help]",
        'structure = "lead_provider"',
        'description = "Eén hoofdaannemer per traject."',
        "[specialist_help.contracted_providers]",
        "single = 1",
        "multiple = 1",
        "[funding]",
        'vrij_toegankelijk = "taakgericht"',
        'lokaal_team = "taakgericht"',
        'ambulant = "outputgericht"',
        'verblijf = "outputgericht"',
        'crisis = "inspanningsgericht"',
        "[plan]",
        'name = "Gezinsplan"',
        'lead = "gezin"',
        'description = "Eén plan."',
        "[[life_domains]]",
        'code = "wonen"',
        'name = "Wonen"',
    ]
    return "\n".join(lines) + "\n" + MINIMAL_TRIAGE


#: The smallest valid ``[triage]`` section: a text per outcome (acute with an offer),
#: safety first, and a last rule that always holds.
MINIMAL_TRIAGE = """
[triage]
version = "1"
outcomes = [
    { outcome = "acute", text = "Veiligheid eerst.", offers = [{ kind = "soort:crisis" }] },
    { outcome = "ordinary_help", text = "Gewone hulp." },
    { outcome = "local_team_support", text = "Het lokale team helpt." },
    { outcome = "specialist_help", text = "Specialistische hulp. {referrer_reason}" },
]

[[triage.rules]]
code = "onveilig_thuis"
when = { unsafe_at_home = "ja" }
outcome = "acute"
urgency = "spoed"
reason = "Iemand is thuis niet veilig."

[[triage.rules]]
code = "risico_op_schade"
when = { risk_of_harm = "ja" }
outcome = "acute"
urgency = "spoed"
reason = "Er is een risico op schade."

[[triage.rules]]
code = "gewone_hulp"
outcome = "ordinary_help"
urgency = "normaal"
reason = "Gewone hulp past."
"""
