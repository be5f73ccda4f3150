from django.core.management.base import BaseCommand, CommandError

from judging.results.ballot_cli import FORMATS, run_rankings
from judging.results.ballot_ranking import BALLOT_METHODS
from judging.results.cli import EXIT_BAD_INPUT, BadInput


class Command(BaseCommand):
    help = (
        "Aggregate judges' rankings from a CSV or XLSX file (judge,entry,rank; 1 is best, equal "
        "ranks are ties) by Borda count or the Schulze method. Exit code 2 on bad input."
    )

    def add_arguments(self, parser):
        parser.add_argument("ballots", help="CSV or XLSX file with columns judge,entry,rank")
        parser.add_argument("--method", choices=BALLOT_METHODS, required=True)
        parser.add_argument("--format", choices=FORMATS, default="table", dest="format")

    def handle(self, *args, **options):
        try:
            run_rankings(
                ballots=options["ballots"],
                method=options["method"],
                fmt=options["format"],
                stdout=self.stdout,
                stderr=self.stderr,
            )
        except BadInput as error:
            raise CommandError(str(error), returncode=EXIT_BAD_INPUT) from error
