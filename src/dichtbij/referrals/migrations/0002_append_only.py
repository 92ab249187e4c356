"""The referral history and goal results refuse UPDATE, also from raw SQL (see
utils.append_only)."""

from django.db import migrations

from dichtbij.utils.append_only import refuse_updates


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_initial")]

    operations = [
        refuse_updates("referrals_referralevent"),
        refuse_updates("referrals_referralgoalresult"),
    ]
