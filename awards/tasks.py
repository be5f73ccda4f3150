from django_tasks import task

from awards.models import Edition
from awards.services import edition_results_notify


@task()
def results_notify(*, edition_id: int) -> int:
    """Email entrants their outcome; does nothing before the results time or a second time."""
    edition = Edition.objects.filter(pk=edition_id).first()
    return edition_results_notify(edition=edition) if edition else 0
