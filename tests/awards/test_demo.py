import pytest
from django.core.management import call_command

from accounts.models import User
from awards.demo import DEMO_PASSWORD, demo_seed
from awards.models import Award, Category, Edition, Winner

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


def test_seed_demo_is_idempotent():
    demo_seed()
    demo_seed()

    assert (Award.objects.count(), Edition.objects.count(), Category.objects.count()) == (1, 2, 2)
    assert (Winner.objects.count(), User.objects.count()) == (1, 4)


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
