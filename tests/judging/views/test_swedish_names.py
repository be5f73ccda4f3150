"""Issue 11: award, category and round names follow the active language on the jury pages and
in the emails, which follow the recipient's language."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from judging.enums import JuryRole
from judging.tasks import assignments_notify
from tests.factories import JuryMemberFactory, UserFactory
from tests.judging.builders import assign, judged_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def round():
    round = judged_round(name_en="Screening", name_sv="Gallring")
    category = round.category
    category.name_en, category.name_sv = "Idea", "Idé"
    category.save()
    award = category.edition.award
    award.name_en, award.name_sv = "Science Award", "Vetenskapspriset"
    award.save()
    return round


def sv_url(name, **kwargs):
    with translation.override("sv"):
        return reverse(name, kwargs=kwargs or None)


def test_jury_dashboard_in_swedish_shows_swedish_names(client, round):
    judge = UserFactory()
    assign(round=round, judge=judge)
    client.force_login(judge)

    body = client.get(sv_url("judging:dashboard")).content.decode()

    assert "Vetenskapspriset" in body and "Idé" in body and "Gallring" in body
    assert "Science Award" not in body and "Screening" not in body


def test_jury_dashboard_in_english_shows_english_names(client, round):
    judge = UserFactory()
    assign(round=round, judge=judge)
    client.force_login(judge)

    body = client.get(reverse("judging:dashboard")).content.decode()

    assert "Science Award" in body and "Screening" in body
    assert "Vetenskapspriset" not in body and "Gallring" not in body


def test_round_progress_in_swedish_shows_swedish_names(client, round):
    chair = JuryMemberFactory(category=round.category, role=JuryRole.CHAIR).user
    client.force_login(chair)

    response = client.get(sv_url("judging:round-progress", round_id=round.pk))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Vetenskapspriset" in body and "Idé" in body and "Gallring" in body
    assert "Science Award" not in body and "Screening" not in body


def test_assignment_email_to_a_swedish_judge_uses_swedish_names(round):
    judge = UserFactory(language="sv")
    assign(round=round, judge=judge)

    with translation.override("en"):
        assignments_notify.call(round_id=round.pk, judge_id=judge.pk)

    (message,) = mail.outbox
    assert "Gallring" in message.subject
    assert "Gallring" in message.body and "Idé" in message.body
    assert "Screening" not in message.body and "Idea " not in message.body


def test_round_str_follows_the_active_language(round):
    with translation.override("sv"):
        swedish = str(round)
    with translation.override("en"):
        english = str(round)

    assert swedish == f"Vetenskapspriset {round.category.edition.year} Idé · Gallring"
    assert english == f"Science Award {round.category.edition.year} Idea · Screening"


def test_admin_round_list_in_swedish_shows_swedish_names(client, round, settings):
    settings.LAUREL_REQUIRE_STAFF_MFA = False
    # The admin is the superusers' back office.
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with translation.override("sv"):
        url = reverse("admin:judging_round_changelist")

    body = client.get(url).content.decode()

    assert "Gallring" in body and "Vetenskapspriset" in body and "Idé" in body
    assert "Screening" not in body and "Science Award" not in body
