from django.core.management.base import BaseCommand

from deliberation.jobs import discussion_digests_send_due


class Command(BaseCommand):
    help = (
        "Email judges and chairs a digest of the discussion messages new to them, one per round "
        "a day at most. Run once a day (cron); a second run the same day sends nothing."
    )

    def handle(self, *args, **options):
        sent = discussion_digests_send_due()
        self.stdout.write(f"{sent} digest(s) queued.")
