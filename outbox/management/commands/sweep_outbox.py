from django.core.management.base import BaseCommand

from outbox.jobs import sweep


class Command(BaseCommand):
    help = (
        "Queue again emails and tasks left behind by a stopped worker, and send emails whose "
        "retry is due. Cron: every few minutes (run_worker also does it every minute)."
    )

    def handle(self, **options):
        done = sweep()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in done.items()))
