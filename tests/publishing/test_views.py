import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from awards.models import AwardOrganiser, Winner
from publishing.enums import CorrectionStatus, TeamCheckStatus
from publishing.models import Correction, TeamCheck
from tests.factories import UserFactory, WinnerPhotoFactory
from tests.publishing.builders import decide, judged_season, organiser_user, ready_to_publish
from tests.queries import session_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def season():
    return judged_season()


@pytest.fixture
def organiser(client, season):
    """An organiser of the season's award (organisers belong to an award)."""
    user = organiser_user()
    AwardOrganiser.objects.create(award=season["edition"].award, user=user)
    client.force_login(user, mfa=True)
    return user


@pytest.fixture
def draft(season):
    decide(season, season["entries"][0])
    return Winner.objects.get(entry=season["entries"][0])


def test_edition_list_shows_editions_to_organisers(client, organiser, season):
    response = client.get(reverse("publishing:edition-list"))

    assert response.status_code == 200
    assert str(season["edition"].award.name) in response.content.decode()


def test_edition_list_is_404_for_others(client, season):
    client.force_login(UserFactory())

    assert client.get(reverse("publishing:edition-list")).status_code == 404


def test_winner_list_shows_drafts_and_what_they_lack(client, organiser, season, draft):
    response = client.get(reverse("publishing:winner-list", kwargs={"pk": season["edition"].pk}))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Sally Sow, Maja Member: Turn UP" in page
    assert "summary in Swedish, jury citation in English" in page


def test_winner_list_queries_do_not_grow_with_pages(client, organiser, season, draft):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("publishing:winner-list", kwargs={"pk": season["edition"].pk})
    TeamCheck.objects.create(winner=draft)
    WinnerPhotoFactory(winner=draft)
    client.get(url)
    with CaptureQueriesContext(connection) as one_page:
        client.get(url)
    for entry in season["entries"][1:]:
        decide(season, entry, "honourable_mention")
        winner = Winner.objects.get(entry=entry)
        WinnerPhotoFactory(winner=winner)
        TeamCheck.objects.create(winner=winner)

    with CaptureQueriesContext(connection) as three_pages:
        response = client.get(url)

    assert len(response.context["rows"]) == 3
    # Session, user, the edition, its award's organisers, then the page's reads (permissions
    # and the second factor come from the cache).
    expected = 6 + session_queries()
    assert (len(one_page), len(three_pages)) == (expected, expected)


def test_winner_list_is_404_for_a_chair(client, season, draft):
    client.force_login(season["chair"], mfa=True)

    url = reverse("publishing:winner-list", kwargs={"pk": season["edition"].pk})
    assert client.get(url).status_code == 404


def test_winner_edit_saves_texts_and_audits(client, organiser, draft):
    url = reverse("publishing:winner-edit", kwargs={"pk": draft.pk})
    data = {
        "names": draft.names,
        "organisation": draft.organisation,
        "idea_title": draft.idea_title,
        "summary_en": "Music for all.",
        "summary_sv": "Musik för alla.",
        "citation_en": "For music.",
        "citation_sv": "För musik.",
        "story_en": "## Story",
        "story_sv": "## Berättelse",
    }

    response = client.post(url, data)

    draft.refresh_from_db()
    assert response.status_code == 302
    assert (draft.summary_sv, draft.story_en) == ("Musik för alla.", "## Story")
    assert AuditEvent.objects.get(action="winner.page_edit").data["fields"] == [
        "summary_en",
        "summary_sv",
        "citation_en",
        "citation_sv",
        "story_en",
        "story_sv",
    ]


def test_winner_edit_shows_the_social_card_and_preview_link(client, organiser, draft):
    response = client.get(reverse("publishing:winner-edit", kwargs={"pk": draft.pk}))

    page = response.content.decode()
    assert "Social card" in page
    assert reverse("public:winner-preview", kwargs={"pk": draft.pk}) in page


def test_winner_edit_is_404_for_the_team(client, season, draft):
    client.force_login(season["entries"][0].owner)

    assert client.get(reverse("publishing:winner-edit", kwargs={"pk": draft.pk})).status_code == 404


