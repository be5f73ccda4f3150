from django.core.management.base import BaseCommand

from outbox.jobs import outbox_prune


class Command(BaseCommand):
    help = "Delete sent emails older than OUTBOX_KEEP_SENT_DAYS. Cron: daily."

    def handle(self, **options):
        self.stdout.write(f"{outbox_prune()} sent emails deleted")
