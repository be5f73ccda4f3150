"""Entrants told their outcome once an edition's results are public: one email per entry, once."""

import datetime as dt
from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.mail import email_users_render_and_enqueue
from audit.services import audit_record
from awards.models import Edition
from judging.outcome_sections import outcome_sections
from judging.selectors.outcomes import entry_outcomes
from submissions.enums import EntryStatus
from submissions.models import Entry


def edition_results_notify(*, edition: Edition, now: dt.datetime | None = None) -> int:
    """Email each submitted entry's team its outcome, once, and only when results are public.

    The outcome is the decision on the entry in its category's final round; no decision there
    means "not selected". Returns the number of emails queued (0 if too early or already done).
    Side effects: outcome emails queued; `results_notified_at` set; an audit event.
    """
    now = now or timezone.now()
    with transaction.atomic():
        edition = Edition.objects.select_for_update().select_related("award").get(pk=edition.pk)
        # The task may run early (a clock, a retry) or twice: check the time and the flag here.
        if not edition.results_are_public(now=now) or edition.results_notified_at is not None:
            return 0
        entries = list(
            Entry.objects.filter(category__edition=edition, status=EntryStatus.SUBMITTED)
            .select_related("category__edition")
            .prefetch_related("team__user")
            .order_by("pk")
        )
        outcomes = entry_outcomes(entries=entries, now=now)
        sent = 0
        for entry in entries:
            users = [member.user for member in entry.team.all()]
            if not users:
                continue
            email_users_render_and_enqueue(
                template="results_outcome",
                users=users,
                context=partial(
                    outcome_email_context, entry=entry, edition=edition, outcome=outcomes[entry.pk]
                ),
                related=entry,
                key=f"results_outcome:{edition.pk}:{entry.pk}",
            )
            sent += 1
        edition.results_notified_at = now
        edition.save(update_fields=["results_notified_at"])
        audit_record(
            actor=None,
            action="edition.results_notify",
            target=edition,
            summary=f"{sent} outcome emails",
            data={"emails": sent},
            edition=edition,
        )
    return sent


def outcome_email_context(*, entry, edition: Edition, outcome: str) -> dict:
    """Built with the recipient's language active: names and links are in it. Publishing renders
    it for its preview of the emails."""
    return {
        "entry_title": entry.title,
        "entry_reference": entry.reference or "",
        "category_name": entry.category.name,
        "award_name": edition.award.name,
        "year": edition.year,
        "outcome": outcome,
        "results_url": settings.SITE_URL + edition.get_absolute_url(),
        "my_entries_url": settings.SITE_URL + _my_entries_path(),
        "sections": outcome_sections(entry=entry),
    }


def _my_entries_path() -> str:
    try:
        return reverse("submissions:entry-list")
    except NoReverseMatch:  # the entrant pages are not routed in every build
        return "/entries/"
