import pytest
from django.core.management import call_command

from accounts.models import User
from awards.demo import DEMO_PASSWORD, demo_seed
from awards.models import Award, Category, Edition, Winner, WinnerPhoto

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_open_2026_idea_call_and_2024_winner(client):
    demo_seed()

    award = Award.objects.get(slug="flemingsberg-science-award")
    assert Category.objects.get(edition__award=award, edition__year=2026, code="IDEA").is_open()
    winner = Winner.objects.get(category__edition__year=2024, slug="sally-sow-turn-up")
    assert (winner.names, winner.idea_title, winner.is_published()) == (
        "Sally Sow",
        "Turn UP",
        True,
    )
    page = client.get("/awards/flemingsberg-science-award/2024/idea/sally-sow-turn-up/")
    assert page.status_code == 200
    assert "music events" in page.content.decode()


def test_seed_demo_winner_page_is_complete_with_photo_and_citation(client):
    demo_seed()
    winner = Winner.objects.get(slug="sally-sow-turn-up")
    photo = winner.photos.get()

    content = client.get(winner.get_absolute_url()).content.decode()
    image = client.get(photo.url(960))

    assert photo.widths == [480, 960, 1600]
    assert f'alt="{photo.alt_text_en}"' in content
    assert 'id="citation-heading"' in content
    assert winner.citation_en in content
    assert "<h2>The idea</h2>" in content
    assert (image.status_code, image["Content-Type"]) == (200, "image/jpeg")


def test_seed_demo_claims_no_prize_and_publishes_through_the_reviewed_step():
    from audit.models import AuditEvent

    demo_seed()
    demo_seed()

    category = Category.objects.get(edition__year=2024)
    assert (category.prize_en, category.prize_sv) == ("", "")
    assert Winner.objects.get().citation_en.startswith("Demo text:")
    assert list(
        AuditEvent.objects.filter(action="edition.publish").values_list("actor__email", flat=True)
    ) == ["organiser@laurel.example"]


def test_seed_demo_is_idempotent():
    demo_seed()
    demo_seed()

    assert (Award.objects.count(), Edition.objects.count(), Category.objects.count()) == (1, 2, 2)
    # Four demo accounts and the seven teams of the season in progress (console/demo.py).
    assert (Winner.objects.count(), User.objects.count(), WinnerPhoto.objects.count()) == (1, 11, 1)


def test_demo_passwords_exist_only_in_development(settings):
    settings.DEBUG = False
    demo_seed()

    assert not User.objects.get(email="entrant@laurel.example").has_usable_password()

    settings.DEBUG = True
    demo_seed()

    assert User.objects.get(email="entrant@laurel.example").check_password(DEMO_PASSWORD)


def test_seed_demo_command_prints_the_accounts(capsys):
    call_command("seed_demo")

    out = capsys.readouterr().out
    assert "organiser@laurel.example" in out
    assert "entrant@laurel.example" in out
