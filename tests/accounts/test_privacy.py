"""Download my data and delete my account."""

import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.core.files.storage import default_storage
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent
from submissions.enums import EntryStatus, TeamRole
from submissions.models import Entry, EntryVersion, TeamInvitation, TeamMember
from submissions.services.attachments import attachment_add
from tests.clients import LaurelClient as Client
from tests.factories import AnswerFactory, EntryFactory, JuryMemberFactory, UserFactory
from tests.submissions.samples import PDF, file_question, organiser, upload

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def _with_file(entry, name="plan.pdf"):
    return attachment_add(
        entry=entry,
        question=file_question(entry),
        uploaded_file=upload(name, PDF),
        user=entry.owner,
    )


def _zip(response) -> zipfile.ZipFile:
    import io

    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_data_export_zips_profile_entries_answers_and_files(client):
    user = UserFactory(email="sally@turnup.se", display_name="Sally Sow")
    entry = EntryFactory(owner=user, title="Turn UP")
    AnswerFactory(entry=entry, value="Music for everyone")
    attachment = _with_file(entry, "Turn UP plan.pdf")
    EntryFactory(title="Someone else's")
    client.force_login(user)

    response = client.get(reverse("accounts:data-export"))

    archive = _zip(response)
    data = json.loads(archive.read("laurel-data.json"))
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="laurel-data-')
    assert data["profile"]["email"] == "sally@turnup.se"
    assert [e["title"] for e in data["entries"]] == ["Turn UP"]
    assert data["entries"][0]["your_role"] == "owner"
    assert data["entries"][0]["answers"][0]["value"] == "Music for everyone"
    path = f"files/entry-{entry.pk}/{attachment.pk}-Turn UP plan.pdf"
    assert data["entries"][0]["attachments"][0]["file_in_this_zip"] == path
    assert archive.read(path) == PDF
    assert sorted(archive.namelist()) == sorted(["laurel-data.json", path])


def test_data_export_needs_sign_in(client):
    response = client.get(reverse("accounts:data-export"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_data_overview_and_privacy_pages_render(client, user):
    public = client.get(reverse("accounts:privacy"))
    client.force_login(user)
    overview = client.get(reverse("accounts:data"))

    assert (public.status_code, overview.status_code) == (200, 200)
    assert reverse("accounts:data-export") in overview.text
    assert reverse("accounts:privacy") in overview.text


def test_account_delete_with_wrong_password_keeps_everything(client):
    user = UserFactory()
    EntryFactory(owner=user)
    client.force_login(user)

    response = client.post(reverse("accounts:account-delete"), {"password": "wrong"})

    assert response.status_code == 400
    assert response.context["form"].errors == {"password": ["That is not your password."]}
    assert (User.objects.filter(pk=user.pk).exists(), Entry.objects.count()) == (True, 1)


def test_account_delete_needs_post_with_csrf():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post(reverse("accounts:account-delete"), {"password": PASSWORD})

    assert response.status_code == 403
    assert User.objects.filter(pk=user.pk).exists()


def test_account_delete_deletes_solo_drafts_and_their_files(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory()
    draft = EntryFactory(owner=user)
    attachment = _with_file(draft)
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:account-delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert User.objects.filter(pk=user.pk).exists() is False
    assert EmailAddress.objects.filter(email=user.email).exists() is False
    assert Entry.objects.count() == 0
    assert default_storage.exists(attachment.file.name) is False
    assert AuditEvent.objects.filter(action="entry.delete", target_id=str(draft.pk)).count() == 1
    assert "_auth_user_id" not in client.session


def test_account_delete_anonymises_solo_submitted_entry(client):
    user = UserFactory(display_name="Sally Sow")
    entry = EntryFactory(owner=user, status=EntryStatus.SUBMITTED, organisation="Turn UP AB")
    attachment = _with_file(entry)
    EntryVersion.objects.create(
        entry=entry,
        number=1,
        submitted_by=user,
        content={
            "title": entry.title,
            "organisation": "Turn UP AB",
            "team": [{"user": user.pk, "name": "Sally Sow", "role": "owner"}],
        },
    )
    client.force_login(user)

    client.post(reverse("accounts:account-delete"), {"password": PASSWORD})

    entry.refresh_from_db()
    version = entry.versions.get()
    attachment.refresh_from_db()
    assert (entry.owner, entry.organisation, entry.team.count()) == (None, "", 0)
    assert version.content["team"] == [{"user": None, "name": "(deleted account)", "role": "owner"}]
    assert (version.content["organisation"], version.submitted_by) == ("", None)
    assert (attachment.uploaded_by, default_storage.exists(attachment.file.name)) == (None, True)
    assert AuditEvent.objects.filter(action="entry.anonymise").count() == 1


def test_account_delete_hands_shared_entry_to_the_next_member(client):
    user = UserFactory()
    entry = EntryFactory(owner=user, organisation="Turn UP AB")
    partner = UserFactory()
    TeamMember.objects.create(entry=entry, user=partner, role=TeamRole.MEMBER)
    client.force_login(user)

    client.post(reverse("accounts:account-delete"), {"password": PASSWORD})

    entry.refresh_from_db()
    assert (entry.owner, entry.organisation) == (partner, "Turn UP AB")
    assert [(m.user, m.role) for m in entry.team.all()] == [(partner, TeamRole.OWNER)]


def test_account_delete_as_member_leaves_the_team_only(client):
    entry = EntryFactory()
    member = UserFactory()
    TeamMember.objects.create(entry=entry, user=member, role=TeamRole.MEMBER)
    client.force_login(member)

    client.post(reverse("accounts:account-delete"), {"password": PASSWORD})

    entry.refresh_from_db()
    assert entry.owner is not None
    assert [m.user for m in entry.team.all()] == [entry.owner]


def test_account_delete_removes_pending_invitations_to_them(client):
    user = UserFactory(email="sally@turnup.se")
    TeamInvitation.objects.create(entry=EntryFactory(), email="Sally@TurnUP.se")
    client.force_login(user)

    client.post(reverse("accounts:account-delete"), {"password": PASSWORD})

    assert TeamInvitation.objects.count() == 0


def test_account_delete_refused_for_jury_members_and_staff(client):
    judge = JuryMemberFactory().user
    client.force_login(judge)
    judge_response = client.post(reverse("accounts:account-delete"), {"password": PASSWORD})
    staff = organiser()
    client.force_login(staff)
    staff_response = client.post(reverse("accounts:account-delete"), {"password": PASSWORD})

    assert (judge_response.status_code, staff_response.status_code) == (400, 400)
    assert User.objects.filter(pk__in=[judge.pk, staff.pk]).count() == 2


def test_account_delete_page_needs_sign_in(client):
    response = client.get(reverse("accounts:account-delete"))

    assert response.status_code == 302
