from django.core.management.base import BaseCommand, CommandError

from judging.results.cli import EXIT_BAD_INPUT, add_arguments, run
from judging.results.csvio import ScoresFileError


class Command(BaseCommand):
    help = (
        "Rank entries from a CSV of scores (entry,judge,criterion,score), with judge-bias "
        "calibration, reliability figures and ranking stability. Exit code 2 on bad input."
    )

    def add_arguments(self, parser):
        add_arguments(parser)

    def handle(self, *args, **options):
        if options["top"] < 1:
            raise CommandError("--top must be at least 1", returncode=EXIT_BAD_INPUT)
        try:
            run(
                scores=options["scores"],
                weights=options["weights"],
                method=options["method"],
                top=options["top"],
                fmt=options["format"],
                bootstrap=options["bootstrap"],
                seed=options["seed"],
                stdout=self.stdout,
            )
        except ScoresFileError as error:
            raise CommandError(str(error), returncode=EXIT_BAD_INPUT) from error
