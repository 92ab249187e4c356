"""The request history, triage advice and triage decisions refuse UPDATE, also from raw
SQL (see utils.append_only)."""

from django.db import migrations

from dichtbij.utils.append_only import refuse_updates


class Migration(migrations.Migration):
    dependencies = [("requests", "0001_initial")]

    operations = [
        refuse_updates("requests_helprequestevent"),
        refuse_updates("requests_triageadvice"),
        refuse_updates("requests_triagedecision"),
    ]
