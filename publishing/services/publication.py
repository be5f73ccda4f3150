"""An edition's results and winner pages published together, in one reviewed step."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from awards.cache import public_pages_invalidate
from awards.models import Edition, Winner
from awards.services import winner_publish
from judging.services.publication import edition_results_publish
from publishing.selectors import edition_checklist


def edition_publish(*, edition: Edition, at: dt.datetime | None = None, by) -> Edition:
    """Publish the edition's results and all its winner pages at `at` (default now; a later
    time is an embargo).

    Refused (ValidationError naming each problem) while any call or round of the edition is open
    or any other checklist item fails (`publishing.selectors.edition_checklist`). Sets the
    edition's results time and every winner page's `publish_at` to `at`. Side effects: audit
    events "edition.publish", "edition.results_publish" and one "winner.publish" per page; the
    cached public pages made stale; once `at` has come, the entrants' outcome emails queued,
    which go out once per edition whatever is published, unpublished and published again
    (`judging.services.outcomes.edition_results_notify` keeps the flag).
    """
    at = at or timezone.now()
    with transaction.atomic():
        edition = Edition.objects.select_for_update().select_related("award").get(pk=edition.pk)
        problems = [
            problem for item in edition_checklist(edition=edition) for problem in item.problems
        ]
        if problems:
            raise ValidationError(
                [ValidationError(problem, code="checklist") for problem in problems]
            )
        winners = list(Winner.objects.filter(category__edition=edition))
        for winner in winners:
            winner_publish(winner=winner, at=at, by=by)
        edition = edition_results_publish(edition=edition, at=at, by=by)
        audit_record(
            actor=by,
            action="edition.publish",
            target=edition,
            summary=str(edition),
            data={"at": at.isoformat(), "winners": len(winners)},
            edition=edition,
        )
    public_pages_invalidate()
    return edition


def edition_unpublish(*, edition: Edition, by) -> Edition:
    """Take the edition's results and winner pages off the public site (back to drafts).

    Emails already sent stay sent and are never sent again on the next publication. Side
    effects: audit events "edition.unpublish" and one "winner.unpublish" per page; the cached
    public pages made stale.
    """
    with transaction.atomic():
        edition = Edition.objects.select_for_update().select_related("award").get(pk=edition.pk)
        winners = list(Winner.objects.filter(category__edition=edition))
        for winner in winners:
            winner_publish(winner=winner, at=None, by=by)
        edition.results_publish_at = None
        edition.save(update_fields=["results_publish_at"])
        audit_record(
            actor=by,
            action="edition.unpublish",
            target=edition,
            summary=str(edition),
            data={"winners": len(winners)},
            edition=edition,
        )
    public_pages_invalidate()
    return edition
