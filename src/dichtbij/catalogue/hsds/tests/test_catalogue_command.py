"""`dichtbij catalogue import|export|search`: output, exit codes, Dutch problems."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dichtbij.catalogue.hsds.tests.helpers import load_own, own_file, plain_service
from dichtbij.catalogue.models import Service
from dichtbij.regions.models import Region


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("catalogue", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_prints_the_counts_and_a_progress_bar(utrecht: Region, schemas: None) -> None:
    load_own("sociale-kaart-utrecht.json")  # the taxonomy, and the catalogue once
    Service.objects.filter(name="Chat met een jongerenwerker").update(name="Oude naam")

    out, err = run("import", str(own_file("sociale-kaart-utrecht.json")))

    assert "sociale-kaart-utrecht.json geïmporteerd (regio's: utrecht)" in out
    assert "diensten: 0 nieuw, 1 bijgewerkt, 22 ongewijzigd, 0 verwijderd" in out
    assert "100%" in err  # tqdm on stderr
    assert Service.objects.filter(name="Chat met een jongerenwerker").exists()


def test_import_of_bad_input_exits_with_1_and_every_problem(
    tmp_path: Path, amersfoort: Region, schemas: None
) -> None:
    service = plain_service(gemeente="Gotham", description="")
    service["minimum_age"] = -3
    path = tmp_path / "fout.json"
    path.write_text(json.dumps(service), encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        run("import", str(path), "--no-progress")

    assert caught.value.returncode == 1
    assert str(caught.value) == (
        "Sociale kaart niet geïmporteerd: 2 problemen in fout.json; er is niets opgeslagen."
    )
    assert not Service.objects.exists()


def test_import_problems_go_to_stderr(tmp_path: Path, amersfoort: Region, schemas: None) -> None:
    path = tmp_path / "kapot.json"
    path.write_text('{"services": [\n  {"id": 1,}\n]}', encoding="utf-8")
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("catalogue", "import", str(path), "--no-progress", stderr=err)

    assert "(bestand): ongeldige JSON op regel 2, kolom 12" in err.getvalue()


def test_import_into_an_unknown_region(tmp_path: Path, amersfoort: Region) -> None:
    with pytest.raises(CommandError, match='Er is geen regio met code "nergens"') as caught:
        run("import", str(tmp_path / "x.json"), "--region", "nergens")
    assert caught.value.returncode == 1


def test_import_with_a_region(
    amersfoort: Region, utrecht: Region, tmp_path: Path, schemas: None
) -> None:
    path = tmp_path / "dienst.json"
    path.write_text(json.dumps(plain_service(gemeente="Utrecht", description="")), "utf-8")

    out, _err = run("import", str(path), "--region", "utrecht", "--no-progress")

    assert "(regio's: utrecht)" in out
    assert Service.objects.get().region == utrecht


def test_export_to_stdout_is_the_wrapper(utrecht: Region) -> None:
    load_own("sociale-kaart-utrecht.json")

    out, _err = run("export", "--region", "utrecht", "--no-progress")

    data = json.loads(out)
    assert list(data) == [
        "meta",
        "taxonomies",
        "taxonomy_terms",
        "organizations",
        "locations",
        "services",
        "service_at_locations",
    ]
    assert len(data["services"]) == 23


def test_export_to_a_file(tmp_path: Path, utrecht: Region) -> None:
    load_own("sociale-kaart-utrecht.json")
    target = tmp_path / "export.json"

    out, _err = run("export", "-o", str(target), "--no-progress")

    assert out.strip() == f"23 diensten geëxporteerd naar {target}"
    assert len(json.loads(target.read_text("utf-8"))["services"]) == 23


def test_search_as_json(utrecht: Region) -> None:
    load_own("sociale-kaart-utrecht.json")

    out, _err = run(
        "search",
        "mijn zoon wordt gepest op school",
        "--gemeente",
        "Utrecht",
        "--age",
        "14",
        "--limit",
        "5",
        "--json",
    )

    body = json.loads(out)
    assert set(body) == {"query", "safety", "out_of_scope", "local_team_hint", "results"}
    assert 0 < len(body["results"]) <= 5
    first = body["results"][0]
    assert set(first) == {"id", "name", "score", "reasons", "referral_required", "waiting_weeks"}
    assert Service.objects.filter(pk=first["id"], region=utrecht).exists()
    assert all({"kind", "text"} == set(reason) for reason in first["reasons"])


def test_search_without_referral_by_gemeente_code(utrecht: Region) -> None:
    load_own("sociale-kaart-utrecht.json")

    out, _err = run("search", "somber", "--gemeente", "GM0344", "--zonder-verwijzing", "--json")

    results = json.loads(out)["results"]
    assert results
    assert not any(result["referral_required"] for result in results)


def test_search_for_acute_danger_shows_the_crisis_lines_first(utrecht: Region) -> None:
    load_own("sociale-kaart-utrecht.json")

    out, _err = run("search", "mijn vader slaat mijn moeder", "--gemeente", "Utrecht", "--json")

    safety = json.loads(out)["safety"]
    assert safety is not None
    assert any(
        "Veilig Thuis" in s["name"] or "huiselijk geweld" in s["name"]
        for s in safety["crisis_services"]
    )


def test_search_as_text(utrecht: Region) -> None:
    load_own("sociale-kaart-utrecht.json")

    out, _err = run("search", "huiswerk en plannen", "--gemeente", "Utrecht")

    assert out.splitlines()[0].startswith(" 1. ")


def test_search_in_an_unknown_gemeente(utrecht: Region) -> None:
    with pytest.raises(CommandError, match='Onbekende gemeente "Gotham"') as caught:
        run("search", "pesten", "--gemeente", "Gotham")
    assert caught.value.returncode == 1
