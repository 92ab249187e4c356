"""``dichtbij regions check|load``: output and exit code."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from pytest_django import Settings

from dichtbij.regions.models import Region
from dichtbij.regions.tests.region_files import DATA_DIR, REGION_FILES, WriteRegion, edited

SRC_DIR = DATA_DIR.parents[2]


def run(*args: str) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("regions", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_check_without_files_checks_every_file_in_regions_dir(settings: Settings) -> None:
    settings.REGIONS_DIR = DATA_DIR

    stdout, stderr = run("check")

    assert stdout.splitlines() == [f"{path.name}: OK" for path in REGION_FILES]
    assert stderr == ""


def test_check_reports_problems_on_stderr_and_exits_with_1(
    tmp_path: Path, write_region: WriteRegion, settings: Settings
) -> None:
    settings.REGIONS_DIR = tmp_path
    write_region("utrecht.toml", edited("utrecht"))
    write_region("amersfoort.toml", edited("amersfoort", ('code = "GM0313"\n', "")))
    stdout, stderr = StringIO(), StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("regions", "check", stdout=stdout, stderr=stderr)

    assert caught.value.returncode == 1
    assert stdout.getvalue().splitlines() == ["utrecht.toml: OK"]
    assert "amersfoort.toml: gemeenten[2].code: ontbreekt" in stderr.getvalue().splitlines()
    assert "Regioconfiguratie ongeldig" in str(caught.value)


def test_check_accepts_named_files(write_region: WriteRegion) -> None:
    path = write_region("kennemerland.toml", edited("kennemerland"))

    stdout, _ = run("check", str(path))

    assert stdout.splitlines() == ["kennemerland.toml: OK"]


@pytest.mark.django_db
def test_load_says_created_then_unchanged(settings: Settings) -> None:
    settings.REGIONS_DIR = DATA_DIR

    first, _ = run("load")
    second, _ = run("load")

    assert first.splitlines()[0] == (
        "amersfoort.toml: regio amersfoort aangemaakt (gemeenten: 7 nieuw, 0 bijgewerkt, "
        "0 verwijderd; wijken: 34 nieuw, 0 bijgewerkt, 0 verwijderd; scholen: 7 nieuw, "
        "0 bijgewerkt, 0 verwijderd)"
    )
    assert second.splitlines() == [
        f"{path.name}: regio {path.stem} ongewijzigd" for path in REGION_FILES
    ]
    assert Region.objects.count() == 4


@pytest.mark.django_db
def test_load_of_a_bad_file_stores_nothing_and_exits_with_1(write_region: WriteRegion) -> None:
    good = write_region("utrecht.toml", edited("utrecht"))
    bad = write_region("amersfoort.toml", edited("amersfoort", ("available = true", "")))
    stderr = StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("regions", "load", str(good), str(bad), stdout=StringIO(), stderr=stderr)

    assert caught.value.returncode == 1
    assert "amersfoort.toml: free_access.available: ontbreekt" in stderr.getvalue()
    assert Region.objects.count() == 0


def _dichtbij(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dichtbij.conf.testing"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC_DIR), env.get("PYTHONPATH")]))
    return subprocess.run(  # noqa: S603  # our own interpreter and module, fixed arguments
        [sys.executable, "-m", "dichtbij", "regions", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def test_dichtbij_regions_check_exits_0_on_the_shipped_files() -> None:
    completed = _dichtbij("check", *map(str, REGION_FILES))

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == [f"{path.name}: OK" for path in REGION_FILES]


def test_dichtbij_regions_check_exits_1_on_a_broken_file(write_region: WriteRegion) -> None:
    path = write_region("kapot.toml", "schema_version = \n")

    completed = _dichtbij("check", str(path))

    assert completed.returncode == 1
    assert "kapot.toml: regel 1, kolom 18: geen geldige TOML" in completed.stderr
