from django.core.management.base import BaseCommand

from judging.jobs import reminders_send_due
from submissions.services.reminders import deadline_reminders_send


class Command(BaseCommand):
    help = (
        "Queue reminders for judges with unfinished reviews in rounds closing in their "
        "'reminder days before closing', and for entrants whose entry (or changes to it) is not "
        "submitted with the deadline at most ENTRY_REMINDER_HOURS_BEFORE hours away. Run once a "
        "day (cron); a second run the same day sends nothing."
    )

    def handle(self, *args, **options):
        # Run here rather than as a task of its own: the command is the cron job, and each
        # reminder email is still queued as a task (`reminder_email`).
        sent = reminders_send_due()
        self.stdout.write(f"{sent} reminder(s) queued.")
        entrants = deadline_reminders_send()
        self.stdout.write(f"{entrants} entrant reminder(s) queued.")
