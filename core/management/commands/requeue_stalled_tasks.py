import datetime

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Put back in the queue the background tasks that a worker started long ago and never "
        "finished (the worker was killed, or its machine stopped). Run before db_worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--backend", default="default", help="task backend (e.g. worker)")
        parser.add_argument(
            "--older-than",
            type=int,
            default=15,
            help="minutes after which a running task counts as abandoned (default 15)",
        )

    def handle(self, *args, backend, older_than, **options):
        # django-tasks-db leaves a task RUNNING for good when its worker dies; a live worker
        # finishes an alert in seconds, so one running for minutes has no worker left.
        cutoff = timezone.now() - datetime.timedelta(minutes=older_than)
        count = (
            DBTaskResult.objects.running()
            .filter(backend_name=backend, started_at__lt=cutoff)
            .update(status=TaskResultStatus.READY, started_at=None)
        )
        if count or options["verbosity"] > 1:
            self.stdout.write(f"Requeued {count} abandoned task(s) of the {backend} backend.")
