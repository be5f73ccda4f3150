from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME

from outbox.worker import worker_run


class Command(BaseCommand):
    help = (
        "Run the background worker (django-tasks-db's, kept alive through database outages), "
        "with a heartbeat and the outbox and task sweeper beside it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default=DEFAULT_TASK_QUEUE_NAME)
        parser.add_argument("--backend", default=DEFAULT_TASK_BACKEND_ALIAS, dest="backend_name")
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--batch", action="store_true", help="Run what is due, then exit.")
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument("--worker-id", default="")
        parser.add_argument(
            "--heartbeat-seconds", type=float, default=settings.WORKER_HEARTBEAT_SECONDS
        )
        parser.add_argument("--sweep-seconds", type=float, default=settings.OUTBOX_SWEEP_SECONDS)

    def handle(self, **options):
        worker_run(
            worker_id=options["worker_id"] or get_random_string(32),
            queue_names=options["queue_name"].split(","),
            backend_name=options["backend_name"],
            interval=options["interval"],
            batch=options["batch"],
            max_tasks=options["max_tasks"],
            heartbeat_seconds=options["heartbeat_seconds"],
            sweep_seconds=options["sweep_seconds"],
        )
