"""Finding 7 of the outside probe: names accepted CR/LF and control characters. Names are text:
one line of visible characters, refused with a message next to the field and nothing saved."""

import pytest
from django.urls import reverse

from accounts.validators import has_control_characters
from judging.enums import JuryRole
from judging.models import JuryMember
from tests.factories import EntryFactory, JuryMemberFactory, UserFactory

pytestmark = pytest.mark.django_db
MESSAGE = "no line breaks, tabs or other invisible control characters"
BAD = [
    "Sally\r\nBcc: all@example.org",
    "Sally\tSow",
    "Sally\x07Sow",  # a control character (NUL is refused by Django itself)
    "Sally \u202eWOS",  # right-to-left override
    "Sally\u2028Sow",  # line separator
    "Sally\u200bSow",  # zero-width space
]


@pytest.mark.parametrize("name", BAD)
def test_profile_refuses_control_characters_next_to_the_field(client, name):
    user = UserFactory(display_name="Sally Sow", organisation="Turn UP AB")
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile-edit"), {"display_name": name, "organisation": name}
    )

    user.refresh_from_db()
    form = response.context["form"]
    assert MESSAGE in " ".join(form.errors["display_name"])
    assert MESSAGE in " ".join(form.errors["organisation"])
    assert (user.display_name, user.organisation) == ("Sally Sow", "Turn UP AB")


@pytest.mark.parametrize("name", ["Åsa Öberg-Ünal", "Zoë d'Arc", "محمد", "👩‍🔬 Lab", "Anna (KI)"])
def test_real_names_pass(name):
    assert has_control_characters(name) is False


def test_entry_form_refuses_a_title_or_organisation_with_a_line_break(client):
    entry = EntryFactory(title="Turn UP", organisation="")
    client.force_login(entry.owner)
    data = {
        "title": "Turn\nUP",
        "pitch": "",
        "organisation": "A\u202eB",
        "revision": entry.revision,
    }

    page = client.post(reverse("submissions:entry-edit", args=[entry.pk]), data)
    autosave = client.post(reverse("submissions:entry-autosave", args=[entry.pk]), data)

    entry.refresh_from_db()
    assert MESSAGE in " ".join(page.context["form"].errors["title"])
    assert MESSAGE in " ".join(page.context["form"].errors["organisation"])
    assert autosave.status_code == 422
    assert MESSAGE in autosave.content.decode()
    assert (entry.title, entry.organisation) == ("Turn UP", "")


def test_jury_invitation_refuses_a_name_with_a_line_break(client):
    chair = JuryMemberFactory(role=JuryRole.CHAIR)
    client.force_login(chair.user)

    response = client.post(
        reverse("judging:jury-list", args=[chair.category_id]),
        {"email": "new@example.org", "name": "New\r\nJudge", "role": JuryRole.JUDGE},
    )

    assert MESSAGE in " ".join(response.context["form"].errors["name"])
    assert not JuryMember.objects.filter(email="new@example.org").exists()
