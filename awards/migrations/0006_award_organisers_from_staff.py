"""Staff who organised before awards had organisers keep their access: each becomes an organiser
of every existing award."""

from django.db import migrations
from django.db.models import Q

APPS = ["awards", "submissions", "judging"]


def staff_to_organisers(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Award = apps.get_model("awards", "Award")
    AwardOrganiser = apps.get_model("awards", "AwardOrganiser")
    staff = (
        User.objects.filter(is_staff=True, is_superuser=False)
        .filter(
            Q(user_permissions__content_type__app_label__in=APPS)
            | Q(groups__permissions__content_type__app_label__in=APPS)
        )
        .distinct()
    )
    AwardOrganiser.objects.bulk_create(
        [AwardOrganiser(award=award, user=user) for user in staff for award in Award.objects.all()],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0005_award_organisers"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(staff_to_organisers, migrations.RunPython.noop)]
