"""Entrants' outcomes, read from the final round's decisions once results are public."""

import pytest
from django.utils import timezone

from judging.enums import DecisionOutcome
from judging.models import Decision
from judging.selectors.outcomes import entry_outcomes
from tests.factories import (
    EditionFactory,
    RoundFactory,
)
from tests.judging.builders import entry_of

pytestmark = pytest.mark.django_db


def test_entry_outcomes_are_given_only_once_results_are_public(django_assert_num_queries):
    edition = EditionFactory(results_publish_at=None)
    final = RoundFactory(category__edition=edition, position=1)
    entry = entry_of(edition, category=final.category, email="wait@example.org")
    Decision.objects.create(round=final, entry=entry, outcome=DecisionOutcome.RUNNER_UP, reason="-")

    before = entry_outcomes(entries=[entry])
    edition.results_publish_at = timezone.now()
    edition.save()
    entry.category.edition.results_publish_at = edition.results_publish_at
    with django_assert_num_queries(2):
        after = entry_outcomes(entries=[entry])

    assert (before, after) == ({}, {entry.pk: "runner_up"})
