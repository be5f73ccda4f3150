"""Awards, editions (new and cloned) and categories set up from the console."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from awards.models import Award, Category, Edition
from tests.factories import AwardFactory, CategoryFactory, EditionFactory, UserFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_organiser_creates_an_award_and_becomes_its_organiser(client, organiser):
    client.force_login(organiser)

    response = client.post(
        reverse("console:award-create"),
        {
            "name_en": "KTH Innovation Award",
            "name_sv": "KTH:s innovationspris",
            "slug": "kth",
            "code": "KTH",
            "description_en": "",
            "description_sv": "",
            "organiser": "KTH",
            "website": "",
        },
    )

    assert response.status_code == 302
    award = Award.objects.get(slug="kth")
    assert list(award.organisers.values_list("user", flat=True)) == [organiser.pk]
    assert AuditEvent.objects.filter(action="award.create", target_id=str(award.pk)).count() == 1


def test_award_form_shows_a_taken_code_beside_the_field(client, organiser, award):
    client.force_login(organiser)

    response = client.post(
        reverse("console:award-create"),
        {"name_en": "Other", "slug": "other", "code": "fsa"},
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["code"]


def test_edition_form_has_one_labelled_datetime_input_per_date(client, organiser, award):
    client.force_login(organiser)

    html = client.get(reverse("console:edition-create", args=[award.pk])).content.decode()

    for name in ("call_opens_at", "call_closes_at", "judging_starts_at", "judging_ends_at"):
        assert f'type="datetime-local" name="{name}"' in html
        assert f'for="id_{name}"' in html
    assert "Stockholm time." in html


def test_organiser_creates_an_edition_in_stockholm_time(client, organiser, award):
    client.force_login(organiser)

    response = client.post(
        reverse("console:edition-create", args=[award.pk]),
        {"year": 2027, "call_opens_at": "2027-03-01T09:00", "call_closes_at": "2027-05-15T12:00"},
    )

    assert response.status_code == 302
    edition = Edition.objects.get(award=award, year=2027)
    assert edition.call_opens_at == dt.datetime(2027, 3, 1, 9, 0, tzinfo=STOCKHOLM)
    assert AuditEvent.objects.filter(action="edition.create", edition=edition).count() == 1


def test_edition_closing_before_it_opens_is_refused_beside_the_field(client, organiser, award):
    client.force_login(organiser)

    response = client.post(
        reverse("console:edition-create", args=[award.pk]),
        {"year": 2027, "call_opens_at": "2027-05-01T09:00", "call_closes_at": "2027-03-01T09:00"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "call_closes_at": ["The call must close after it opens."]
    }


def test_organiser_clones_an_edition_to_the_next_year(client, organiser, award):
    source = EditionFactory(award=award, year=2026)
    CategoryFactory(edition=source, code="IDEA", name_en="Idea")
    client.force_login(organiser)

    page = client.get(reverse("console:edition-clone", args=[source.pk]))
    response = client.post(reverse("console:edition-clone", args=[source.pk]), {"year": 2027})

    assert page.context["form"]["year"].initial == 2027
    assert response.status_code == 302
    clone = Edition.objects.get(award=award, year=2027)
    assert list(clone.categories.values_list("code", flat=True)) == ["IDEA"]


def test_cloning_into_a_year_taken_is_refused(client, organiser, award):
    source = EditionFactory(award=award, year=2026)
    EditionFactory(award=award, year=2027)
    client.force_login(organiser)

    response = client.post(reverse("console:edition-clone", args=[source.pk]), {"year": 2027})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "year": ["This award already has an edition in 2027."]
    }


def _category_data(**fields):
    data = {
        "name_en": "Idea",
        "name_sv": "Idé",
        "slug": "idea",
        "code": "IDEA",
        "position": 1,
        "max_entries_per_entrant": 1,
        "entries_editable_after_submission": "on",
        "call_opens_at": "2026-03-01T09:00",
        "call_closes_at": "2026-05-20T12:00",
    }
    return data | fields


def test_organiser_creates_and_edits_a_category(client, organiser, award):
    edition = EditionFactory(award=award, year=2026)
    client.force_login(organiser)

    created = client.post(reverse("console:category-create", args=[edition.pk]), _category_data())
    category = Category.objects.get(edition=edition)
    edited = client.post(
        reverse("console:category-edit", args=[category.pk]),
        _category_data(max_entries_per_entrant=3, eligibility_en="Students only"),
    )

    category.refresh_from_db()
    assert (created.status_code, edited.status_code) == (302, 302)
    assert category.call_closes_at == dt.datetime(2026, 5, 20, 12, 0, tzinfo=STOCKHOLM)
    assert (category.max_entries_per_entrant, category.eligibility_en) == (3, "Students only")
    assert list(
        AuditEvent.objects.filter(target_id=str(category.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["category.create", "category.update"]


def test_category_slug_taken_in_the_edition_is_refused(client, organiser, award):
    edition = EditionFactory(award=award)
    CategoryFactory(edition=edition, slug="idea", code="OTHER")
    client.force_login(organiser)

    response = client.post(reverse("console:category-create", args=[edition.pk]), _category_data())

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["slug"]


@pytest.mark.parametrize(
    "name",
    ["console:award-edit", "console:edition-create"],
)
def test_setup_pages_are_404_for_another_awards_organiser(client, organiser, name):
    other = AwardFactory()
    client.force_login(organiser)

    assert client.get(reverse(name, args=[other.pk])).status_code == 404


def test_edition_and_category_pages_are_404_for_another_awards_organiser(client, organiser):
    category = CategoryFactory()
    client.force_login(organiser)

    statuses = [
        client.get(reverse("console:edition-edit", args=[category.edition.pk])).status_code,
        client.get(reverse("console:edition-clone", args=[category.edition.pk])).status_code,
        client.get(reverse("console:category-create", args=[category.edition.pk])).status_code,
        client.get(reverse("console:category-edit", args=[category.pk])).status_code,
    ]

    assert statuses == [404, 404, 404, 404]


def test_setup_pages_are_404_for_entrants(client):
    client.force_login(UserFactory())

    assert client.get(reverse("console:award-create")).status_code == 404
