from django.core.management.base import BaseCommand, CommandError

from judging.results.ballot_cli import FORMATS, run_pairs
from judging.results.cli import EXIT_BAD_INPUT, BadInput


class Command(BaseCommand):
    help = (
        "Fit a Bradley-Terry model to pairwise comparisons from a CSV or XLSX file "
        "(judge,winner,loser[,tie]): each entry's ability (log-strength, summing to zero), its "
        "standard error and rank. Exit code 2 on bad input."
    )

    def add_arguments(self, parser):
        parser.add_argument("pairs", help="CSV or XLSX file with columns judge,winner,loser[,tie]")
        parser.add_argument("--format", choices=FORMATS, default="table", dest="format")

    def handle(self, *args, **options):
        try:
            run_pairs(
                pairs=options["pairs"],
                fmt=options["format"],
                stdout=self.stdout,
                stderr=self.stderr,
            )
        except BadInput as error:
            raise CommandError(str(error), returncode=EXIT_BAD_INPUT) from error
