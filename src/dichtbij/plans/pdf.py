"""A printable family plan (PDF) in plain B1 Dutch, made with fpdf2.

The text is always Dutch, whatever language the page was in: the family reads it.
DejaVu Sans (Debian's ``fonts-dejavu-core``) covers every letter a name can have; where
it is not installed the core Helvetica font is used and letters outside Latin-1 are
replaced. The document says its title and language (``nl-NL``) for screen readers.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from typing_extensions import override

from dichtbij.plans.constants import ActionOwner, AgreementMethod, GoalResult, PlanLead
from dichtbij.plans.models import PlanEvaluation, PlanVersion
from dichtbij.plans.schema import PlanContent, PlanGoal
from dichtbij.plans.selectors import plan_domain_names, plan_evaluation_list
from dichtbij.regions.selectors import region_plan

# fontTools (used by fpdf2 to subset the font) logs every subsetting step at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_PATH = FONT_DIR / "DejaVuSans.ttf"
BOLD_FONT_PATH = FONT_DIR / "DejaVuSans-Bold.ttf"

#: The self-reliance scale in plain words (B1), per score.
SCORE_WORDS = {
    1: "Er is nu een groot probleem. Er is direct hulp nodig.",
    2: "Het lukt nu niet zonder hulp.",
    3: "Het lukt een deel van de tijd, met hulp.",
    4: "Het lukt meestal zelf.",
    5: "Het lukt helemaal zelf.",
}

_LATIN1_SUBSTITUTES = str.maketrans(
    {"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "•": "-"}
)


class _PlanDocument(FPDF):
    """An A4 page layout with a footer saying which plan and page this is."""

    def __init__(self, *, footer_text: str, font_path: Path, bold_font_path: Path) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text = footer_text
        if font_path.is_file():
            self.add_font("DejaVu", "", str(font_path))
            bold = bold_font_path if bold_font_path.is_file() else font_path
            self.add_font("DejaVu", "B", str(bold))
            self.family_name = "DejaVu"
            self.unicode_font = True
        else:
            self.family_name = "Helvetica"
            self.unicode_font = False
        self.set_margins(left=20, top=20, right=20)
        self.set_auto_page_break(auto=True, margin=20)
        self.alias_nb_pages()

    def clean(self, text: str) -> str:
        """``text`` as the font can write it."""
        if self.unicode_font:
            return text
        return text.translate(_LATIN1_SUBSTITUTES).encode("latin-1", "replace").decode("latin-1")

    @override
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self.family_name, "", 9)
        self.set_text_color(80, 80, 80)
        page = gettext("pagina %(page)s van %(pages)s") % {
            "page": self.page_no(),
            "pages": "{nb}",
        }
        self.cell(0, 8, self.clean(f"{self.footer_text} · {page}"), align="C")
        self.set_text_color(0, 0, 0)

    def write_lines(self, text: str, *, height: float = 6, markdown: bool = False) -> None:
        """``text`` wrapped over the page width, left aligned; the cursor ends below it."""
        self.multi_cell(
            0,
            height,
            text,
            markdown=markdown,
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def heading(self, text: str, *, level: int = 1) -> None:
        sizes = {0: 20, 1: 15, 2: 12.5}
        if level > 0 and self.get_y() > self.h - 50:
            self.add_page()
        self.ln(3 if level else 0)
        self.start_section(self.clean(text), level=level)
        self.set_font(self.family_name, "B", sizes.get(level, 12))
        self.write_lines(self.clean(text), height=8 if level < 2 else 6.5)
        self.set_font(self.family_name, "", 11)
        self.ln(1)

    def paragraph(self, text: str, *, bold_label: str = "") -> None:
        self.set_font(self.family_name, "", 11)
        if bold_label:
            self.write_lines(f"**{self._escape(bold_label)}** {self._escape(text)}", markdown=True)
        else:
            self.write_lines(self.clean(text))

    def bullets(self, items: Iterable[str]) -> None:
        self.set_font(self.family_name, "", 11)
        for item in items:
            self.set_x(self.l_margin + 4)
            self.multi_cell(
                0, 6, self.clean(f"- {item}"), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )

    def _escape(self, text: str) -> str:
        # multi_cell(markdown=True) reads ** __ -- as markup; keep the family's own text.
        cleaned = self.clean(text)
        for marker in ("**", "__", "--", "~~"):
            cleaned = cleaned.replace(marker, marker[0] + "\u200b" + marker[1])
        return cleaned if self.unicode_font else cleaned.replace("\u200b", " ")


def _day(value: date | None) -> str:
    return date_format(value, "j F Y") if value is not None else "-"


def _owner(owner: str) -> str:
    return str(ActionOwner(owner).label) if owner in ActionOwner.values else owner


def family_plan_pdf(*, version: PlanVersion, compress: bool = True) -> bytes:
    """The printable plan of ``version`` as PDF bytes.

    ``version`` comes from :func:`~dichtbij.plans.selectors.plan_version_get_for` (the
    viewer's access was checked there). ``compress=False`` leaves the page streams
    readable (for tests and debugging).
    """
    with translation.override("nl"):
        document = _render(version)
    document.set_compression(compress)
    return bytes(document.output())


def _render(version: PlanVersion) -> _PlanDocument:
    plan = version.plan
    household = plan.household
    region = plan.region
    plan_name = region_plan(region=region).name
    content = version.plan_content
    domains = plan_domain_names(region=region)
    title = gettext("%(plan)s van %(family)s") % {"plan": plan_name, "family": household.name}

    document = _PlanDocument(
        footer_text=gettext("%(title)s, versie %(number)s")
        % {"title": title, "number": version.number},
        font_path=FONT_PATH,
        bold_font_path=BOLD_FONT_PATH,
    )
    document.set_title(document.clean(title))
    document.set_lang("nl-NL")
    document.set_subject(document.clean(gettext("Het plan van het gezin, met doelen en afspraken")))
    document.set_author("Dichtbij")
    document.set_creator("Dichtbij")
    document.set_creation_date(timezone.now())
    document.add_page()

    document.heading(title, level=0)
    document.paragraph(
        gettext("Versie %(number)s, gemaakt op %(date)s.")
        % {"number": version.number, "date": _day(timezone.localdate(version.created_at))}
    )
    if version.number < plan.current_version_number:
        document.paragraph(
            gettext("Let op: dit is een oude versie. De nieuwste versie is versie %(number)s.")
            % {"number": plan.current_version_number}
        )
    _agreement(document, version)
    _lead(document, content)
    if content.next_evaluation_on is not None or plan.next_evaluation_on is not None:
        when = (
            plan.next_evaluation_on
            if version.number == plan.current_version_number
            else content.next_evaluation_on
        )
        document.paragraph(
            gettext("We kijken samen op %(date)s hoe het gaat.") % {"date": _day(when)},
            bold_label=gettext("Volgende gesprek:"),
        )

    _scores(document, content, domains)
    _goals(document, content, domains)
    _evaluations(document, plan_evaluation_list(plan=plan, up_to_version=version.number), domains)
    return document


def _agreement(document: _PlanDocument, version: PlanVersion) -> None:
    agreements = list(version.agreements.all())
    label = gettext("Akkoord:")
    if not agreements:
        document.paragraph(
            gettext("Het gezin is nog niet akkoord met deze versie."), bold_label=label
        )
        return
    last = agreements[-1]
    how = AgreementMethod(last.method).label if last.method in AgreementMethod.values else ""
    document.paragraph(
        gettext("%(names)s gingen akkoord op %(date)s (%(how)s).")
        % {"names": last.agreed_by, "date": _day(last.agreed_on), "how": str(how).lower()},
        bold_label=label,
    )


def _lead(document: _PlanDocument, content: PlanContent) -> None:
    label = gettext("Regie:")
    lead = content.lead
    if lead.holder == PlanLead.LOCAL_TEAM:
        document.paragraph(
            gettext(
                "Het lokale team heeft de regie sinds %(date)s. Dat betekent: het team "
                "houdt het overzicht en zorgt dat de afspraken gebeuren. De reden: %(reason)s"
            )
            % {"date": _day(lead.since), "reason": lead.reason},
            bold_label=label,
        )
    else:
        document.paragraph(
            gettext(
                "Het gezin heeft de regie. Dat betekent: jullie houden zelf het overzicht "
                "over het plan. Het lokale team helpt als dat nodig is."
            ),
            bold_label=label,
        )
    for period in content.lead_history:
        document.paragraph(
            gettext("Van %(since)s tot %(until)s had het lokale team de regie (%(reason)s).")
            % {"since": _day(period.since), "until": _day(period.until), "reason": period.reason}
        )


def _scores(document: _PlanDocument, content: PlanContent, domains: dict[str, str]) -> None:
    document.heading(gettext("Hoe gaat het nu?"))
    if not content.domain_scores:
        document.paragraph(gettext("Er zijn nog geen scores ingevuld."))
        return
    document.paragraph(
        gettext(
            "Voor elk deel van het leven geven we een cijfer van 1 tot 5. "
            "1 betekent: er is een groot probleem. 5 betekent: het gezin kan dit helemaal zelf."
        )
    )
    document.bullets(
        f"{domains.get(score.domain, score.domain)}: {score.score} van 5. "
        f"{SCORE_WORDS.get(score.score, '')}"
        for score in content.domain_scores
    )


def _goal_lines(goal: PlanGoal) -> list[str]:
    who = {"child": gettext("de jeugdige"), "parents": gettext("de ouders")}
    made_with = gettext(" en ").join(who.get(choice, choice) for choice in goal.set_with)
    return [
        gettext("Wanneer is het gelukt? %(means)s") % {"means": goal.achieved_means},
        gettext("Klaar op: %(date)s") % {"date": _day(goal.target_date)},
        gettext("Samen bedacht met %(who)s.") % {"who": made_with},
    ]


def _goals(document: _PlanDocument, content: PlanContent, domains: dict[str, str]) -> None:
    document.heading(gettext("Onze doelen"))
    order = list(domains)
    goals = sorted(
        enumerate(content.goals),
        key=lambda pair: (
            order.index(pair[1].domain) if pair[1].domain in order else len(order),
            pair[0],
        ),
    )
    current_domain = None
    for number, (_index, goal) in enumerate(goals, start=1):
        if goal.domain != current_domain:
            current_domain = goal.domain
            document.heading(domains.get(goal.domain, goal.domain), level=2)
        document.paragraph(goal.text, bold_label=gettext("Doel %(n)s:") % {"n": number})
        document.bullets(_goal_lines(goal))
        if goal.actions:
            document.paragraph(gettext("Wie doet wat?"), bold_label="")
            document.bullets(
                gettext("%(who)s: %(what)s%(when)s%(done)s")
                % {
                    "who": _owner(action.owner)
                    + (f" ({action.owner_name})" if action.owner_name else ""),
                    "what": action.what,
                    "when": (
                        gettext(" (vóór %(date)s)") % {"date": _day(action.due_on)}
                        if action.due_on
                        else ""
                    ),
                    "done": gettext(" - klaar") if action.done else "",
                }
                for action in goal.actions
            )
        document.ln(2)


def _evaluations(
    document: _PlanDocument, evaluations: Iterable[PlanEvaluation], domains: dict[str, str]
) -> None:
    rows = list(evaluations)
    if not rows:
        return
    document.heading(gettext("Hoe ging het? (evaluaties)"))
    for evaluation in rows:
        goals = {goal.id: goal for goal in evaluation.version.plan_content.goals}
        document.heading(
            gettext("Gesprek van %(date)s") % {"date": _day(evaluation.evaluated_on)}, level=2
        )
        document.bullets(
            f"{goals[result.goal_id].text if result.goal_id in goals else '?'}: "
            f"{GoalResult(result.result).label}" + (f". {result.note}" if result.note else "")
            for result in evaluation.goal_results.all()
        )
        scores = list(evaluation.scores.all())
        if scores:
            document.paragraph(
                ", ".join(
                    f"{domains.get(score.domain, score.domain)} {score.score}" for score in scores
                ),
                bold_label=gettext("Cijfers:"),
            )
        if evaluation.note:
            document.paragraph(evaluation.note, bold_label=gettext("Wat we bespraken:"))
