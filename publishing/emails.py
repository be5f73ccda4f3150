"""The entrants' outcome emails as they will be sent, rendered for the organiser to read first."""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from awards.models import Edition
from judging.services.outcomes import outcome_email_context
from submissions.enums import EntryStatus
from submissions.models import Entry

LANGUAGES = ("en", "sv")
# "winner" stands for every prize; "not_selected" is what most entrants read.
SAMPLE_OUTCOMES = ("winner", "runner_up", "honourable_mention", "not_selected")


@dataclass
class EmailPreview:
    language: str
    outcome: str
    subject: str
    body: str


def outcome_email_previews(*, edition: Edition) -> list[EmailPreview]:
    """Each outcome's email in both languages, rendered from the real templates for a sample
    entry of the edition (the first submitted one); empty when the edition has no entry."""
    entry = (
        Entry.objects.filter(category__edition=edition, status=EntryStatus.SUBMITTED)
        .select_related("category__edition__award")
        .order_by("pk")
        .first()
    )
    if entry is None:
        return []
    previews = []
    for language in LANGUAGES:
        with translation.override(language):
            for outcome in SAMPLE_OUTCOMES:
                context = outcome_email_context(entry=entry, edition=edition, outcome=outcome)
                subject = render_to_string("emails/results_outcome_subject.txt", context)
                body = render_to_string("emails/results_outcome_body.txt", context)
                previews.append(
                    EmailPreview(
                        language=language,
                        outcome=outcome,
                        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
                        + " ".join(subject.splitlines()).strip(),
                        body=body.strip(),
                    )
                )
    return previews
