from django.core.management.base import BaseCommand

from judging.jobs import publications_due


class Command(BaseCommand):
    help = (
        "Queue the outcome emails of editions whose results time has passed. Run it from cron "
        "every minute; public pages do not wait for it."
    )

    def handle(self, *args, **options):
        count = publications_due()
        self.stdout.write(f"{count} edition(s) queued for outcome emails.")
