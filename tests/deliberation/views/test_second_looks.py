import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from judging.models import Assignment
from tests.deliberation.meeting_builders import closed_round
from tests.factories import JuryMemberFactory

pytestmark = pytest.mark.django_db


def test_chair_previews_then_confirms_a_second_look(client):
    scored = closed_round()
    fresh = JuryMemberFactory(category=scored.round.category).user
    client.force_login(scored.chair, mfa=True)
    url = reverse("deliberation:second-look", kwargs={"round_id": scored.round.pk})
    deadline = timezone.localtime(timezone.now() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    options = {"basis": "cut", "count": "2", "extra": "1", "top_n": "1", "deadline": deadline}

    preview = client.get(url, options)
    digest = preview.context["plan"].digest
    before = Assignment.objects.filter(judge=fresh).count()
    confirmed = client.post(url, {**options, "digest": digest})

    assert preview.status_code == 200
    assert str(fresh) in preview.content.decode()
    assert (before, confirmed.status_code) == (0, 302)
    assert Assignment.objects.filter(judge=fresh).count() == 2


def test_stale_preview_is_refused(client):
    scored = closed_round()
    JuryMemberFactory(category=scored.round.category)
    client.force_login(scored.chair, mfa=True)
    url = reverse("deliberation:second-look", kwargs={"round_id": scored.round.pk})
    deadline = timezone.localtime(timezone.now() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")

    response = client.post(
        url,
        {
            "basis": "cut",
            "count": "2",
            "extra": "1",
            "top_n": "1",
            "deadline": deadline,
            "digest": "x",
        },
    )

    assert response.status_code == 409
    assert Assignment.objects.filter(round=scored.round).count() == 8


def test_judge_cannot_ask_for_a_second_look(client):
    scored = closed_round()
    client.force_login(scored.judge, mfa=True)

    response = client.get(reverse("deliberation:second-look", kwargs={"round_id": scored.round.pk}))

    assert response.status_code == 404
