from django.core.management.base import BaseCommand

from judging.jobs import reminders_send_due


class Command(BaseCommand):
    help = (
        "Queue reminders for judges with unfinished reviews in rounds closing in their "
        "'reminder days before closing'. Run once a day (cron); a second run the same day "
        "sends nothing."
    )

    def handle(self, *args, **options):
        # Run here rather than as a task of its own: the command is the cron job, and each
        # reminder email is still queued as a task (`reminder_email`).
        sent = reminders_send_due()
        self.stdout.write(f"{sent} reminder(s) queued.")
