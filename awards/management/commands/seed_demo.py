from django.core.management.base import BaseCommand

from awards.demo import demo_seed


class Command(BaseCommand):
    help = "Create or refresh the demo award, calls, winner and accounts (safe to run again)."

    def handle(self, *args, **options):
        accounts = demo_seed()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Demo accounts:"))
        for account, password in accounts:
            secret = password or "(no password outside development: use 'Forgot password')"
            self.stdout.write(f"  {account.role:<10} {account.email:<28} {secret}")