def test_photo_add_requires_both_alternative_texts(client, organiser, draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.publishing.images import png_bytes

    url = reverse("publishing:photo-add", kwargs={"pk": draft.pk})
    image = SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")

    response = client.post(url, {"image": image, "alt_text_en": "The team on stage"})

    assert response.status_code == 400
    assert draft.photos.count() == 0


def test_photo_add_makes_renditions(client, organiser, draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.publishing.images import png_bytes

    url = reverse("publishing:photo-add", kwargs={"pk": draft.pk})
    image = SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")

    response = client.post(url, {"image": image, "alt_text_en": "The team", "alt_text_sv": "Laget"})

    assert response.status_code == 302
    photo = draft.photos.get()
    assert (photo.alt_text_sv, photo.widths) == ("Laget", [480, 640])


def test_photo_remove(client, organiser, draft):
    photo = WinnerPhotoFactory(winner=draft)

    response = client.post(reverse("publishing:photo-remove", kwargs={"pk": photo.pk}))

    assert response.status_code == 302
    assert draft.photos.count() == 0


def test_publication_page_shows_checklist_and_both_languages_emails(client, organiser, season):
    response = client.get(
        reverse("publishing:edition-publication", kwargs={"pk": season["edition"].pk})
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "The final round Final of IDEA has no decisions." in page
    assert "Congratulations: your entry won its category." in page
    assert "Grattis! Ditt bidrag vann sin kategori." in page


def test_publish_view_publishes_when_ready(client, organiser, season):
    winner = ready_to_publish(season)

    response = client.post(
        reverse("publishing:edition-publish", kwargs={"pk": season["edition"].pk}),
        {"when": "now"},
    )

    winner.refresh_from_db()
    assert response.status_code == 302
    assert winner.is_published() is True


def test_publish_view_refuses_and_names_what_fails(client, organiser, season):
    response = client.post(
        reverse("publishing:edition-publish", kwargs={"pk": season["edition"].pk}),
        {"when": "now"},
    )

    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Not published: The final round Final of IDEA has no decisions." in page
    season["edition"].refresh_from_db()
    assert season["edition"].results_publish_at is None


def test_publish_view_refuses_an_embargo_without_a_time(client, organiser, season):
    ready_to_publish(season)

    response = client.post(
        reverse("publishing:edition-publish", kwargs={"pk": season["edition"].pk}),
        {"when": "later", "at": ""},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"at": ["Give the time."]}


def test_publish_view_schedules_an_embargo(client, organiser, season):
    winner = ready_to_publish(season)

    response = client.post(
        reverse("publishing:edition-publish", kwargs={"pk": season["edition"].pk}),
        {"when": "later", "at": "2099-05-01T18:00"},
    )

    winner.refresh_from_db()
    assert response.status_code == 302
    assert (winner.is_published(), timezone.localtime(winner.publish_at).hour) == (False, 18)


def test_unpublish_view(client, organiser, season):
    winner = ready_to_publish(season)
    client.post(
        reverse("publishing:edition-publish", kwargs={"pk": season["edition"].pk}), {"when": "now"}
    )

    response = client.post(
        reverse("publishing:edition-unpublish", kwargs={"pk": season["edition"].pk})
    )

    winner.refresh_from_db()
    assert (response.status_code, winner.publish_at) == (302, None)


def test_team_check_invite_emails_the_team_in_their_languages(
    client, organiser, season, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("publishing:team-check-invite", kwargs={"pk": draft.pk}))

    assert response.status_code == 302
    assert TeamCheck.objects.get(winner=draft).status == TeamCheckStatus.INVITED
    # One email each, in the recipient's language (the member reads Swedish).
    assert {m.to[0]: m.subject.startswith("[Laurel] Please") for m in mail.outbox} == {
        season["member"].email: False,
        season["entries"][0].owner.email: True,
    }
    assert len(mail.outbox) == 2


def test_team_member_proposes_and_organiser_accepts(client, season, draft):
    TeamCheck.objects.create(winner=draft)
    member = season["member"]
    client.force_login(member)
    url = reverse("publishing:team-check", kwargs={"pk": draft.pk})
    form = client.get(url).context["form"]
    data = {name: form.fields[name].initial for name in form.fields}
    data["idea_title"] = "Turn UP!"

    response = client.post(url, {**data, "propose": "1"})

    assert response.status_code == 302
    correction = Correction.objects.get()
    assert (correction.field, correction.text) == ("idea_title", "Turn UP!")

    organiser = organiser_user()
    AwardOrganiser.objects.create(award=season["edition"].award, user=organiser)
    client.force_login(organiser, mfa=True)
    accept = reverse(
        "publishing:correction-decide", kwargs={"pk": correction.pk, "decision": "accept"}
    )
    client.post(accept)

    draft.refresh_from_db()
    correction.refresh_from_db()
    assert (draft.idea_title, correction.status) == ("Turn UP!", CorrectionStatus.ACCEPTED)


def test_team_member_approves(client, season, draft):
    TeamCheck.objects.create(winner=draft)
    client.force_login(season["entries"][0].owner)
    url = reverse("publishing:team-check", kwargs={"pk": draft.pk})
    form = client.get(url).context["form"]
    data = {name: form.fields[name].initial for name in form.fields}

    client.post(url, {**data, "approve": "1"})

    assert TeamCheck.objects.get(winner=draft).status == TeamCheckStatus.APPROVED


def test_team_check_is_404_for_another_entrant(client, season, draft):
    TeamCheck.objects.create(winner=draft)
    client.force_login(season["entries"][1].owner)

    assert client.get(reverse("publishing:team-check", kwargs={"pk": draft.pk})).status_code == 404


def test_waive_counts_as_done(client, organiser, draft):
    client.post(reverse("publishing:team-check-waive", kwargs={"pk": draft.pk}))

    assert TeamCheck.objects.get(winner=draft).status == TeamCheckStatus.WAIVED


def test_a_members_corrections_are_in_their_data_export(season, draft):
    from accounts.privacy import user_data
    from publishing.services.team_check import team_check_propose

    TeamCheck.objects.create(winner=draft)
    team_check_propose(winner=draft, proposals={"idea_title": "Turn UP!"}, by=season["member"])

    exported = user_data(user=season["member"])["winner_page_corrections"]

    assert [(c["field"], c["text"], c["status"]) for c in exported] == [
        ("idea_title", "Turn UP!", "pending")
    ]


def test_drafts_sync_brings_in_decisions_taken_before(client, organiser, season, draft):
    from publishing.models import WinnerSource

    WinnerSource.objects.all().delete()
    draft.delete()

    response = client.post(
        reverse("publishing:winner-drafts-sync", kwargs={"pk": season["edition"].pk})
    )

    assert response.status_code == 302
    assert list(Winner.objects.values_list("names", flat=True)) == ["Sally Sow, Maja Member"]


def test_drafts_sync_is_404_for_a_chair(client, season):
    client.force_login(season["chair"], mfa=True)

    response = client.post(
        reverse("publishing:winner-drafts-sync", kwargs={"pk": season["edition"].pk})
    )

    assert response.status_code == 404
