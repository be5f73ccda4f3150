from django.core.management.base import BaseCommand

from judging.tasks import reminders_send_due


class Command(BaseCommand):
    help = (
        "Queue reminders for judges with unfinished reviews in rounds closing in their "
        "'reminder days before closing'. Run once a day (cron); a second run the same day "
        "sends nothing."
    )

    def handle(self, *args, **options):
        result = reminders_send_due.enqueue()
        self.stdout.write(f"Reminders queued (task {result.id}).")
