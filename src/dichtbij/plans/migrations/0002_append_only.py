"""The plan's history tables refuse UPDATE, also from raw SQL (see utils.append_only)."""

from django.db import migrations

from dichtbij.utils.append_only import refuse_updates


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [
        refuse_updates("plans_planversion"),
        refuse_updates("plans_planagreement"),
        refuse_updates("plans_planevaluation"),
        refuse_updates("plans_planevaluationgoal"),
        refuse_updates("plans_planevaluationscore"),
    ]
