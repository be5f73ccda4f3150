from django.core.management.base import BaseCommand, CommandError

from judging.results.cli import EXIT_BAD_INPUT, BadInput, add_arguments, run


class Command(BaseCommand):
    help = (
        "Rank entries from a CSV or XLSX file of scores (entry,judge,criterion,score), with "
        "judge-bias calibration, intervals, reliability figures and a robustness verdict. "
        "Exit code 2 on bad input."
    )

    def add_arguments(self, parser):
        add_arguments(parser)

    def handle(self, *args, **options):
        try:
            run(
                scores=options["scores"],
                weights=options["weights"],
                method=options["method"],
                top=options["top"],
                fmt=options["format"],
                bootstrap=options["bootstrap"],
                seed=options["seed"],
                confidence=options["confidence"],
                without_judges=options["without_judge"],
                stdout=self.stdout,
                stderr=self.stderr,
            )
        except BadInput as error:
            # CommandError prints "CommandError: <message>" and exits with returncode, no
            # traceback (unless --traceback is asked for).
            raise CommandError(str(error), returncode=EXIT_BAD_INPUT) from error
