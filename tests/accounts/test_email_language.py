"""Each person's emails come in the language they read Laurel in, whoever triggered them."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from judging.enums import DecisionOutcome
from judging.models import Decision
from judging.services.publication import edition_results_publish
from judging.tasks import reminder_email
from submissions.enums import QuestionKind
from submissions.services.entries import entry_submit
from tests.factories import (
    AnswerFactory,
    CategoryFactory,
    EntryFactory,
    QuestionFactory,
    RoundFactory,
    TeamMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-unusual-passphrase-42"


def test_signing_up_on_the_swedish_pages_makes_swedish_the_email_language(client):
    response = client.post(
        "/sv/accounts/signup/",
        {"email": "sally@turnup.se", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    user = UserFactory._meta.model.objects.get(email="sally@turnup.se")
    assert user.language == "sv"
    # The confirmation email itself is already in the language of the page.
    assert "Bekräfta" in mail.outbox[0].body or "bekräfta" in mail.outbox[0].body


def test_signing_up_on_the_english_pages_makes_english_the_email_language(client):
    client.post(
        "/accounts/signup/",
        {"email": "sally@turnup.se", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert UserFactory._meta.model.objects.get(email="sally@turnup.se").language == "en"


def test_switching_the_site_language_also_switches_a_signed_in_persons_emails(client):
    user = UserFactory(language="en")
    client.force_login(user)

    response = client.post(reverse("set_language"), {"language": "sv", "next": "/"})

    assert response.status_code == 302
    assert response.url == "/sv/"
    user.refresh_from_db()
    assert user.language == "sv"


def test_switching_language_anonymously_or_to_an_unknown_language_stores_nothing(client):
    assert client.post(reverse("set_language"), {"language": "sv", "next": "/"}).status_code == 302
    user = UserFactory(language="sv")
    client.force_login(user)

    client.post(reverse("set_language"), {"language": "xx", "next": "/"})

    user.refresh_from_db()
    assert user.language == "sv"


def test_profile_sets_the_email_language_and_offers_only_shipped_languages(client):
    user = UserFactory(language="")
    client.force_login(user)

    page = client.get(reverse("accounts:profile-edit")).content.decode()
    refused = client.post(
        reverse("accounts:profile-edit"),
        {"display_name": "Sally", "organisation": "Turn UP", "language": "de"},
    )
    saved = client.post(
        reverse("accounts:profile-edit"),
        {"display_name": "Sally", "organisation": "Turn UP", "language": "sv"},
    )

    assert 'name="language"' in page and "Swedish" in page
    assert refused.status_code == 200
    assert "language" in refused.context["form"].errors
    assert saved.status_code == 302
    user.refresh_from_db()
    assert user.language == "sv"


def test_a_teams_receipt_goes_out_once_per_person_each_in_their_own_language(
    django_capture_on_commit_callbacks,
):
    category = CategoryFactory(
        code="IDEA", name_en="Idea", name_sv="Idé", edition__award__code="FSA"
    )
    consent = QuestionFactory(category=category, kind=QuestionKind.CHECKBOX)
    entry = EntryFactory(
        category=category, title="Turn UP", pitch="Music.", owner=UserFactory(language="sv")
    )
    AnswerFactory(entry=entry, question=consent, value="yes")
    english = TeamMemberFactory(entry=entry, user=UserFactory(language="en")).user
    unset = TeamMemberFactory(entry=entry, user=UserFactory(language="")).user

    with django_capture_on_commit_callbacks(execute=True):
        entry_submit(entry=entry, user=entry.owner)

    by_recipients = {tuple(message.to): message for message in mail.outbox}
    assert sorted(by_recipients) == sorted([(entry.owner.email,), (english.email,), (unset.email,)])
    swedish = by_recipients[(entry.owner.email,)]
    assert by_recipients[(unset.email,)].body == by_recipients[(english.email,)].body
    other = by_recipients[(english.email,)]
    assert swedish.subject.startswith("[Laurel] Bidrag mottaget: FSA-")
    assert "Referensnummer" in swedish.body and "kategorin Idé" in swedish.body
    assert f"/sv/entries/{entry.pk}/submitted/" in swedish.body
    assert other.subject.startswith("[Laurel] Entry received: FSA-")
    assert "Reference number" in other.body and "category Idea" in other.body
    assert "/sv/entries/" not in other.body and f"/entries/{entry.pk}/submitted/" in other.body


def test_results_outcome_email_is_in_each_entrants_language(django_capture_on_commit_callbacks):
    final = RoundFactory(category__name_en="Idea", category__name_sv="Idé")
    edition = final.category.edition
    swedish = EntryFactory(
        category=final.category, owner=UserFactory(language="sv"), status="submitted"
    )
    english = EntryFactory(
        category=final.category, owner=UserFactory(language="en"), status="submitted"
    )
    Decision.objects.create(
        round=final, entry=swedish, outcome=DecisionOutcome.WINNER, reason="Best"
    )
    Decision.objects.create(
        round=final, entry=english, outcome=DecisionOutcome.WINNER, reason="Also best"
    )

    with django_capture_on_commit_callbacks(execute=True):
        edition_results_publish(edition=edition, at=timezone.now(), by=UserFactory(is_staff=True))

    bodies = {message.to[0]: (message.subject, message.body) for message in mail.outbox}
    subject, body = bodies[swedish.owner.email]
    assert subject.startswith("[Laurel] Resultat för")
    assert "Grattis! Ditt bidrag vann sin kategori." in body and "Idé:" in body
    assert f"/sv{reverse('submissions:entry-list')}" in body
    subject, body = bodies[english.owner.email]
    assert subject.startswith("[Laurel] Results of the")
    assert "your entry won its category" in body and "Idea:" in body
    assert "/sv/" not in body


def test_a_judges_reminder_is_in_the_judges_language():
    round = RoundFactory(
        category__name_en="Idea",
        category__name_sv="Idé",
        closes_at=timezone.now() + dt.timedelta(days=2),
    )
    judge = UserFactory(language="sv")

    reminder_email.enqueue(round_id=round.pk, judge_id=judge.pk, unfinished=3)

    assert [message.to for message in mail.outbox] == [[judge.email]]
    assert "(Idé)" in mail.outbox[0].body
    assert "/sv/" in mail.outbox[0].body
