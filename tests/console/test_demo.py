"""The demo's season in progress: the dashboard shows real figures for the demo organiser."""

import pytest
from django.urls import reverse

from accounts.models import User
from awards.demo import demo_seed
from judging.models import Review
from submissions.models import Entry

pytestmark = pytest.mark.django_db


def test_demo_has_an_edition_in_progress_on_the_organisers_dashboard(client, settings):
    settings.LAUREL_REQUIRE_STAFF_MFA = False
    demo_seed()
    demo_seed()  # run again: nothing doubles
    client.force_login(User.objects.get(email="organiser@laurel.example"))

    response = client.get(reverse("console:dashboard"))

    assert response.status_code == 200
    summary = next(e for e in response.context["awards"][0].editions if e.edition.year == 2026)
    idea = summary.categories[0]
    assert (idea.call_status, idea.drafted, idea.submitted, idea.questions) == ("open", 2, 5, 1)
    assert (idea.jury.accepted, idea.jury.chairs) == (2, 1)
    assert [(r.entries, r.assignments, r.submitted) for r in idea.rounds] == [(5, 5, 3)]
    assert len(summary.days) > 1
    assert Entry.objects.filter(category=idea.category).count() == 7
    assert Review.objects.count() == 3
