import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent
from awards.models import AwardOrganiser
from outbox.models import OutgoingEmail
from tests.factories import EntryFactory, JuryMemberFactory, UserFactory
from tests.submissions.samples import organiser

pytestmark = pytest.mark.django_db


def _outbox_organiser(award=None):
    user = organiser("view_entry", award=award)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="outbox"))
    return user


def _back_office():
    return UserFactory(is_staff=True, is_superuser=True)


def _failed(related=None, to="bounced@example.org"):
    return OutgoingEmail.objects.create(
        to=to,
        from_email="noreply@example.org",
        subject="Entry received: FSA-2026-IDEA-0001",
        body="Thanks",
        state="failed",
        attempts=1,
        last_error="550 5.1.1 no such mailbox",
        related=related,
    )


def test_the_back_office_sees_the_outbox_with_the_reason_and_a_retry_button(client):
    _failed()
    OutgoingEmail.objects.create(
        to="ok@example.org", from_email="x", subject="Hi", body="B", state="sent"
    )
    client.force_login(_back_office(), mfa=True)

    response = client.get(reverse("accounts:email-list"))

    assert response.status_code == 200
    assert "bounced@example.org" in response.text and "ok@example.org" in response.text
    assert "550 5.1.1 no such mailbox" in response.text
    assert response.text.count("Send again") == 1


def test_the_outbox_filters_by_state(client):
    _failed()
    OutgoingEmail.objects.create(
        to="ok@example.org", from_email="x", subject="Hi", body="B", state="sent"
    )
    client.force_login(_back_office(), mfa=True)

    response = client.get(reverse("accounts:email-list"), {"state": "failed"})

    assert "bounced@example.org" in response.text and "ok@example.org" not in response.text


def test_the_outbox_page_keeps_its_query_count(client, django_assert_max_num_queries):
    for n in range(30):
        _failed(to=f"person{n}@example.org")
    client.force_login(_back_office(), mfa=True)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:email-list"))

    assert response.status_code == 200


@pytest.mark.parametrize("who", ["entrant", "staff_without_permission", "organiser"])
def test_the_outbox_is_404_for_everyone_else(client, who):
    """The whole outbox spans every award: an organiser sees their own failed emails where they
    belong (the entry, the jury page), not the list."""
    user = {
        "entrant": UserFactory,
        "staff_without_permission": lambda: organiser("view_entry"),
        "organiser": _outbox_organiser,
    }[who]()
    client.force_login(user, mfa=True)

    assert client.get(reverse("accounts:email-list")).status_code == 404
    assert client.post(reverse("accounts:email-retry", args=[_failed().pk])).status_code == 404


def test_an_organiser_cannot_send_again_another_awards_email(client):
    entry = EntryFactory()
    email = _failed(related=entry)
    client.force_login(_outbox_organiser(award=EntryFactory().category.edition.award), mfa=True)

    response = client.post(reverse("accounts:email-retry", args=[email.pk]))

    email.refresh_from_db()
    assert (response.status_code, email.state, len(mail.outbox)) == (404, "failed", 0)


def test_retry_sends_the_failed_email_and_goes_back(client):
    entry = EntryFactory()
    email = _failed(related=entry)
    client.force_login(_outbox_organiser(award=entry.category.edition.award), mfa=True)
    back = reverse("submissions:organiser-entry-detail", args=[entry.pk])

    response = client.post(reverse("accounts:email-retry", args=[email.pk]), {"next": back})

    email.refresh_from_db()
    assert (response.status_code, response.url) == (302, back)
    assert (email.state, email.attempts) == ("sent", 1)
    assert [m.to for m in mail.outbox] == [["bounced@example.org"]]
    assert AuditEvent.objects.filter(action="outbox.retry").count() == 1


def test_a_failed_receipt_shows_on_the_organisers_entry_page(client):
    entry = EntryFactory()
    _failed(related=entry)
    user = _outbox_organiser()
    AwardOrganiser.objects.create(award=entry.category.edition.award, user=user)
    client.force_login(user, mfa=True)

    response = client.get(reverse("submissions:organiser-entry-detail", args=[entry.pk]))

    assert response.status_code == 200
    assert "An email could not be delivered" in response.text
    assert "550 5.1.1 no such mailbox" in response.text
    assert "Send again" in response.text


def test_a_failed_invitation_shows_on_the_jury_page_without_retry_for_a_chair(client):
    from judging.enums import JuryRole

    seat = JuryMemberFactory(user=None, email="new.judge@example.org", accepted_at=None)
    chair = JuryMemberFactory(category=seat.category, role=JuryRole.CHAIR).user
    _failed(related=seat, to="new.judge@example.org")
    client.force_login(chair, mfa=True)

    response = client.get(reverse("judging:jury-list", args=[seat.category.pk]))

    assert response.status_code == 200
    assert "An email could not be delivered" in response.text
    assert "new.judge@example.org" in response.text
    assert "/outbox/" not in response.text  # chairs resend the invitation; the outbox is staff's
